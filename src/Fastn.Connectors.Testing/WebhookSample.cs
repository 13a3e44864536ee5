using System.Text;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.Testing;

/// <summary>
/// A webhook delivery signed the way the app signs it, for the conformance checks: they verify it, then
/// tamper with its body and sign it with a stale timestamp and expect both to be rejected.
/// </summary>
/// <param name="Request">The signed delivery.</param>
public sealed record WebhookSample(WebhookRequest Request)
{
    /// <summary>The event id the extractor must report for this delivery, if the test wants it checked.</summary>
    public string? ExpectedEventId { get; init; }

    /// <summary>The event type the extractor must report for this delivery, if the test wants it checked.</summary>
    public string? ExpectedEventType { get; init; }

    /// <summary>A POST delivery of <paramref name="body"/> (UTF-8) with the given headers.</summary>
    public static WebhookSample Create(string body, IReadOnlyDictionary<string, string> headers) =>
        new(new WebhookRequest(Encoding.UTF8.GetBytes(body), headers));

    /// <summary>
    /// The same delivery with one letter or digit of the body changed (the signature headers untouched):
    /// a verifier that checks the raw body must reject it.
    /// </summary>
    public WebhookRequest Tampered()
    {
        var bytes = Request.Body.ToArray();
        var at = Array.FindIndex(bytes, b => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z');
        if (at < 0)
        {
            bytes = [.. bytes, (byte)' '];
        }
        else
        {
            bytes[at] = bytes[at] switch
            {
                (byte)'9' => (byte)'0',
                (byte)'z' => (byte)'a',
                (byte)'Z' => (byte)'A',
                var b => (byte)(b + 1),
            };
        }

        return new WebhookRequest(bytes, Request.Headers, Request.Method, Request.Url, Request.Query);
    }
}
