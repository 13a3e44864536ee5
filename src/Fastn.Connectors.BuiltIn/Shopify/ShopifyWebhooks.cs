using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.Shopify;

/// <summary>
/// Shopify's webhook signature: <c>X-Shopify-Hmac-Sha256</c> = base64 HMAC-SHA256 of the raw body keyed with the app's client
/// secret. The scheme signs no timestamp (replays are recognised by <c>X-Shopify-Webhook-Id</c>); the topic is in
/// <c>X-Shopify-Topic</c> and the body is the resource itself (a customer, an order, an inventory level…).
/// </summary>
public static partial class ShopifyWebhooks
{
    /// <summary>The signature header.</summary>
    public const string HmacHeader = "X-Shopify-Hmac-Sha256";

    /// <summary>The topic header (<c>orders/create</c>).</summary>
    public const string TopicHeader = "X-Shopify-Topic";

    /// <summary>The delivery id header, the same on every retry of one delivery.</summary>
    public const string WebhookIdHeader = "X-Shopify-Webhook-Id";

    /// <summary>The shop domain header (<c>my-store.myshopify.com</c>).</summary>
    public const string ShopDomainHeader = "X-Shopify-Shop-Domain";

    /// <summary>When Shopify triggered the delivery (not signed).</summary>
    public const string TriggeredAtHeader = "X-Shopify-Triggered-At";

    /// <summary>Verifies <c>X-Shopify-Hmac-Sha256</c> against the raw body in constant time.</summary>
    public static WebhookVerification Verify(WebhookRequest request, WebhookVerificationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var signature = request.Header(HmacHeader);
        if (string.IsNullOrWhiteSpace(signature))
        {
            return WebhookVerification.Invalid($"Missing {HmacHeader} header.");
        }

        if (request.Header(TopicHeader) is null || request.Header(WebhookIdHeader) is null)
        {
            return WebhookVerification.Invalid($"Missing {TopicHeader} or {WebhookIdHeader} header.");
        }

        byte[] given;
        try
        {
            given = Convert.FromBase64String(signature.Trim());
        }
        catch (FormatException)
        {
            return WebhookVerification.Invalid($"{HmacHeader} is not base64.");
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(context.SigningSecret), request.Body.Span);
        return CryptographicOperations.FixedTimeEquals(given, expected)
            ? WebhookVerification.Valid
            : WebhookVerification.Invalid($"{HmacHeader} does not match the body signed with the app's client secret.");
    }

    /// <summary>The one event of a delivery: id <c>X-Shopify-Webhook-Id</c>, type <c>X-Shopify-Topic</c>, payload the body.</summary>
    public static IReadOnlyList<WebhookEvent> Extract(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Header(WebhookIdHeader);
        var topic = request.Header(TopicHeader);
        if (id is null || topic is null)
        {
            return [];
        }

        JsonNode? payload;
        try
        {
            payload = JsonNode.Parse(request.BodyText);
        }
        catch (JsonException)
        {
            payload = null;
        }

        // Shopify writes nanoseconds (2024-10-01T16:00:27.877041743Z); .NET parses at most seven fractional digits.
        var triggeredAt = request.Header(TriggeredAtHeader) is { } raw ? ExtraFraction().Replace(raw, "$1") : null;
        DateTimeOffset? at = DateTimeOffset.TryParse(triggeredAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var triggered)
            ? triggered
            : null;
        return [new WebhookEvent(id, topic, payload) { OccurredAt = at }];
    }

    /// <summary>The base64 HMAC-SHA256 of a body, as Shopify computes it.</summary>
    public static string Sign(string clientSecret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(clientSecret);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), body));
    }

    /// <summary>Creates one webhook per topic (<c>POST /webhooks.json</c>); the external id lists their ids.</summary>
    internal static async Task<WebhookSubscription> SubscribeAsync(WebhookSubscription subscription, IReadOnlyList<string> triggerTopics, ConnectorContext ctx, CancellationToken ct)
    {
        var topics = subscription.EventTypes.Count > 0 ? subscription.EventTypes : triggerTopics;
        var ids = new List<string>();
        foreach (var topic in topics)
        {
            var (root, _, _) = await ShopifyApi.SendAsync(ctx, HttpMethod.Post, "webhooks.json",
                new { webhook = new { topic, address = subscription.CallbackUrl, format = "json" } }, ct).ConfigureAwait(false);
            ids.Add(root["webhook"]?["id"]?.ToJsonString() ?? throw new Http.UpstreamException(201, root.ToJsonString(), "Shopify's answer has no webhook id."));
        }

        // Shopify signs with the app's client secret, so there is no per-subscription secret.
        return subscription with { ExternalId = string.Join(',', ids) };
    }

    /// <summary>Deletes the webhooks made by <see cref="SubscribeAsync"/> (<c>DELETE /webhooks/{id}.json</c>).</summary>
    internal static async Task UnsubscribeAsync(WebhookSubscription subscription, ConnectorContext ctx, CancellationToken ct)
    {
        foreach (var id in (subscription.ExternalId ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                await ShopifyApi.SendAsync(ctx, HttpMethod.Delete, ctx.Http.Path("webhooks/{id}.json", id), null, ct, idempotent: true).ConfigureAwait(false);
            }
            catch (Http.UpstreamException ex) when (ex.StatusCode == 404)
            {
                // Already gone.
            }
        }
    }

    [GeneratedRegex("(\\.[0-9]{7})[0-9]+")]
    private static partial Regex ExtraFraction();
}
