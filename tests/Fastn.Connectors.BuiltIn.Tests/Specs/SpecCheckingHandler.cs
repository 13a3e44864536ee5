using System.Collections.Concurrent;

namespace Fastn.Connectors.BuiltIn.Tests.Specs;

/// <summary>
/// Checks every request and response passing through against a vendor's OpenAPI spec
/// (<see cref="OpenApiSpec.CheckRequest"/>, <see cref="OpenApiSpec.CheckResponse"/>) and collects the problems,
/// each prefixed with <c>METHOD path:</c>. Bodies are buffered, so the inner handler and the caller still read them.
/// </summary>
public sealed class SpecCheckingHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _problems = new();
    private int _requests;

    public SpecCheckingHandler(OpenApiSpec spec, HttpMessageHandler inner)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
    }

    public OpenApiSpec Spec { get; }

    /// <summary>Every problem found so far (a snapshot; safe to read while requests run).</summary>
    public IReadOnlyList<string> Problems => [.. _problems];

    /// <summary>How many requests went through (a test can assert the connector really called out).</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>Requests to pass through unchecked (e.g. an OAuth token endpoint or Xero's <c>/connections</c>, which are not in the spec).</summary>
    public Func<Uri, bool>? Ignore { get; init; }

    /// <summary>Also report required response properties that are missing (see <see cref="OpenApiSpec.CheckResponse"/>).</summary>
    public bool RequireRequiredInResponses { get; init; }

    /// <summary>Forgets the problems seen so far.</summary>
    public void Clear() => _problems.Clear();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("request without a URI");
        if (Ignore?.Invoke(uri) == true)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _requests);
        var method = request.Method.Method;
        var pathAndQuery = uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
        var path = pathAndQuery.Split('?')[0];
        string? body = null;
        string? contentType = null;
        if (request.Content is { } content)
        {
            await content.LoadIntoBufferAsync(cancellationToken);
            body = await content.ReadAsStringAsync(cancellationToken);
            contentType = content.Headers.ContentType?.ToString();
        }

        var headers = request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value)));
        Add(method, path, Spec.CheckRequest(method, pathAndQuery, contentType, body, headers));

        var response = await base.SendAsync(request, cancellationToken);
        if (Spec.FindOperation(method, pathAndQuery) is null)
        {
            // The request's problem already says the path or method is unknown; there is no response schema to check.
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var responseBody = await response.Content.ReadAsStringAsync(cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (responseBody.Length > 0 && mediaType is not null && !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            _problems.Enqueue($"{method} {path}: response content type is {mediaType}, not JSON");
        }
        else
        {
            Add(method, path, Spec.CheckResponse(method, pathAndQuery, (int)response.StatusCode, responseBody, RequireRequiredInResponses));
        }

        return response;
    }

    private void Add(string method, string path, IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            _problems.Enqueue($"{method} {path}: {problem}");
        }
    }
}
