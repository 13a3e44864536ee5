using System.Net;
using Fastn.Connectors.Http;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.Http;

/// <summary>
/// Caps every response body at <see cref="OutboundHttpOptions.MaxResponseBytes"/>: a declared <c>Content-Length</c>
/// over the cap fails at once, otherwise the body is counted as it streams and reading fails at the first byte over.
/// </summary>
internal sealed class ResponseSizeLimitHandler(IOptions<OutboundHttpOptions> options) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var limit = options.Value.MaxResponseBytes;
        if (response.Content.Headers.ContentLength > limit)
        {
            response.Dispose();
            throw new ResponseTooLargeException(limit, request.RequestUri);
        }

        response.Content = new LimitedContent(response.Content, limit, request.RequestUri);
        return response;
    }

    private sealed class LimitedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly long _limit;
        private readonly Uri? _uri;

        public LimitedContent(HttpContent inner, long limit, Uri? uri)
        {
            _inner = inner;
            _limit = limit;
            _uri = uri;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var source = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
            new LimitedStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _limit, _uri);

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class LimitedStream(Stream inner, long limit, Uri? uri) : ReadObservingStream(inner)
    {
        private long _read;

        protected override void OnRead(ReadOnlySpan<byte> read)
        {
            _read += read.Length;
            if (_read > limit)
            {
                throw new ResponseTooLargeException(limit, uri);
            }
        }
    }
}
