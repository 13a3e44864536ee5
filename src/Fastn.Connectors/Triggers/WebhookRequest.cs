using System.Text;

namespace Fastn.Connectors.Triggers;

/// <summary>A webhook delivery exactly as received: raw body bytes (signatures are over them) and headers.</summary>
public sealed class WebhookRequest
{
    /// <summary>Creates a request.</summary>
    public WebhookRequest(ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string> headers,
        string method = "POST", string? url = null, IReadOnlyDictionary<string, string>? query = null)
    {
        Body = body;
        Headers = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        Method = method;
        Url = url;
        Query = query ?? new Dictionary<string, string>();
    }

    /// <summary>The raw body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>Headers, case-insensitive (multiple values joined by a comma).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The full URL the app called, when known (HubSpot v3 signs it).</summary>
    public string? Url { get; }

    /// <summary>Query-string values.</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>A header's value or <see langword="null"/>.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}
