using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fastn.Connectors.Testing;

/// <summary>Passes requests to the real app and writes each exchange down as a <see cref="FixtureInteraction"/>, secrets redacted.</summary>
internal sealed class FixtureRecordingHandler : DelegatingHandler
{
    private static readonly HashSet<string> SkippedRequestHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Host", "User-Agent", "Accept-Encoding", "Connection", "traceparent", "tracestate",
    };

    private static readonly HashSet<string> SkippedResponseHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Date", "Server", "Connection", "Transfer-Encoding", "Keep-Alive", "Vary", "Via", "Alt-Svc",
        "Strict-Transport-Security", "Set-Cookie", "Content-Encoding", "Age", "Expires", "Cache-Control", "Pragma",
    };

    private readonly SecretRedactor _redactor;
    private readonly List<FixtureInteraction> _interactions = [];

    public FixtureRecordingHandler(SecretRedactor redactor, HttpMessageHandler inner)
        : base(inner)
    {
        _redactor = redactor;
    }

    public IReadOnlyList<FixtureInteraction> Interactions => _interactions;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sent = await RecordedRequest.CaptureAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var (requestBody, requestText) = Body(sent.Body);
        var (responseBody, responseText) = Body(text);
        var responseHeaders = response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)
            .Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value)));
        _interactions.Add(new FixtureInteraction
        {
            Request = new FixtureRequest
            {
                Method = sent.Method,
                Path = sent.Path,
                Query = sent.Query.Count == 0 ? null : _redactor.Pairs(sent.Query),
                Headers = _redactor.Pairs(sent.Headers, SkippedRequestHeaders.Contains),
                Body = _redactor.Json(requestBody),
                BodyText = requestText is null ? null : _redactor.Text(requestText),
            },
            Response = new FixtureResponse
            {
                Status = (int)response.StatusCode,
                Headers = _redactor.Pairs(responseHeaders, h => SkippedResponseHeaders.Contains(h)
                    || (responseBody is not null && h.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
                        && response.Content.Headers.ContentType is MediaTypeHeaderValue { MediaType: "application/json" })),
                Body = _redactor.Json(responseBody),
                BodyText = responseText is null ? null : _redactor.Text(responseText),
            },
        });
        return response;
    }

    private static (JsonNode? Json, string? Text) Body(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        try
        {
            return (JsonNode.Parse(text), null);
        }
        catch (JsonException)
        {
            return (null, text);
        }
    }
}
