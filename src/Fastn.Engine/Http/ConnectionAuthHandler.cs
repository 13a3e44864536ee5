using System.Net;
using System.Threading.RateLimiting;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;

namespace Fastn.Engine.Http;

/// <summary>
/// The outermost handler of one call's <c>ctx.Http</c>: waits for the connection's rate limiter, applies
/// the auth method with the current credentials, and when the app says the token expired (401, or the
/// connector's <see cref="OAuth2Auth.IsTokenExpired"/> rule) asks for a refresh — single flight per
/// connection — and resends the request once with the new token.
/// </summary>
public sealed class ConnectionAuthHandler : DelegatingHandler
{
    private readonly AuthMethod _method;
    private readonly Func<CancellationToken, Task<AuthCredentials>> _current;
    private readonly Func<string?, CancellationToken, Task<AuthCredentials>>? _refresh;
    private readonly RateLimiter? _limiter;

    /// <summary>Creates the handler for one call.</summary>
    public ConnectionAuthHandler(AuthMethod method, Func<CancellationToken, Task<AuthCredentials>> current,
        Func<string?, CancellationToken, Task<AuthCredentials>>? refresh, RateLimiter? limiter, HttpMessageHandler inner)
        : base(inner)
    {
        _method = method;
        _current = current;
        _refresh = refresh;
        _limiter = limiter;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var lease = _limiter is null ? null : await _limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (lease is { IsAcquired: false })
        {
            throw new RateLimitedException("Too many requests are queued for this connection's rate limit; try again shortly.", TimeSpan.FromSeconds(1));
        }

        if (request.Content is not null)
        {
            // Buffer so the request can be resent after a refresh (and retried by the resilience pipeline).
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        var credentials = await _current(cancellationToken).ConfigureAwait(false);
        await _method.ApplyAsync(request, credentials, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (_refresh is null || !await TokenExpiredAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        response.Dispose();
        var refreshed = await _refresh(credentials.AccessToken, cancellationToken).ConfigureAwait(false);
        using var retry = await CloneAsync(request, cancellationToken).ConfigureAwait(false);
        await _method.ApplyAsync(retry, refreshed, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> TokenExpiredAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return true;
        }

        if (_method is OAuth2Auth { IsTokenExpired: { } rule })
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return rule(response.StatusCode, body);
        }

        return false;
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)clone.Options)[option.Key] = option.Value;
        }

        if (request.Content is not null)
        {
            var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            clone.Content = new ByteArrayContent(bytes);
            foreach (var header in request.Content.Headers)
            {
                clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return clone;
    }
}
