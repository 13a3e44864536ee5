namespace Fastn.Connectors.Triggers;

/// <summary>A response the webhook endpoint sends as it is (status, content type, body).</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="ContentType">Content type of <paramref name="Body"/>.</param>
/// <param name="Body">Body text.</param>
public sealed record WebhookHandshake(int StatusCode, string ContentType, string Body);
