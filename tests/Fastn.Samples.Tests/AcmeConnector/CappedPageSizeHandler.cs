using System.Text.RegularExpressions;

namespace Fastn.Samples.Tests.AcmeConnector;

/// <summary>
/// Lowers the <c>limit</c> of Acme list requests: <c>PollAllAsync</c> asks for 100 per page, more than the 50 seeded
/// contacts, so without the cap a poll would never need Acme's cursors. Counts the list requests it forwards.
/// </summary>
internal sealed partial class CappedPageSizeHandler(int limit) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _listRequests;

    public int ListRequests => _listRequests;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.AbsolutePath.EndsWith("/contacts", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _listRequests);
            request.RequestUri = new Uri(LimitParameter().Replace(uri.AbsoluteUri, $"limit={limit}"));
        }

        return base.SendAsync(request, cancellationToken);
    }

    [GeneratedRegex("limit=[0-9]+")]
    private static partial Regex LimitParameter();
}
