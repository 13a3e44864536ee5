using Fastn.Connectors.Authentication;

namespace Fastn.Connectors.Testing;

/// <summary>Applies an auth method to every request, as the runtime's pipeline does.</summary>
internal sealed class AuthenticatingHandler : DelegatingHandler
{
    private readonly AuthMethod _method;
    private readonly Func<AuthCredentials> _credentials;

    public AuthenticatingHandler(AuthMethod method, Func<AuthCredentials> credentials, HttpMessageHandler inner)
        : base(inner)
    {
        _method = method;
        _credentials = credentials;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _method.ApplyAsync(request, _credentials(), cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
