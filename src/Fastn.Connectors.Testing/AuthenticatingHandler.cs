using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;

namespace Fastn.Connectors.Testing;

/// <summary>
/// Applies an auth method only to requests the connection's <see cref="CredentialScope"/> allows (the base URL's
/// origin and the connector's declared hosts), as the runtime's pipeline does; a request anywhere else — a cursor or
/// link pointing at another host — goes without credentials, so a test shows the connector working (or failing) the
/// way it will in production.
/// </summary>
internal sealed class AuthenticatingHandler : DelegatingHandler
{
    private readonly AuthMethod _method;
    private readonly Func<AuthCredentials> _credentials;
    private readonly CredentialScope _scope;

    /// <param name="method">The auth method.</param>
    /// <param name="credentials">The current credentials.</param>
    /// <param name="scope">Where credentials may go.</param>
    /// <param name="inner">Where requests go.</param>
    public AuthenticatingHandler(AuthMethod method, Func<AuthCredentials> credentials, CredentialScope scope, HttpMessageHandler inner)
        : base(inner)
    {
        _method = method;
        _credentials = credentials;
        _scope = scope;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_scope.Allows(request.RequestUri))
        {
            await _method.ApplyAsync(request, _credentials(), cancellationToken).ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
