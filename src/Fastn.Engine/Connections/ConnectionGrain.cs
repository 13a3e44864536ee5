using Fastn.Storage;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;
using Fastn.Engine.Execution;
using Fastn.Engine.OAuth;
using Fastn.Engine.Registry;
using Fastn.Engine.Vault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fastn.Engine.Connections;

/// <summary>
/// Owns one connection's credentials: caches them decrypted, refreshes OAuth2 tokens (or re-exchanges
/// custom tokens) ahead of expiry or when the app rejected the current one — one refresh at a time,
/// because the grain is not reentrant. A refused grant marks the connection NeedsReauth and raises
/// <c>connection.needs_reauth</c>; network errors are retried and then reported without touching the status.
/// </summary>
[Orleans.Placement.HashBasedPlacement]
public sealed class ConnectionGrain(
    IServiceScopeFactory scopes,
    ConnectorRegistry registry,
    CredentialVault vault,
    OAuthTokenClient tokens,
    IOAuthAppProvider oauthApps,
    IHttpClientFactory httpClientFactory,
    TimeProvider time,
    ILogger<ConnectionGrain> logger) : Grain, IConnectionGrain
{
    /// <summary>Metadata key recording when the current access token was obtained.</summary>
    public const string TokenObtainedAtKey = "tokenObtainedAt";

    private const int TransientAttempts = 3;
    private StoredConnection? _stored;
    private Dictionary<string, string>? _secrets;

    /// <inheritdoc />
    public async Task<ConnectionSnapshot?> GetAsync(string workspaceId, string tenantId)
    {
        var stored = await LoadAsync();
        return stored is null || stored.WorkspaceId != workspaceId || stored.TenantId != tenantId
            ? null
            : new ConnectionSnapshot(stored.Id, stored.WorkspaceId, stored.TenantId, stored.Connector, stored.AuthMethod, stored.Status, stored.StatusReason);
    }

    /// <inheritdoc />
    public async Task<ConnectionLease?> OpenAsync(string workspaceId, string tenantId, CancellationToken cancellationToken = default)
    {
        var snapshot = await GetAsync(workspaceId, tenantId);
        if (snapshot is null || snapshot.Status is ConnectionState.NeedsReauth or ConnectionState.Revoked)
        {
            return snapshot is null ? null : new ConnectionLease(snapshot, null);
        }

        var credentials = await GetCredentialsAsync(workspaceId, tenantId, force: false, staleAccessToken: null, cancellationToken);
        // A successful refresh turns an Error status back to Active; report the status as it is now (cached, no I/O).
        var current = await GetAsync(workspaceId, tenantId) ?? snapshot;
        return new ConnectionLease(current, credentials);
    }

    /// <inheritdoc />
    public async Task<CredentialSnapshot> GetCredentialsAsync(string workspaceId, string tenantId, bool force, string? staleAccessToken,
        CancellationToken cancellationToken = default)
    {
        var stored = await LoadAsync();
        if (stored is null || stored.WorkspaceId != workspaceId || stored.TenantId != tenantId)
        {
            throw new AuthRequiredException("The connection does not exist for this tenant.");
        }

        var secrets = _secrets!;
        var method = registry.Find(stored.Connector)?.Definition.Auth.Find(stored.AuthMethod);
        secrets.TryGetValue(SecretKeys.AccessToken, out var token);
        var refreshable = method is OAuth2Auth or CustomAuth { Exchange: not null };
        if (refreshable && stored.Status != ConnectionState.NeedsReauth)
        {
            var expiring = stored.AccessTokenExpiresAt is { } expires && expires - RefreshAhead(method!, stored) <= time.GetUtcNow();
            var rejected = force && (staleAccessToken is null || staleAccessToken == token);
            if (token is null || expiring || rejected)
            {
                (stored, secrets) = await RefreshAsync(stored, secrets, method!, cancellationToken);
                secrets.TryGetValue(SecretKeys.AccessToken, out token);
            }
        }

        if (stored.Status == ConnectionState.NeedsReauth)
        {
            throw new AuthRequiredException($"The connection needs the user to connect again: {stored.StatusReason}");
        }

        return new CredentialSnapshot(
            secrets.Where(kv => !SecretKeys.IsToken(kv.Key)).ToDictionary(),
            token,
            stored.AccessTokenExpiresAt,
            new Dictionary<string, string>(stored.Metadata));
    }

    /// <inheritdoc />
    public Task InvalidateAsync()
    {
        _stored = null;
        _secrets = null;
        return Task.CompletedTask;
    }

    /// <summary>
    /// How long before expiry to refresh: the method's setting, but at most half the token's lifetime so a
    /// short-lived token is not refreshed on every call.
    /// </summary>
    private static TimeSpan RefreshAhead(AuthMethod method, StoredConnection stored)
    {
        var ahead = method is OAuth2Auth oauth ? oauth.RefreshAhead : TimeSpan.FromMinutes(1);
        if (stored.Metadata.TryGetValue(TokenObtainedAtKey, out var text)
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var obtained)
            && stored.AccessTokenExpiresAt is { } expires)
        {
            var half = (expires - obtained) / 2;
            if (half < ahead)
            {
                ahead = half;
            }
        }

        return ahead;
    }

    private async Task<StoredConnection?> LoadAsync()
    {
        if (_stored is not null)
        {
            return _stored;
        }

        using var scope = scopes.CreateSystemScope("the connection grain loads its connection by id");
        var repository = scope.ServiceProvider.GetRequiredService<IConnectionRepository>();
        var stored = await repository.LoadAsync(this.GetPrimaryKeyString(), CancellationToken.None);
        Dictionary<string, string> secrets;
        try
        {
            secrets = stored?.ProtectedSecrets is { } p ? vault.Unprotect(p) : [];
        }
        catch (InvalidOperationException ex)
        {
            // Cache nothing: a half-loaded connection would fail every later call in a confusing way, and the vault key
            // may come back (restored key ring) without the grain being deactivated.
            logger.LogWarning("Credentials of connection {Connection} could not be decrypted: {Error}", stored!.Id, ex.Message);
            throw new AuthRequiredException("The connection's stored credentials cannot be decrypted: the vault key that encrypted them is not available on this server. Restore the vault key, or connect the account again.");
        }

        (_stored, _secrets) = (stored, secrets);
        return _stored;
    }

    private async Task<(StoredConnection, Dictionary<string, string>)> RefreshAsync(StoredConnection stored, Dictionary<string, string> secrets, AuthMethod method,
        CancellationToken cancellationToken)
    {
        var connector = stored.Connector;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (updated, expiresAt, metadata) = await ObtainAsync(stored, secrets, method, cancellationToken);
                using var scope = scopes.CreateSystemScope("the connection grain stores its refreshed credentials");
                var repository = scope.ServiceProvider.GetRequiredService<IConnectionRepository>();
                var saved = await repository.SaveSecretsAsync(stored.Id, vault.Protect(updated), expiresAt, metadata, stored.SecretsVersion, CancellationToken.None);
                await InvalidateAsync();
                if (!saved)
                {
                    // Someone else (a reconnect) wrote newer credentials: use theirs.
                    logger.LogInformation("Credentials of connection {Connection} changed during refresh; using the stored ones", stored.Id);
                }

                var reloaded = await LoadAsync() ?? throw new AuthRequiredException("The connection was deleted.");
                EngineTelemetry.TokenRefreshes.Add(1, new KeyValuePair<string, object?>("connector", connector), new KeyValuePair<string, object?>("outcome", "success"));
                return (reloaded, _secrets!);
            }
            catch (OAuthTokenException ex) when (!ex.IsTransient)
            {
                EngineTelemetry.TokenRefreshes.Add(1, new KeyValuePair<string, object?>("connector", connector), new KeyValuePair<string, object?>("outcome", ex.Error));
                var reason = $"The app refused to refresh the token ({ex.Error}). Connect the account again.";
                using var scope = scopes.CreateSystemScope("the connection grain marks its connection as needing re-authorization");
                await scope.ServiceProvider.GetRequiredService<IConnectionRepository>()
                    .SetStatusAsync(stored.Id, ConnectionState.NeedsReauth, reason, "connection.needs_reauth", CancellationToken.None);
                await InvalidateAsync();
                logger.LogWarning("Connection {Connection} needs re-authorization: {Error}", stored.Id, ex.Error);
                throw new AuthRequiredException(reason);
            }
            catch (OAuthTokenException ex) when (attempt < TransientAttempts)
            {
                logger.LogInformation("Token refresh for {Connection} failed transiently ({Error}); attempt {Attempt}", stored.Id, ex.Error, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt * attempt), time, cancellationToken);
            }
            catch (OAuthTokenException ex)
            {
                EngineTelemetry.TokenRefreshes.Add(1, new KeyValuePair<string, object?>("connector", connector), new KeyValuePair<string, object?>("outcome", "transient"));
                throw new UpstreamException(ex.Status ?? 0, null, $"Could not refresh the access token: {ex.Message} The connection is unchanged; try again.");
            }
        }
    }

    private async Task<(Dictionary<string, string> Secrets, DateTimeOffset? ExpiresAt, Dictionary<string, string> Metadata)> ObtainAsync(
        StoredConnection stored, Dictionary<string, string> secrets, AuthMethod method, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string>(stored.Metadata)
        {
            [TokenObtainedAtKey] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        var parameters = secrets.Where(kv => !SecretKeys.IsToken(kv.Key)).Concat(metadata).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.First().Value);
        var updated = new Dictionary<string, string>(secrets);
        switch (method)
        {
            case OAuth2Auth oauth:
            {
                var client = await oauthApps.GetAsync(stored.WorkspaceId, stored.Connector, cancellationToken)
                    ?? throw new OAuthTokenException("invalid_client", $"The workspace has no OAuth app for '{stored.Connector}'. An admin registers the OAuth app, then the connection works again.", isTransient: false);
                OAuthTokens result;
                if (oauth.GrantType == OAuth2GrantType.ClientCredentials)
                {
                    result = await tokens.ClientCredentialsAsync(oauth, client, parameters, cancellationToken);
                }
                else if (secrets.TryGetValue(SecretKeys.RefreshToken, out var refresh))
                {
                    result = await tokens.RefreshAsync(oauth, client, parameters, refresh, cancellationToken);
                }
                else
                {
                    throw new OAuthTokenException("invalid_grant", "The access token expired and the app issued no refresh token.", isTransient: false);
                }

                updated[SecretKeys.AccessToken] = result.AccessToken;
                if (result.RefreshToken is not null)
                {
                    // Rotating apps invalidate the old refresh token: store the new one in the same write.
                    updated[SecretKeys.RefreshToken] = result.RefreshToken;
                }

                foreach (var (key, value) in result.Extra)
                {
                    metadata[key] = value;
                }

                // RFC 6749 §5.1: the answer's scope is what was granted now (an app may narrow it on refresh).
                if (result.Scope is not null)
                {
                    metadata["scope"] = result.Scope;
                }

                return (updated, result.ExpiresAt, metadata);
            }

            case CustomAuth { Exchange: { } exchange }:
            {
                var credentials = new AuthCredentials(AuthKind.Custom, method.EffectiveId, secrets.Where(kv => !SecretKeys.IsToken(kv.Key)).ToDictionary(), null, null, metadata);
                using var http = httpClientFactory.CreateClient(Http.ConnectorHttpClientRegistration.ClientName);
                // The same base address the exchange had at connect time, so its relative URLs resolve the same way.
                if (registry.Find(stored.Connector)?.Definition.BaseUrl is { } baseUrl)
                {
                    http.BaseAddress = new Uri(OAuth2Auth.ResolveTemplate(baseUrl, parameters).TrimEnd('/') + "/");
                }

                ExchangedToken exchanged;
                try
                {
                    exchanged = await exchange(credentials, http, cancellationToken);
                }
                catch (AuthRequiredException ex)
                {
                    throw new OAuthTokenException("invalid_grant", ex.Message, isTransient: false);
                }
                catch (Exception ex) when (ex is HttpRequestException or UpstreamException)
                {
                    throw new OAuthTokenException("network_error", ex.Message, isTransient: true);
                }

                updated[SecretKeys.AccessToken] = exchanged.AccessToken;
                return (updated, exchanged.ExpiresAt, metadata);
            }

            default:
                return (updated, stored.AccessTokenExpiresAt, metadata);
        }
    }
}
