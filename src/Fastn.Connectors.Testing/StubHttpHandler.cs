using System.Net;
using System.Text;
using System.Text.Json;
using Fastn.Connectors.Http;

namespace Fastn.Connectors.Testing;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that answers with canned responses — routed by method and path,
/// or queued in order — and records every request it sees (method, full URL, headers, body text).
/// A request that nothing answers throws, naming the request, so a test never hangs on the network.
/// </summary>
public sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly Queue<Func<RecordedRequest, HttpResponseMessage>> _queue = new();
    private readonly List<(string Method, string Path, Func<RecordedRequest, HttpResponseMessage> Respond)> _routes = [];
    private readonly List<RecordedRequest> _requests = [];

    /// <summary>Every request seen so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The most recent request; throws when there was none.</summary>
    public RecordedRequest LastRequest => Requests.Count > 0 ? Requests[^1] : throw new InvalidOperationException("No request has been sent yet.");

    /// <summary>How many queued responses have not been used yet.</summary>
    public int PendingResponses
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Queues a response with the given status, body text, content type and headers.</summary>
    public StubHttpHandler Enqueue(HttpStatusCode status, string? body = null, string contentType = "application/json",
        IReadOnlyDictionary<string, string>? headers = null) =>
        Enqueue(_ => Text(status, body, contentType, headers));

    /// <summary>Queues a JSON response serialized from <paramref name="body"/> (camelCase unless <paramref name="json"/> says otherwise).</summary>
    public StubHttpHandler EnqueueJson(object? body, HttpStatusCode status = HttpStatusCode.OK, JsonSerializerOptions? json = null) =>
        Enqueue(_ => Json(body, status, json));

    /// <summary>Queues a response computed from the request.</summary>
    public StubHttpHandler Enqueue(Func<RecordedRequest, HttpResponseMessage> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        lock (_lock)
        {
            _queue.Enqueue(respond);
        }

        return this;
    }

    /// <summary>
    /// Answers every request with this method and path (<c>/v1/contacts</c>; include <c>?…</c> to match the query too).
    /// Routes are reused and take precedence over queued responses.
    /// </summary>
    public StubHttpHandler Route(HttpMethod method, string path, Func<RecordedRequest, HttpResponseMessage> respond)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(respond);
        lock (_lock)
        {
            _routes.Add((method.Method.ToUpperInvariant(), path, respond));
        }

        return this;
    }

    /// <summary>Answers every request with this method and path with a JSON body.</summary>
    public StubHttpHandler RouteJson(HttpMethod method, string path, object? body, HttpStatusCode status = HttpStatusCode.OK, JsonSerializerOptions? json = null) =>
        Route(method, path, _ => Json(body, status, json));

    /// <summary>A JSON response.</summary>
    public static HttpResponseMessage Json(object? body, HttpStatusCode status = HttpStatusCode.OK, JsonSerializerOptions? json = null) =>
        Text(status, JsonSerializer.Serialize(body, json ?? ConnectorJson.Options));

    /// <summary>A response with a text body (or none) of the given content type and extra headers.</summary>
    public static HttpResponseMessage Text(HttpStatusCode status, string? body, string contentType = "application/json",
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = body is null ? new ByteArrayContent([]) : new StringContent(body, Encoding.UTF8, contentType),
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.Remove(name);
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var recorded = await RecordedRequest.CaptureAsync(request, cancellationToken).ConfigureAwait(false);
        Func<RecordedRequest, HttpResponseMessage>? respond;
        lock (_lock)
        {
            _requests.Add(recorded);
            respond = _routes.LastOrDefault(r => r.Method == recorded.Method && Matches(r.Path, recorded.Url)).Respond;
            if (respond is null && _queue.Count > 0)
            {
                respond = _queue.Dequeue();
            }
        }

        if (respond is null)
        {
            throw new InvalidOperationException(
                $"StubHttpHandler has no response for request #{Requests.Count} {recorded}: queue a response (Enqueue/EnqueueJson) or add a Route for it.");
        }

        var response = respond(recorded);
        response.RequestMessage ??= request;
        return response;
    }

    private static bool Matches(string path, Uri url) =>
        path.Contains('?', StringComparison.Ordinal)
            ? string.Equals(path, url.PathAndQuery, StringComparison.Ordinal)
            : string.Equals(path, url.AbsolutePath, StringComparison.Ordinal);
}
