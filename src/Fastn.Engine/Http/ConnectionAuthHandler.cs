using System.Net;
using System.Threading.RateLimiting;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;

namespace Fastn.Engine.Http;

/// <summary>
/// The outermost handler of one call's <c>ctx.Http</c>: waits for the connection's rate limiter, applies
/// the auth method with the current credentials — only to the connection's own hosts (<see cref="CredentialScope"/>) —
/// follows redirects itself so credentials are re-applied only on the same origin, and when the app says the
/// token expired (401, or the connector's <see cref="OAuth2Auth.IsTokenExpired"/> rule) asks for a refresh —
/// single flight per connection — and resends the request once with the new token.
/// </summary>
public sealed class ConnectionAuthHandler : DelegatingHandler
{
    /// <summary>Redirects followed per request (as many as <c>HttpClientHandler</c>'s default would allow is too many for an API).</summary>
    public const int MaxRedirects = 5;

    // Caller-set headers that carry credentials: never sent to another origin after a redirect.
    private static readonly string[] CredentialHeaders = ["Authorization", "Proxy-Authorization", "Cookie"];
    private readonly AuthMethod _method;
    private readonly Func<CancellationToken, Task<AuthCredentials>> _current;
    private readonly Func<string?, CancellationToken, Task<AuthCredentials>>? _refresh;
    private readonly RateLimiter? _limiter;
    private readonly CredentialScope _scope;

    /// <summary>Creates the handler for one call.</summary>
    /// <param name="method">The connection's auth method.</param>
    /// <param name="current">The current credentials.</param>
    /// <param name="refresh">Refreshes after the app rejected a token (null: the method cannot refresh).</param>
    /// <param name="limiter">The connection's rate limiter, if any.</param>
    /// <param name="scope">The hosts the credentials may be sent to.</param>
    /// <param name="inner">The connector pipeline; it must not follow redirects itself.</param>
    public ConnectionAuthHandler(AuthMethod method, Func<CancellationToken, Task<AuthCredentials>> current,
        Func<string?, CancellationToken, Task<AuthCredentials>>? refresh, RateLimiter? limiter, CredentialScope scope, HttpMessageHandler inner)
        : base(inner)
    {
        _method = method;
        _current = current;
        _refresh = refresh;
        _limiter = limiter;
        _scope = scope;
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

        // The body is read once so the request can be resent: after a refresh, on a 307/308, and by the resilience pipeline.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var credentials = await _current(cancellationToken).ConfigureAwait(false);
        var (response, authorized) = await SendFollowingRedirectsAsync(request, body, credentials, cancellationToken).ConfigureAwait(false);
        if (!authorized || _refresh is null || !await TokenExpiredAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        response.Dispose();
        var refreshed = await _refresh(credentials.AccessToken, cancellationToken).ConfigureAwait(false);
        return (await SendFollowingRedirectsAsync(request, body, refreshed, cancellationToken).ConfigureAwait(false)).Response;
    }

    /// <summary>
    /// Sends a copy of <paramref name="original"/> (which is never modified, so credentials applied to one hop never
    /// travel to the next), applying credentials when the hop is in scope and on the original request's origin.
    /// </summary>
    private async Task<(HttpResponseMessage Response, bool Authorized)> SendFollowingRedirectsAsync(HttpRequestMessage original, byte[]? body,
        AuthCredentials credentials, CancellationToken cancellationToken)
    {
        var origin = original.RequestUri;
        var hop = Copy(original, original.Method, origin, body);
        for (var redirects = 0; ; redirects++)
        {
            var authorized = origin is not null && hop.RequestUri is { } target && CredentialScope.SameOrigin(target, origin) && _scope.Allows(target);
            if (authorized)
            {
                await _method.ApplyAsync(hop, credentials, cancellationToken).ConfigureAwait(false);
            }
            else if (redirects > 0)
            {
                foreach (var header in CredentialHeaders)
                {
                    hop.Headers.Remove(header);
                }
            }

            var response = await base.SendAsync(hop, cancellationToken).ConfigureAwait(false);
            if (redirects == MaxRedirects || RedirectTarget(response, hop.RequestUri) is not { } next)
            {
                return (response, authorized);
            }

            var method = RedirectMethod(response.StatusCode, hop.Method);
            response.Dispose();
            hop = Copy(original, method, next, method == original.Method ? body : null);
        }
    }

    private static Uri? RedirectTarget(HttpResponseMessage response, Uri? from)
    {
        if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location || from is null)
        {
            return null;
        }

        var target = location.IsAbsoluteUri ? location : new Uri(from, location);
        // Like HttpClientHandler: only http(s), and never from https down to http.
        return target.Scheme == Uri.UriSchemeHttps || (target.Scheme == Uri.UriSchemeHttp && from.Scheme == Uri.UriSchemeHttp) ? target : null;
    }

    // RFC 9110 §15.4: 303 becomes GET; 301/302 turn a POST into GET (as every client does); 307/308 keep the method.
    private static HttpMethod RedirectMethod(HttpStatusCode status, HttpMethod method) => status switch
    {
        HttpStatusCode.SeeOther when method != HttpMethod.Head => HttpMethod.Get,
        HttpStatusCode.MovedPermanently or HttpStatusCode.Found when method == HttpMethod.Post => HttpMethod.Get,
        _ => method,
    };

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

    private static HttpRequestMessage Copy(HttpRequestMessage request, HttpMethod method, Uri? uri, byte[]? body)
    {
        var copy = new HttpRequestMessage(method, uri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        if (body is not null && request.Content is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in request.Content.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return copy;
    }
}
