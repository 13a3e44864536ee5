using System.Text.Encodings.Web;
using Fastn.Engine.Errors;
using Fastn.Server.Errors;
using Fastn.Storage.ApiKeys;
using Fastn.Storage.Workspaces;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Fastn.Server.Security;

/// <summary>
/// The API key scheme: <c>Authorization: Bearer fk_…</c> (or <c>x-fastn-api-key</c>) → a <see cref="FastnPrincipal"/>.
/// A challenge answers problem+json 401 saying why the key was not accepted.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private const string MissingKey =
        "Send your API key as 'Authorization: Bearer fk_…' or in the 'x-fastn-api-key' header. The admin key is printed at first start and kept in data/admin-api-key.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var key = await Context.RequestServices.GetRequiredService<ApiKeyStore>().FindAsync(presented, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked. Create a new one with POST /api/v1/api-keys using an admin key.");
        }

        // A key stored before the tenant-id rule with a bad tenant ("" included) is refused, never widened to the workspace.
        if (key.TenantId is not null && TenantId.Validate(key.TenantId) is not null)
        {
            return AuthenticateResult.Fail("This API key is scoped to an invalid tenant id and is refused. Revoke it and create a new tenant-scoped key with a valid 'tenantId'.");
        }

        var role = key.TenantId is null ? key.Role : ApiKeyRole.Member;
        var principal = FastnPrincipal.Create(key.WorkspaceId, key.TenantId, key.Id, role, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.From(FastnException.Unauthenticated(result.Failure?.Message ?? MissingKey)).ExecuteAsync(Context);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers["x-fastn-api-key"].FirstOrDefault();
        if (!string.IsNullOrWhiteSpace(header))
        {
            return header.Trim();
        }

        var authorization = request.Headers.Authorization.FirstOrDefault();
        return authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : null;
    }
}
