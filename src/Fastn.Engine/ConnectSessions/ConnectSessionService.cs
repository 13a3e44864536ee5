using System.Security.Cryptography;
using System.Text;
using Fastn.Connectors;
using Fastn.Connectors.Authentication;
using Fastn.Engine.Connections;
using Fastn.Engine.Errors;
using Fastn.Engine.Hosting;
using Fastn.Engine.Registry;
using Fastn.Storage;
using Fastn.Storage.ConnectSessions;
using Fastn.Storage.Workspaces;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.ConnectSessions;

/// <summary>
/// Connect sessions: a workspace's backend creates one for a tenant; the hosted connect page, holding only the
/// session token, lets that tenant's user connect one allowed app. The tenant always comes from the session.
/// A session is claimed atomically by the first successful connection and refused afterwards. The page runs in
/// system scope only until its token has named a session: from then on the store sees only that session's
/// workspace and tenant.
/// </summary>
public sealed class ConnectSessionService(
    ConnectSessionStore sessions,
    ConnectorRegistry registry,
    ConnectionService connectionService,
    Storage.Connections.ConnectionStore connections,
    WorkspaceStore workspaces,
    TenantScope scope,
    IOptions<FastnEngineOptions> options,
    TimeProvider time)
{
    /// <summary>Default session lifetime in seconds.</summary>
    public const int DefaultLifetimeSeconds = 1800;

    /// <summary>Longest session lifetime in seconds.</summary>
    public const int MaxLifetimeSeconds = 86400;

    /// <summary>Path of the page's OAuth result view (the OAuth callback redirects there).</summary>
    public const string ResultPath = "/connect/result";

    /// <summary>Validates the request and creates a session for the workspace; returns it with its token.</summary>
    public async Task<CreatedConnectSessionView> CreateAsync(string workspaceId, ConnectSessionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.TenantId))
        {
            throw FastnException.Validation("'tenantId' is required: the id of your customer the connection will belong to (e.g. \"customer-42\").", "$.tenantId");
        }

        if (Storage.Workspaces.TenantId.Validate(request.TenantId) is { } tenantError)
        {
            throw FastnException.Validation($"'tenantId' {tenantError}: use {Storage.Workspaces.TenantId.Rule}.", "$.tenantId");
        }

        var allowed = new List<string>();
        for (var i = 0; i < (request.AllowedConnectors?.Count ?? 0); i++)
        {
            var name = request.AllowedConnectors![i];
            if (string.IsNullOrWhiteSpace(name) || registry.Find(name) is null)
            {
                throw FastnException.Validation($"There is no connector '{name}'. List the registered connectors to see their names.", $"$.allowedConnectors[{i}]");
            }

            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                allowed.Add(name);
            }
        }

        var seconds = request.ExpiresInSeconds ?? DefaultLifetimeSeconds;
        if (seconds is < 60 or > MaxLifetimeSeconds)
        {
            throw FastnException.Validation($"'expiresInSeconds' must be between 60 and {MaxLifetimeSeconds} (default {DefaultLifetimeSeconds}).", "$.expiresInSeconds");
        }

        // The hosted page is on Fastn's origin, so a path would not lead back to the app: only registered URLs.
        var returnUrl = await ReturnUrl.RequireAsync(request.ReturnUrl, allowPath: false,
            async ct => await sessions.ListRedirectUrlsAsync(workspaceId, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        await workspaces.EnsureTenantAsync(workspaceId, request.TenantId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var created = await sessions.CreateAsync(new NewConnectSession
        {
            WorkspaceId = workspaceId,
            TenantId = request.TenantId,
            AllowedConnectors = allowed,
            ReturnUrl = returnUrl,
            Lifetime = TimeSpan.FromSeconds(seconds),
        }, cancellationToken).ConfigureAwait(false);
        return new CreatedConnectSessionView(ConnectSessionView.From(created.Session), created.Token);
    }

    /// <summary>The page URL for a token: <c>{PublicBaseUrl}/connect?session={token}</c>.</summary>
    public string PageUrl(string token) => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/connect?session={Uri.EscapeDataString(token)}";

    /// <summary>The open (known, unexpired, unused) session of a token, or the problem saying why not.</summary>
    public async Task<ConnectSessionView> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        var session = await FindAsync(token, cancellationToken).ConfigureAwait(false) ?? throw ConnectSessionProblems.Invalid();
        if (session.ConsumedAt is not null)
        {
            throw ConnectSessionProblems.Used();
        }

        return session.ExpiresAt <= time.GetUtcNow() ? throw ConnectSessionProblems.Expired() : session;
    }

    /// <summary>The connectors the session offers (all registered ones when it names none), by display name.</summary>
    public IReadOnlyList<ConnectorDefinition> Choices(ConnectSessionView session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var names = session.AllowedConnectors;
        var list = names.Count == 0
            ? registry.All.Select(c => c.Definition)
            : names.Select(n => registry.Find(n)?.Definition).OfType<ConnectorDefinition>();
        return [.. list.Where(d => d.Auth.Default is not null).OrderBy(d => d.DisplayName, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The connector if the session offers it, otherwise the not-allowed problem.</summary>
    public ConnectorDefinition RequireAllowed(ConnectSessionView session, string connector)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Choices(session).FirstOrDefault(d => d.Name == connector) ?? throw ConnectSessionProblems.NotAllowed(connector);
    }

    /// <summary>The form field that names the auth method the user chose, when the connector offers several.</summary>
    public const string AuthMethodField = "auth_method";

    /// <summary>Whether the connector's default auth method goes through the app's OAuth consent page (authorization code).</summary>
    public static bool UsesOAuthRedirect(ConnectorDefinition definition) => UsesOAuthRedirect(definition?.Auth.Default);

    /// <summary>Whether an auth method goes through the app's OAuth consent page (authorization code).</summary>
    public static bool UsesOAuthRedirect(AuthMethod? method) => method is OAuth2Auth { GrantType: OAuth2GrantType.AuthorizationCode };

    /// <summary>The auth method <paramref name="id"/> names among the connector's (its default when null), or a validation error listing them.</summary>
    public static AuthMethod MethodOf(ConnectorDefinition definition, string? id)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Auth.Find(id) ?? throw FastnException.Validation(
            $"{definition.DisplayName} has no sign-in method '{id}'; choose one of: {string.Join(", ", definition.Auth.Select(m => m.EffectiveId))}.", AuthMethodField);
    }

    /// <summary>Refuses a form whose anti-forgery value is not the session's (constant-time compare).</summary>
    public static void CheckForm(ConnectSessionView session, string? formToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var expected = Encoding.UTF8.GetBytes(session.FormToken);
        var presented = Encoding.UTF8.GetBytes(formToken ?? "");
        if (!CryptographicOperations.FixedTimeEquals(expected, presented))
        {
            throw ConnectSessionProblems.Forgery();
        }
    }

    /// <summary>
    /// Connects with entered credentials for the session's tenant: claims the session, creates the connection through
    /// <see cref="ConnectionService.CreateAsync"/> (which verifies them), and gives the claim back if that fails.
    /// Values whose names are not credential fields of the connector are ignored.
    /// </summary>
    public async Task<ConnectSessionOutcome> ConnectWithCredentialsAsync(string? token, string connector, string? formToken,
        IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var session = await OpenAsync(token, cancellationToken).ConfigureAwait(false);
        CheckForm(session, formToken);
        var definition = RequireAllowed(session, connector);
        var method = MethodOf(definition, form.GetValueOrDefault(AuthMethodField));
        if (UsesOAuthRedirect(method))
        {
            throw FastnException.Validation($"{definition.DisplayName} connects through its own sign-in page; use its button on the connect page.");
        }

        var credentials = method.Fields.Where(f => form.ContainsKey(f.Name)).ToDictionary(f => f.Name, f => form[f.Name], StringComparer.Ordinal);
        var claimedAt = await sessions.TryClaimAsync(session.Id, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw await WhyClosedAsync(token, cancellationToken).ConfigureAwait(false);
        ConnectionView connection;
        try
        {
            connection = await connectionService.CreateAsync(session.Tenant,
                new CreateConnectionRequest(definition.Name, method.EffectiveId, credentials, null), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Nothing was created: the user may correct the form and try again with the same link.
            await sessions.ReleaseAsync(session.Id, claimedAt, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return await CompleteAsync(session, connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the app's OAuth flow for the session's tenant; the callback sends the user to
    /// <see cref="ResultPath"/> (with the session id), where <see cref="CompleteOAuthAsync"/> claims the session.
    /// Returns the app's authorization URL.
    /// </summary>
    public async Task<string> StartOAuthAsync(string? token, string connector, string? formToken,
        IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var session = await OpenAsync(token, cancellationToken).ConfigureAwait(false);
        CheckForm(session, formToken);
        var definition = RequireAllowed(session, connector);
        var method = MethodOf(definition, form.GetValueOrDefault(AuthMethodField));
        if (!UsesOAuthRedirect(method))
        {
            throw FastnException.Validation($"{definition.DisplayName} connects with credentials; fill in its form.");
        }

        var parameters = method.Fields.Where(f => form.ContainsKey(f.Name)).ToDictionary(f => f.Name, f => form[f.Name], StringComparer.Ordinal);
        var start = await connectionService.StartOAuthAsync(session.Tenant, definition.Name, method.EffectiveId,
            parameters, $"{ResultPath}?cs={Uri.EscapeDataString(session.Id)}", null, cancellationToken).ConfigureAwait(false);
        return start.AuthorizationUrl;
    }

    /// <summary>
    /// Runs at the OAuth callback before the code is exchanged: when the attempt was started by the connect page
    /// (its return URL is <see cref="ResultPath"/>), the browser must carry that session's token, so a consent link
    /// forwarded to another browser creates nothing (RFC 9700 §4.7.1). Other attempts pass.
    /// </summary>
    public async Task CheckBrowserBindingAsync(string? token, string? returnUrl, CancellationToken cancellationToken)
    {
        const string prefix = ResultPath + "?cs=";
        if (returnUrl is null || !returnUrl.StartsWith(prefix, StringComparison.Ordinal))
        {
            return;
        }

        var sessionId = Uri.UnescapeDataString(returnUrl[prefix.Length..]);
        var session = string.IsNullOrEmpty(token) ? null : await sessions.FindByTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (session is null || session.Id != sessionId)
        {
            throw ConnectSessionProblems.OtherBrowser();
        }
    }

    /// <summary>
    /// Finishes an OAuth connect after the callback: the connection must be new, of the session's tenant and an allowed
    /// connector; the session is claimed for it. If the session was meanwhile used by another connection (two tabs),
    /// this connection is deleted and the used problem is thrown, so one session never yields two connections.
    /// Reopening the result of the same completed session shows it again.
    /// </summary>
    public async Task<ConnectSessionOutcome> CompleteOAuthAsync(string? token, string? sessionId, string? connectionId, CancellationToken cancellationToken)
    {
        var session = await FindAsync(token, cancellationToken).ConfigureAwait(false);
        if (session is null || session.Id != sessionId)
        {
            throw ConnectSessionProblems.Invalid();
        }

        var stored = string.IsNullOrEmpty(connectionId) ? null : await connections.GetAsync(connectionId, cancellationToken).ConfigureAwait(false);
        var connection = stored is null ? null : ConnectionView.From(stored);
        if (connection is null || connection.Tenant != session.Tenant || connection.CreatedAt < session.CreatedAt)
        {
            throw FastnException.NotFound("The connection this page was sent back with does not belong to this connect link. Start again from the app that sent you here.");
        }

        if (session.ConnectionId == connection.Id)
        {
            return new ConnectSessionOutcome(session, connection, await ReturnUrlForAsync(session, connection, cancellationToken).ConfigureAwait(false));
        }

        RequireAllowed(session, connection.Connector);
        // The OAuth state lives at most this long, so a flow started before expiry may finish shortly after it.
        var claimed = await sessions.TryClaimAsync(session.Id, options.Value.OAuthStateLifetime, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            await connectionService.DeleteAsync(session.Tenant, connection.Id, CancellationToken.None).ConfigureAwait(false);
            throw session.ConsumedAt is not null || (await FindAsync(token, cancellationToken).ConfigureAwait(false))?.ConsumedAt is not null
                ? ConnectSessionProblems.Used()
                : ConnectSessionProblems.Expired();
        }

        return await CompleteAsync(session, connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The session of a token. The lookup itself needs system scope (the token is the only credential); once it
    /// names a session, the scope narrows to that session's workspace and tenant for the rest of the request.
    /// </summary>
    private async Task<ConnectSessionView?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        var session = string.IsNullOrEmpty(token) ? null : await sessions.FindByTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return null;
        }

        scope.Set(session.WorkspaceId, session.TenantId);
        return ConnectSessionView.From(session);
    }

    private async Task<ConnectSessionOutcome> CompleteAsync(ConnectSessionView session, ConnectionView connection, CancellationToken cancellationToken)
    {
        var completed = ConnectSessionView.From(await sessions.CompleteAsync(session.Id, connection.Id, connection.Connector, cancellationToken).ConfigureAwait(false));
        return new ConnectSessionOutcome(completed, connection, await ReturnUrlForAsync(completed, connection, cancellationToken).ConfigureAwait(false));
    }

    // Checked again, against the list registered now, before the page links or refreshes to it: a session stored
    // before the rule, or whose URL was unregistered since, sends nobody elsewhere.
    private async Task<string?> ReturnUrlForAsync(ConnectSessionView session, ConnectionView connection, CancellationToken cancellationToken) =>
        session.ReturnUrl is { } url && await ReturnUrl.IsAllowedAsync(url, allowPath: false,
            async ct => await sessions.ListRedirectUrlsAsync(session.Tenant.WorkspaceId, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false)
            ? RedirectUrls.WithConnection(url, connection.Id, connection.Connector)
            : null;

    private async Task<FastnException> WhyClosedAsync(string? token, CancellationToken cancellationToken)
    {
        try
        {
            await OpenAsync(token, cancellationToken).ConfigureAwait(false);
            return ConnectSessionProblems.Used();
        }
        catch (FastnException problem)
        {
            return problem;
        }
    }
}
