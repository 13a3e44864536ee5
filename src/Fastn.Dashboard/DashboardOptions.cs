using System.Security.Claims;
using Fastn.Storage.ApiKeys;

namespace Fastn.Dashboard;

/// <summary>
/// How the dashboard shares the host's identity: the host builds and reads its principal (the API's own claims), so a
/// cookie session carries exactly what an API key's request carries and the same rules apply to both.
/// </summary>
public sealed class DashboardOptions
{
    /// <summary>The host's API key authentication scheme, kept for API requests (never answered with the cookie).</summary>
    public string ApiKeyScheme { get; set; } = "ApiKey";

    /// <summary>Builds the principal of a verified key: workspace, key tenant (or null), key id, role, authentication type.</summary>
    public Func<string, string?, string, ApiKeyRole, string, ClaimsPrincipal>? CreatePrincipal { get; set; }

    /// <summary>Reads a principal back into a <see cref="DashboardIdentity"/>, or null when it is not a complete one.</summary>
    public Func<ClaimsPrincipal, DashboardIdentity?>? ReadPrincipal { get; set; }

    /// <summary>How long a session lasts without activity (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often an open dashboard checks that its key was not revoked.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The host's static web assets endpoints manifest, when the host runs from its build output.</summary>
    internal string? StaticAssetsManifest { get; set; }

    internal DashboardIdentity? Read(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true ? (ReadPrincipal ?? throw new InvalidOperationException($"{nameof(DashboardOptions)}.{nameof(ReadPrincipal)} is not set."))(principal) : null;
}
