using Fastn.Connectors.Authentication;

namespace Fastn.Connectors.Testing;

/// <summary>
/// Applies an auth method to requests for the connection's own origin (scheme, host and port of the base URL), as
/// the runtime's pipeline does; a request anywhere else — a cursor or link pointing at another host — goes without
/// credentials, so a test shows the connector working (or failing) the way it will in production.
/// </summary>
internal sealed class AuthenticatingHandler : DelegatingHandler
{
    private readonly AuthMethod _method;
    private readonly Func<AuthCredentials> _credentials;
    private readonly Uri? _origin;

    /// <param name="method">The auth method.</param>
    /// <param name="credentials">The current credentials.</param>
    /// <param name="origin">The base URL whose origin receives credentials; <see langword="null"/> when the connector has none, and then no request does.</param>
    /// <param name="inner">Where requests go.</param>
    public AuthenticatingHandler(AuthMethod method, Func<AuthCredentials> credentials, Uri? origin, HttpMessageHandler inner)
        : base(inner)
    {
        _method = method;
        _credentials = credentials;
        _origin = origin;
    }

    /// <summary>Whether <paramref name="url"/> has the scheme, host and port of <paramref name="origin"/>.</summary>
    public static bool IsSameOrigin(Uri? url, Uri? origin) =>
        url is { IsAbsoluteUri: true } && origin is { IsAbsoluteUri: true }
        && string.Equals(url.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(url.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase)
        && url.Port == origin.Port;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (IsSameOrigin(request.RequestUri, _origin))
        {
            await _method.ApplyAsync(request, _credentials(), cancellationToken).ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
