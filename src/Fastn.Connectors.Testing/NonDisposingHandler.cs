namespace Fastn.Connectors.Testing;

/// <summary>Passes requests to a handler the test owns without disposing it with the pipeline.</summary>
internal sealed class NonDisposingHandler : DelegatingHandler
{
    public NonDisposingHandler(HttpMessageHandler inner)
        : base(new Forwarder(inner))
    {
    }

    private sealed class Forwarder : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _invoker;

        public Forwarder(HttpMessageHandler inner)
        {
            _invoker = new HttpMessageInvoker(inner, disposeHandler: false);
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _invoker.SendAsync(request, cancellationToken);
    }
}
