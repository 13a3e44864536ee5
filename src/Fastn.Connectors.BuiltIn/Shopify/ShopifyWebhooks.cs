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
/// Shopify's events deliveries carry the same values in un-prefixed headers (<c>shopify-hmac-sha256</c>, <c>shopify-topic</c>,
/// <c>shopify-event-id</c>, <c>shopify-shop-domain</c>, <c>shopify-triggered-at</c>), alongside or instead of the <c>X-Shopify-*</c>
/// ones; as in Shopify's own library, a delivery with <c>shopify-hmac-sha256</c> is read from that set, any other from the <c>X-Shopify-*</c> set.
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

    /// <summary>The signature header of an events delivery (un-prefixed; its presence selects the un-prefixed set).</summary>
    public const string EventsHmacHeader = "shopify-hmac-sha256";

    /// <summary>The topic header of an events delivery.</summary>
    public const string EventsTopicHeader = "shopify-topic";

    /// <summary>The event id header of an events delivery, the same on every retry of one event.</summary>
    public const string EventsEventIdHeader = "shopify-event-id";

    /// <summary>The shop domain header of an events delivery.</summary>
    public const string EventsShopDomainHeader = "shopify-shop-domain";

    /// <summary>When Shopify triggered an events delivery (not signed).</summary>
    public const string EventsTriggeredAtHeader = "shopify-triggered-at";

    private static readonly HeaderNames Webhooks = new(HmacHeader, TopicHeader, WebhookIdHeader, TriggeredAtHeader);

    private static readonly HeaderNames Events = new(EventsHmacHeader, EventsTopicHeader, EventsEventIdHeader, EventsTriggeredAtHeader);

    /// <summary>Verifies <c>X-Shopify-Hmac-Sha256</c> (or <c>shopify-hmac-sha256</c>) against the raw body in constant time.</summary>
    public static WebhookVerification Verify(WebhookRequest request, WebhookVerificationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var names = NamesOf(request);
        var signature = request.Header(names.Hmac);
        if (string.IsNullOrWhiteSpace(signature))
        {
            return WebhookVerification.Invalid($"Missing {HmacHeader} (or {EventsHmacHeader}) header.");
        }

        if (request.Header(names.Topic) is null || request.Header(names.Id) is null)
        {
            return WebhookVerification.Invalid($"Missing {names.Topic} or {names.Id} header.");
        }

        byte[] given;
        try
        {
            given = Convert.FromBase64String(signature.Trim());
        }
        catch (FormatException)
        {
            return WebhookVerification.Invalid($"{names.Hmac} is not base64.");
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(context.SigningSecret), request.Body.Span);
        return CryptographicOperations.FixedTimeEquals(given, expected)
            ? WebhookVerification.Valid
            : WebhookVerification.Invalid($"{names.Hmac} does not match the body signed with the app's client secret.");
    }

    /// <summary>
    /// The one event of a delivery: id <c>X-Shopify-Webhook-Id</c> (<c>shopify-event-id</c> in the un-prefixed set), type the
    /// topic, payload the body.
    /// </summary>
    public static IReadOnlyList<WebhookEvent> Extract(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var names = NamesOf(request);
        var id = request.Header(names.Id);
        var topic = request.Header(names.Topic);
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
        var triggeredAt = request.Header(names.TriggeredAt) is { } raw ? ExtraFraction().Replace(raw, "$1") : null;
        DateTimeOffset? at = DateTimeOffset.TryParse(triggeredAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var triggered)
            ? triggered
            : null;
        return [new WebhookEvent(id, topic, payload) { OccurredAt = at }];
    }

    // Events deliveries may send both sets for compatibility; only they send shopify-hmac-sha256, so it decides (as in Shopify's library).
    private static HeaderNames NamesOf(WebhookRequest request) =>
        string.IsNullOrWhiteSpace(request.Header(EventsHmacHeader)) ? Webhooks : Events;

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

    private sealed record HeaderNames(string Hmac, string Topic, string Id, string TriggeredAt);
}
