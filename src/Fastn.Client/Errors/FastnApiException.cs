using System.Text.Json;

namespace Fastn.Client.Errors;

/// <summary>
/// A Fastn API error: the server's <c>application/problem+json</c> document as an exception. Subclasses name the
/// stable problem types a caller usually handles; anything else arrives as this base type with its <see cref="Type"/>.
/// </summary>
public class FastnApiException : Exception
{
    /// <summary>Creates the exception from a problem document's members.</summary>
    public FastnApiException(string type, string title, string detail, int status, string? traceId = null,
        IReadOnlyDictionary<string, JsonElement>? extensions = null, Exception? innerException = null)
        : base(detail, innerException)
    {
        Type = type;
        Title = title;
        Status = status;
        TraceId = traceId;
        Extensions = extensions ?? new Dictionary<string, JsonElement>();
    }

    /// <summary>The stable problem type, e.g. <c>fastn:validation</c>; <c>about:blank</c> when the server sent no problem document.</summary>
    public string Type { get; }

    /// <summary>A short summary of the problem type.</summary>
    public string Title { get; }

    /// <summary>What went wrong and what to do (same as <see cref="Exception.Message"/>).</summary>
    public string Detail => Message;

    /// <summary>The HTTP status code.</summary>
    public int Status { get; }

    /// <summary>The server's trace id for the request, to quote when reporting a problem.</summary>
    public string? TraceId { get; }

    /// <summary>
    /// The error's category as the server names it (<c>validation</c>, <c>auth-required</c>, <c>rate-limited</c>,
    /// <c>upstream</c>, <c>unreachable</c>, <c>not-found</c>, <c>conflict</c>…), or null when the server sent none.
    /// </summary>
    public string? Category => Extensions.TryGetValue("category", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;

    /// <summary>Whether the server says the same request may succeed later without a change (rate limits, unreachable apps, an app's 5xx).</summary>
    public bool Retryable => Extensions.TryGetValue("retryable", out var r) && r.ValueKind == JsonValueKind.True;

    /// <summary>Every other member of the problem document (e.g. <c>path</c>, <c>upstreamStatus</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; }

    /// <inheritdoc />
    public override string ToString() => $"{GetType().FullName}: {Status} {Type}: {Detail}{(TraceId is null ? "" : $" (trace id {TraceId})")}";
}
