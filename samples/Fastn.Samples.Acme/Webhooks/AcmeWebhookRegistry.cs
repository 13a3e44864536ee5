using System.Security.Cryptography;
using System.Text.Json;
using Fastn.Samples.Acme.Contacts;
using Fastn.Sandbox.Webhooks;

namespace Fastn.Samples.Acme.Webhooks;

/// <summary>
/// Webhook subscriptions of the Acme account. Each contact change becomes one event with one
/// <c>webhook-id</c>, delivered to every subscription that asked for its type.
/// </summary>
public sealed class AcmeWebhookRegistry
{
    private readonly WebhookDispatcher _dispatcher;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, AcmeWebhookSubscription> _subscriptions = new(StringComparer.Ordinal);

    internal AcmeWebhookRegistry(WebhookDispatcher dispatcher, TimeProvider time)
    {
        _dispatcher = dispatcher;
        _time = time;
    }

    /// <summary>Current subscriptions.</summary>
    public IReadOnlyList<AcmeWebhookSubscription> Subscriptions
    {
        get
        {
            lock (_lock)
            {
                return [.. _subscriptions.Values.OrderBy(s => s.CreatedAt)];
            }
        }
    }

    /// <summary>Registers an endpoint and returns it with a new <c>whsec_…</c> secret.</summary>
    public AcmeWebhookSubscription Subscribe(Uri url, IEnumerable<string> events)
    {
        var subscription = new AcmeWebhookSubscription(
            "wh_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), url, [.. events.Distinct(StringComparer.Ordinal)],
            StandardWebhooks.GenerateSecret(), _time.GetUtcNow());
        lock (_lock)
        {
            _subscriptions[subscription.Id] = subscription;
        }

        return subscription;
    }

    /// <summary>Removes a subscription; false when it does not exist.</summary>
    public bool Unsubscribe(string id)
    {
        lock (_lock)
        {
            return _subscriptions.Remove(id);
        }
    }

    /// <summary>Removes every subscription.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _subscriptions.Clear();
        }
    }

    internal void Publish(AcmeContactChange change)
    {
        var targets = Subscriptions.Where(s => s.Events.Contains(change.EventType)).ToList();
        if (targets.Count == 0)
        {
            return;
        }

        var messageId = StandardWebhooks.NewMessageId();
        var body = JsonSerializer.Serialize(
            new AcmeWebhookEvent(change.EventType, _time.GetUtcNow(), change.Contact), AcmeJson.Options);
        foreach (var target in targets)
        {
            _dispatcher.Enqueue(new WebhookDelivery(messageId, target.Url, target.Secret, change.EventType, body));
        }
    }

    private sealed record AcmeWebhookEvent(string Type, DateTimeOffset Timestamp, AcmeContact Data);
}
