using System.Text.Json;
using Fastn.Connectors;
using Fastn.Connectors.Authentication;
using Fastn.Engine.ConnectSessions;
using Fastn.Engine.Errors;
using Fastn.Engine.Execution;
using Fastn.Engine.Hosting;
using Fastn.Engine.OAuth;
using Fastn.Engine.Registry;
using Fastn.Engine.Vault;
using Fastn.Storage;
using Fastn.Storage.Connections;
using Fastn.Storage.ConnectSessions;
using Fastn.Storage.OAuth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.Connections;

/// <summary>
/// Creates, re-authorizes and removes connections: credential forms (verified by the connector's test
/// action before anything is stored), OAuth2 authorization code with state + PKCE, and client credentials.
/// </summary>
public sealed class ConnectionService(
    ConnectorRegistry registry,
    ConnectionStore connections,
    OAuthStateStore states,
    ConnectSessionStore redirectUrls,
    IOAuthAppProvider oauthApps,
    CredentialVault vault,
    OAuthTokenClient tokens,
    ActionExecutor executor,
    IGrainFactory grains,
    IOptions<FastnEngineOptions> options,
    TimeProvider time,
    ILogger<ConnectionService> logger)
{
    /// <summary>Connects with entered credentials (none, basic, bearer, API key, custom) or the client-credentials grant.</summary>
    public async Task<ConnectionView> CreateAsync(TenantInfo tenant, CreateConnectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(request);
        if (DisplayText.Validate(request.DisplayName) is { } nameError)
        {
            throw FastnException.Validation($"'displayName' {nameError}.", "$.displayName");
        }

        var (definition, method) = Resolve(request.Connector, request.AuthMethod);
        var (secrets, expiresAt, metadata) = await ObtainCredentialsAsync(tenant, definition, method, request.Credentials, cancellationToken).ConfigureAwait(false);
        var connection = await connections.CreateAsync(new NewConnection
        {
            WorkspaceId = tenant.WorkspaceId,
            TenantId = tenant.TenantId,
            Connector = definition.Name,
            AuthMethod = method.EffectiveId,
            DisplayName = request.DisplayName,
            Metadata = JsonSerializer.Serialize(metadata),
            CredentialProtected = vault.Protect(secrets),
            AccessTokenExpiresAt = expiresAt,
        }, cancellationToken).ConfigureAwait(false);
        LogConnected(connection, "credentials");
        return ConnectionView.From(connection);
    }

    /// <summary>Replaces a connection's credentials with newly entered ones; the id stays the same.</summary>
    public async Task<ConnectionView> ReconnectAsync(TenantInfo tenant, string connectionId, IReadOnlyDictionary<string, string>? credentials, CancellationToken cancellationToken)
    {
        var existing = await GetOwnedEntityAsync(tenant, connectionId, cancellationToken).ConfigureAwait(false);
        var (definition, method) = Resolve(existing.Connector, existing.AuthMethod);
        if (method is OAuth2Auth { GrantType: OAuth2GrantType.AuthorizationCode })
        {
            throw FastnException.Validation($"Connection '{connectionId}' uses OAuth: reconnect it by starting the OAuth flow for '{definition.Name}' again with connection id '{connectionId}'.");
        }

        var (secrets, expiresAt, metadata) = await ObtainCredentialsAsync(tenant, definition, method, credentials, cancellationToken).ConfigureAwait(false);
        return ConnectionView.From(await StoreReauthorizedAsync(existing.Id, secrets, expiresAt, metadata, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Starts OAuth2 authorization code: stores a single-use state bound to workspace, tenant and connector, and returns the app's URL.</summary>
    public async Task<OAuthStart> StartOAuthAsync(TenantInfo tenant, string connector, string? authMethod, IReadOnlyDictionary<string, string>? parameters,
        string? returnUrl, string? connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        // A path on this server, or one of the workspace's registered URLs; checked before anything is stored.
        returnUrl = await ReturnUrl.RequireAsync(returnUrl, allowPath: true, ct => RegisteredAsync(tenant.WorkspaceId, ct), cancellationToken).ConfigureAwait(false);
        var (definition, method) = Resolve(connector, authMethod);
        if (method is not OAuth2Auth { GrantType: OAuth2GrantType.AuthorizationCode } oauth)
        {
            throw FastnException.Validation($"'{definition.Name}' auth method '{method.EffectiveId}' is not OAuth2 authorization code; create the connection with its credentials instead.", "$.authMethod");
        }

        if (connectionId is not null)
        {
            var existing = await GetOwnedEntityAsync(tenant, connectionId, cancellationToken).ConfigureAwait(false);
            if (existing.Connector != definition.Name)
            {
                throw FastnException.Validation($"Connection '{connectionId}' belongs to '{existing.Connector}', not '{definition.Name}'.", "$.connectionId");
            }
        }

        var values = CheckFields(oauth.ConnectionParameters, parameters, "$.parameters");
        var client = await oauthApps.GetAsync(tenant.WorkspaceId, definition.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new FastnException("fastn:oauth-app-missing", ErrorCategory.Conflict, "No OAuth app configured",
                $"The workspace has no OAuth app (client id and secret) for '{definition.Name}'. Register the OAuth app for '{definition.Name}' (an admin does this), using the redirect URI {options.Value.OAuthRedirectUri}.");
        var verifier = Pkce.NewVerifier();
        var lifetime = options.Value.OAuthStateLifetime;
        var state = await states.CreateAsync(new NewOAuthState
        {
            WorkspaceId = tenant.WorkspaceId,
            TenantId = tenant.TenantId,
            Connector = definition.Name,
            AuthMethod = method.EffectiveId,
            RedirectUri = options.Value.OAuthRedirectUri,
            CodeVerifierProtected = vault.ProtectValue(verifier),
            ConnectionId = connectionId,
            ReturnUrl = returnUrl,
            Parameters = JsonSerializer.Serialize(values),
            Lifetime = lifetime,
        }, cancellationToken).ConfigureAwait(false);

        var query = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", client.ClientId),
            new("redirect_uri", options.Value.OAuthRedirectUri),
            new("state", state),
        };
        // The workspace's OAuth app may narrow or widen the connector's default scopes.
        var scopes = client.Scopes ?? oauth.Scopes;
        if (scopes.Count > 0)
        {
            query.Add(new("scope", oauth.ScopeString(scopes)));
        }

        if (oauth.Pkce)
        {
            query.Add(new("code_challenge", Pkce.Challenge(verifier)));
            query.Add(new("code_challenge_method", "S256"));
        }

        query.AddRange(oauth.ExtraAuthorizeParameters);
        var baseUrl = OAuth2Auth.ResolveTemplate(oauth.AuthorizationUrl!, values);
        var separator = baseUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var url = baseUrl + separator + string.Join('&', query.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));
        return new OAuthStart(url, time.GetUtcNow() + lifetime);
    }

    /// <summary>
    /// Completes OAuth2: consumes the state (once), checks the issuer (RFC 9207), lets <paramref name="beforeExchange"/>
    /// check the browser binding (it receives the state's return URL), exchanges the code with the PKCE verifier, runs
    /// the connector's test action and stores the tokens. Any failure before the store creates nothing.
    /// </summary>
    public async Task<OAuthCompletion> CompleteOAuthAsync(IReadOnlyDictionary<string, string> query, Func<string?, CancellationToken, Task>? beforeExchange,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!query.TryGetValue("state", out var stateValue) || string.IsNullOrEmpty(stateValue))
        {
            throw FastnException.Validation("The callback has no 'state' parameter. Start the connection again.", "state");
        }

        var state = await states.ConsumeAsync(stateValue, cancellationToken).ConfigureAwait(false)
            ?? throw new FastnException("fastn:oauth-state-invalid", ErrorCategory.Validation, "Unknown or used OAuth state",
                $"This authorization attempt is unknown, was already used, or expired (they last {Describe(options.Value.OAuthStateLifetime)}). Start the connection again.");
        if (query.TryGetValue("error", out var error))
        {
            query.TryGetValue("error_description", out var description);
            throw new FastnException("fastn:oauth-denied", ErrorCategory.Validation, "The app did not grant access",
                $"The app answered '{Truncate(error)}'{(description is null ? "" : $": {Truncate(description)}")}. Nothing was connected; try again.");
        }

        if (!query.TryGetValue("code", out var code) || string.IsNullOrEmpty(code))
        {
            throw FastnException.Validation("The callback has no 'code' parameter. Start the connection again.", "code");
        }

        var (definition, method) = Resolve(state.Connector, state.AuthMethod);
        if (method is not OAuth2Auth { GrantType: OAuth2GrantType.AuthorizationCode } oauth)
        {
            // The connector was updated between the start and the callback.
            throw new FastnException("fastn:oauth-method-changed", ErrorCategory.Conflict, "The connector changed during the attempt",
                $"'{definition.Name}' auth method '{method.EffectiveId}' no longer uses the OAuth authorization code flow (the connector was updated). Nothing was connected; start the connection again.");
        }

        var tenant = new TenantInfo(state.WorkspaceId, state.TenantId);
        var parameters = JsonSerializer.Deserialize<Dictionary<string, string>>(state.Parameters) ?? [];
        CheckIssuer(oauth, parameters, query);
        if (beforeExchange is not null)
        {
            await beforeExchange(state.ReturnUrl, cancellationToken).ConfigureAwait(false);
        }

        var client = await oauthApps.GetAsync(state.WorkspaceId, definition.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new FastnException("fastn:oauth-app-missing", ErrorCategory.Conflict, "No OAuth app configured", $"The OAuth app for '{definition.Name}' was removed during the attempt.");
        OAuthTokens result;
        try
        {
            result = await tokens.ExchangeCodeAsync(oauth, client, parameters, code, state.RedirectUri,
                oauth.Pkce ? vault.UnprotectValue(state.CodeVerifierProtected) : null, cancellationToken).ConfigureAwait(false);
        }
        catch (OAuthTokenException ex)
        {
            // An authorization code is single use: even a network failure is retried by starting again, not by resending.
            throw new FastnException("fastn:oauth-exchange-failed", ex.Error == "network_error" ? ErrorCategory.Unreachable : ErrorCategory.Upstream,
                "The app refused the authorization code", $"{ex.Message} Nothing was connected; start the connection again.", null, ex) { Retryable = false };
        }

        var secrets = new Dictionary<string, string>(parameters) { [SecretKeys.AccessToken] = result.AccessToken };
        if (result.RefreshToken is not null)
        {
            secrets[SecretKeys.RefreshToken] = result.RefreshToken;
        }

        var metadata = new Dictionary<string, string>(parameters);
        foreach (var (key, value) in result.Extra)
        {
            metadata[key] = value;
        }

        foreach (var name in oauth.CallbackParameters.Where(query.ContainsKey))
        {
            metadata[name] = query[name];
        }

        if (result.Scope is not null)
        {
            metadata["scope"] = result.Scope;
        }

        metadata[ConnectionGrain.TokenObtainedAtKey] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        if (definition.Capabilities.TestAction is not null)
        {
            // As for entered credentials: a connection is only stored once the app accepts its token.
            var credentials = new AuthCredentials(method.Kind, method.EffectiveId, parameters, result.AccessToken, result.ExpiresAt, metadata);
            await executor.TestCredentialsAsync(definition, method, credentials, tenant, cancellationToken).ConfigureAwait(false);
        }

        var returnUrl = await ReturnUrlOfAsync(state, cancellationToken).ConfigureAwait(false);
        if (state.ConnectionId is { } existingId)
        {
            var reconnected = await StoreReauthorizedAsync(existingId, secrets, result.ExpiresAt, metadata, cancellationToken).ConfigureAwait(false);
            LogConnected(reconnected, "OAuth reconnect");
            return new OAuthCompletion(ConnectionView.From(reconnected), returnUrl, true);
        }

        var created = await connections.CreateAsync(new NewConnection
        {
            WorkspaceId = tenant.WorkspaceId,
            TenantId = tenant.TenantId,
            Connector = definition.Name,
            AuthMethod = method.EffectiveId,
            Metadata = JsonSerializer.Serialize(metadata),
            CredentialProtected = vault.Protect(secrets),
            AccessTokenExpiresAt = result.ExpiresAt,
        }, cancellationToken).ConfigureAwait(false);
        LogConnected(created, "OAuth");
        return new OAuthCompletion(ConnectionView.From(created), returnUrl, false);
    }

    /// <summary>
    /// Deletes a connection of the tenant (its credentials go with it). An OAuth connection's token is revoked at the
    /// app first (RFC 7009) when the connector has a revocation endpoint; a failed revocation is logged and returned
    /// as a warning, and the connection is deleted all the same.
    /// </summary>
    /// <returns>Why the token could not be revoked at the app, or null when it was (or there was nothing to revoke).</returns>
    public async Task<string?> DeleteAsync(TenantInfo tenant, string connectionId, CancellationToken cancellationToken)
    {
        var existing = await GetOwnedEntityAsync(tenant, connectionId, cancellationToken).ConfigureAwait(false);
        var warning = await RevokeAtAppAsync(existing, cancellationToken).ConfigureAwait(false);
        await connections.DeleteAsync(existing.Id, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Connection {ConnectionId} ({Connector}) of tenant {TenantId} deleted", existing.Id, existing.Connector, existing.TenantId);
        await grains.GetGrain<IConnectionGrain>(existing.Id).InvalidateAsync().ConfigureAwait(false);
        return warning;
    }

    private async Task<string?> RevokeAtAppAsync(Connection connection, CancellationToken cancellationToken)
    {
        if (registry.Find(connection.Connector)?.Definition.Auth.Find(connection.AuthMethod) is not OAuth2Auth { RevocationUrl: not null } oauth)
        {
            return null;
        }

        try
        {
            var credential = await connections.GetCredentialAsync(connection.Id, cancellationToken).ConfigureAwait(false);
            var secrets = credential is null ? [] : vault.Unprotect(credential.Protected);
            // Revoking the refresh token ends the whole grant (RFC 7009 §2.1); without one, revoke the access token.
            var (token, hint) = secrets.TryGetValue(SecretKeys.RefreshToken, out var refresh) ? (refresh, "refresh_token")
                : secrets.TryGetValue(SecretKeys.AccessToken, out var access) ? (access, "access_token") : (null, null);
            if (token is null)
            {
                return null;
            }

            var client = await oauthApps.GetAsync(connection.WorkspaceId, connection.Connector, cancellationToken).ConfigureAwait(false)
                ?? throw new OAuthTokenException("invalid_client", $"the workspace has no OAuth app for '{connection.Connector}' any more", isTransient: false);
            var parameters = secrets.Where(kv => !SecretKeys.IsToken(kv.Key)).ToDictionary();
            await tokens.RevokeAsync(oauth, client, parameters, token, hint!, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is OAuthTokenException or InvalidOperationException)
        {
            logger.LogWarning("Could not revoke the token of connection {ConnectionId} ({Connector}) at the app; deleting it anyway: {Error}",
                connection.Id, connection.Connector, ex.Message);
            return $"The connection was deleted, but {connection.Connector} did not confirm that its token was revoked ({ex.Message}). Revoke the app's access in the {connection.Connector} account settings.";
        }
    }

    /// <summary>A connection of the tenant, or a not-found error (another tenant's id is not found either).</summary>
    public async Task<ConnectionView> GetOwnedAsync(TenantInfo tenant, string connectionId, CancellationToken cancellationToken) =>
        ConnectionView.From(await GetOwnedEntityAsync(tenant, connectionId, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The connections in scope: the tenant's when <paramref name="tenantId"/> is given, else the whole workspace's
    /// (the caller's scope decides which workspace), optionally of one connector, oldest first.
    /// </summary>
    public async Task<IReadOnlyList<ConnectionView>> ListAsync(string? tenantId, string? connector, CancellationToken cancellationToken) =>
        [.. (await connections.ListAsync(tenantId, connector, cancellationToken).ConfigureAwait(false)).Select(ConnectionView.From)];

    private async Task<Connection> GetOwnedEntityAsync(TenantInfo tenant, string connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var connection = await connections.GetAsync(connectionId, cancellationToken).ConfigureAwait(false);
        return connection is not null && connection.WorkspaceId == tenant.WorkspaceId && connection.TenantId == tenant.TenantId
            ? connection
            : throw FastnException.NotFound($"Connection '{connectionId}' does not exist for tenant '{tenant.TenantId}'.");
    }

    private async Task<Connection> StoreReauthorizedAsync(string connectionId, Dictionary<string, string> secrets, DateTimeOffset? expiresAt,
        Dictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(metadata);
        // One transaction: new secrets are never stored beside the old metadata and status.
        var updated = await connections.SaveCredentialAndUpdateAsync(connectionId, vault.Protect(secrets), expiresAt, expectedVersion: null, c =>
        {
            c.Metadata = json;
            c.Status = ConnectionStatus.Active;
            c.StatusReason = null;
        }, cancellationToken).ConfigureAwait(false) ?? throw FastnException.NotFound($"Connection '{connectionId}' was deleted meanwhile.");
        await grains.GetGrain<IConnectionGrain>(connectionId).InvalidateAsync().ConfigureAwait(false);
        return updated;
    }

    private async Task<(Dictionary<string, string> Secrets, DateTimeOffset? ExpiresAt, Dictionary<string, string> Metadata)> ObtainCredentialsAsync(
        TenantInfo tenant, ConnectorDefinition definition, AuthMethod method, IReadOnlyDictionary<string, string>? entered, CancellationToken cancellationToken)
    {
        if (method is OAuth2Auth { GrantType: OAuth2GrantType.AuthorizationCode })
        {
            throw FastnException.Validation($"'{definition.Name}' connects with OAuth: start the OAuth flow for it, which returns the app's authorization URL.", "$.authMethod");
        }

        var values = CheckFields(method.Fields, entered, "$.credentials");
        CheckHeaderSafe(method, values, "$.credentials");
        var secrets = new Dictionary<string, string>(values);
        DateTimeOffset? expiresAt = null;
        var metadata = new Dictionary<string, string>();
        switch (method)
        {
            case OAuth2Auth oauth:
                var client = await oauthApps.GetAsync(tenant.WorkspaceId, definition.Name, cancellationToken).ConfigureAwait(false)
                    ?? throw new FastnException("fastn:oauth-app-missing", ErrorCategory.Conflict, "No OAuth app configured",
                        $"The workspace has no OAuth app for '{definition.Name}'. An admin registers the OAuth app for '{definition.Name}'.");
                try
                {
                    var result = await tokens.ClientCredentialsAsync(oauth, client, values, cancellationToken).ConfigureAwait(false);
                    secrets[SecretKeys.AccessToken] = result.AccessToken;
                    expiresAt = result.ExpiresAt;
                    metadata[ConnectionGrain.TokenObtainedAtKey] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                    foreach (var (key, value) in result.Extra)
                    {
                        metadata[key] = value;
                    }
                }
                catch (OAuthTokenException ex)
                {
                    throw new FastnException("fastn:credentials-rejected", ErrorCategory.Validation, "The app refused the credentials", $"{ex.Message} Nothing was connected.", null, ex);
                }

                break;
            case CustomAuth { Exchange: { } exchange }:
                var exchanged = await executor.ExchangeAsync(definition, method, new AuthCredentials(method.Kind, method.EffectiveId, values), exchange, cancellationToken).ConfigureAwait(false);
                secrets[SecretKeys.AccessToken] = exchanged.AccessToken;
                expiresAt = exchanged.ExpiresAt;
                metadata[ConnectionGrain.TokenObtainedAtKey] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                break;
        }

        if (definition.Capabilities.TestAction is not null)
        {
            secrets.TryGetValue(SecretKeys.AccessToken, out var token);
            var credentials = new AuthCredentials(method.Kind, method.EffectiveId,
                values, token, expiresAt, metadata);
            await executor.TestCredentialsAsync(definition, method, credentials, tenant, cancellationToken).ConfigureAwait(false);
        }

        return (secrets, expiresAt, metadata);
    }

    /// <summary>
    /// Values sent in an HTTP header must be printable ASCII: a line break would inject headers into the
    /// app's requests, and other characters cannot be sent in a header at all.
    /// </summary>
    private static void CheckHeaderSafe(AuthMethod method, Dictionary<string, string> values, string path)
    {
        var headerField = method switch
        {
            ApiKeyAuth { In: ApiKeyLocation.Header } => "api_key",
            BearerTokenAuth => "token",
            _ => null,
        };
        if (headerField is not null && values.TryGetValue(headerField, out var value) && value.Any(c => c is < ' ' or > '~'))
        {
            var label = method.Fields.FirstOrDefault(f => f.Name == headerField)?.Label ?? headerField;
            throw FastnException.Validation($"'{label}' ({headerField}) is sent in an HTTP header, so it may only contain printable ASCII characters (no line breaks). Check that it was copied completely and without extra lines.", $"{path}.{headerField}");
        }
    }

    private static Dictionary<string, string> CheckFields(IReadOnlyList<CredentialField> fields, IReadOnlyDictionary<string, string>? entered, string path)
    {
        entered ??= new Dictionary<string, string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var unknown in entered.Keys.Where(k => fields.All(f => f.Name != k)))
        {
            throw FastnException.Validation($"'{unknown}' is not a credential field of this auth method. Expected: {(fields.Count == 0 ? "none" : string.Join(", ", fields.Select(f => f.Name)))}.", $"{path}.{unknown}");
        }

        foreach (var field in fields)
        {
            entered.TryGetValue(field.Name, out var value);
            if (string.IsNullOrEmpty(value))
            {
                if (field.Required)
                {
                    throw FastnException.Validation($"'{field.Label}' ({field.Name}) is required.{(field.Help is null ? "" : " " + field.Help)}", $"{path}.{field.Name}");
                }

                continue;
            }

            if (!field.Matches(value))
            {
                throw FastnException.Validation($"'{field.Label}' ({field.Name}) does not have the expected format{(field.Help is null ? "." : ": " + field.Help)}", $"{path}.{field.Name}");
            }

            values[field.Name] = value;
        }

        return values;
    }

    private (ConnectorDefinition Definition, AuthMethod Method) Resolve(string connector, string? authMethod)
    {
        var definition = registry.Find(connector)?.Definition
            ?? throw FastnException.NotFound($"There is no connector '{connector}'. List the registered connectors to see their names.");
        var method = definition.Auth.Find(authMethod)
            ?? throw FastnException.Validation($"'{definition.Name}' has no auth method '{authMethod}'. It offers: {string.Join(", ", definition.Auth.Select(a => a.EffectiveId))}.", "$.authMethod");
        return (definition, method);
    }

    private async Task<IReadOnlyList<string>> RegisteredAsync(string workspaceId, CancellationToken cancellationToken) =>
        await redirectUrls.ListRedirectUrlsAsync(workspaceId, cancellationToken).ConfigureAwait(false);

    /// <summary>The state's return URL checked again (a state stored before the rule, or behind the API's back, sends nobody elsewhere); null when it fails.</summary>
    private async Task<string?> ReturnUrlOfAsync(OAuthState state, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state.ReturnUrl)
            || await ReturnUrl.IsAllowedAsync(state.ReturnUrl, allowPath: true, ct => RegisteredAsync(state.WorkspaceId, ct), cancellationToken).ConfigureAwait(false))
        {
            return state.ReturnUrl;
        }

        logger.LogWarning("The OAuth attempt of tenant {TenantId} ({Connector}) carried a return URL that is no longer allowed; the callback page is shown without redirecting", state.TenantId, state.Connector);
        return null;
    }

    private void LogConnected(Connection connection, string how) =>
        logger.LogInformation("Connection {ConnectionId} ({Connector}) of tenant {TenantId} is active ({How})", connection.Id, connection.Connector, connection.TenantId, how);

    /// <summary>
    /// RFC 9207: when the connector declares its authorization server's issuer, the callback must name that issuer,
    /// so a response from another server (a mix-up attack over the shared redirect URI) is refused.
    /// </summary>
    private static void CheckIssuer(OAuth2Auth oauth, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> query)
    {
        if (oauth.Issuer is not { } template)
        {
            return;
        }

        var expected = OAuth2Auth.ResolveTemplate(template, parameters);
        if (!query.TryGetValue("iss", out var iss) || string.IsNullOrEmpty(iss))
        {
            throw new FastnException("fastn:oauth-issuer-mismatch", ErrorCategory.Validation, "The authorization response has no issuer",
                $"The app's authorization server ({expected}) always names itself in the callback ('iss', RFC 9207), but this callback has no 'iss'. Nothing was connected; start the connection again.");
        }

        // RFC 9207 §2.4: simple string comparison.
        if (!string.Equals(iss, expected, StringComparison.Ordinal))
        {
            throw new FastnException("fastn:oauth-issuer-mismatch", ErrorCategory.Validation, "The authorization response came from another server",
                $"The callback names the issuer '{Truncate(iss)}', but this connection's authorization server is '{expected}'. Nothing was connected; start the connection again from the app you meant to connect.");
        }
    }

    private static string Describe(TimeSpan lifetime) =>
        lifetime.TotalMinutes >= 1 && lifetime.TotalSeconds % 60 == 0
            ? $"{lifetime.TotalMinutes:0} minute{(lifetime.TotalMinutes == 1 ? "" : "s")}"
            : $"{lifetime.TotalSeconds:0} seconds";

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
