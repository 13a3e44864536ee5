using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fastn.Connectors.Testing;

/// <summary>One request a test handler saw, captured as sent (after auth was applied) for assertions.</summary>
public sealed class RecordedRequest
{
    /// <summary>Creates a recorded request.</summary>
    /// <param name="method">The HTTP method (<c>GET</c>).</param>
    /// <param name="url">The full absolute URL.</param>
    /// <param name="headers">Request and content headers; several values joined by <c>", "</c>.</param>
    /// <param name="body">The body text, or <see langword="null"/> when the request had none.</param>
    public RecordedRequest(string method, Uri url, IReadOnlyDictionary<string, string> headers, string? body)
    {
        ArgumentNullException.ThrowIfNull(url);
        Method = method;
        Url = url;
        Headers = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        Body = body;
        Query = QueryParser.Parse(url.Query);
    }

    /// <summary>The HTTP method in upper case (<c>POST</c>).</summary>
    public string Method { get; }

    /// <summary>The full URL the request went to.</summary>
    public Uri Url { get; }

    /// <summary>The path part of <see cref="Url"/> (<c>/v1/contacts</c>).</summary>
    public string Path => Url.AbsolutePath;

    /// <summary>The query-string values, unescaped (the last value wins when a name repeats).</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>Request and content headers, case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body text, or <see langword="null"/>.</summary>
    public string? Body { get; }

    /// <summary>A header's value, or <see langword="null"/>.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The body parsed as JSON (<see langword="null"/> when there is no body); throws when it is not JSON.</summary>
    public JsonNode? BodyJson() => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body);

    /// <summary>The body read as <typeparamref name="T"/> with the given options (default camelCase).</summary>
    public T? BodyAs<T>(JsonSerializerOptions? json = null) =>
        string.IsNullOrEmpty(Body) ? default : JsonSerializer.Deserialize<T>(Body, json ?? Http.ConnectorJson.Options);

    /// <summary>Captures an <see cref="HttpRequestMessage"/> (reads its content).</summary>
    public static async Task<RecordedRequest> CaptureAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            headers[name] = string.Join(", ", values);
        }

        string? body = null;
        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers.NonValidated)
            {
                headers[name] = string.Join(", ", values);
            }

            body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }

        var url = request.RequestUri ?? throw new InvalidOperationException("The request has no URL.");
        if (!url.IsAbsoluteUri)
        {
            throw new InvalidOperationException($"The request URL '{url}' is relative: the connector has no BaseUrl to resolve it against.");
        }

        return new RecordedRequest(request.Method.Method.ToUpperInvariant(), url, headers, body);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Url}";
}
