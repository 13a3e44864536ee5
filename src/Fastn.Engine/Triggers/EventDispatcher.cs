using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Triggers;
using Fastn.Engine.Hosting;
using Fastn.Engine.Vault;
using Fastn.Storage;
using Fastn.Storage.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.Triggers;

/// <summary>How events reach destinations (<c>Fastn:Events</c>).</summary>
public sealed class EventDispatchOptions
{
    /// <summary>How often the dispatcher looks for new events and due deliveries (default 1 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The waits before each retry after a failed attempt (<c>Fastn:Events:RetrySchedule:0</c>, <c>:1</c>…); after the
    /// last one the delivery is dead-lettered. Empty means <see cref="StandardSchedule"/>.
    /// </summary>
    public List<TimeSpan> RetrySchedule { get; set; } = [];

    /// <summary>
    /// The Standard Webhooks schedule: retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (eight attempts over
    /// about a day and a half).
    /// </summary>
    public static IReadOnlyList<TimeSpan> StandardSchedule { get; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>The schedule in force.</summary>
    public IReadOnlyList<TimeSpan> Schedule => RetrySchedule.Count > 0 ? RetrySchedule : StandardSchedule;

    /// <summary>How long one attempt may take before it counts as failed (default 15 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most deliveries sent at once (default 8).</summary>
    public int MaxConcurrency { get; set; } = 8;
}

/// <summary>
/// Sends stored events to the workspace's destinations: fans each new event out to the matching destinations, then
/// sends due deliveries signed the Standard Webhooks way through the SSRF-guarded client. Safe on several nodes: a
/// delivery is claimed with a lease (its next-attempt time moves only for the node that claimed it).
/// </summary>
public sealed class EventDispatcher(
    IServiceScopeFactory scopes,
    IServiceProviderIsService registrations,
    IHostApplicationLifetime lifetime,
    IHttpClientFactory http,
    CredentialVault vault,
    TimeProvider time,
    IOptions<EventDispatchOptions> options,
    ILogger<EventDispatcher> logger) : BackgroundService
{
    /// <summary>The named client deliveries are sent with (SSRF-guarded, no redirects).</summary>
    public const string ClientName = "fastn-events";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!registrations.IsService(typeof(EventDeliveryStore)))
        {
            logger.LogInformation("No event store is registered (AddFastnStorage), so events are not dispatched by this host.");
            return;
        }

        await HostStart.LoopAsync(lifetime, () => options.Value.PollInterval, time, logger, "Event dispatch pass", RunOnceAsync, stoppingToken).ConfigureAwait(false);
    }

    /// <summary>One pass: fan out new events, then send the deliveries that are due. Returns how many were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        await using (var scope = scopes.CreateAsyncSystemScope("the event dispatcher fans events out to their workspace's destinations"))
        {
            var events = await scope.ServiceProvider.GetRequiredService<EventStore>().ListUndispatchedAsync(500, cancellationToken).ConfigureAwait(false);
            // Flows first: if starting their runs fails, the events stay undispatched and the next pass tries again.
            if (events.Count > 0 && scope.ServiceProvider.GetService<Flows.FlowEventTrigger>() is { } flows)
            {
                await flows.StartForEventsAsync(events, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await scope.ServiceProvider.GetRequiredService<EventDeliveryStore>().FanOutAsync(events, Matcher(), cancellationToken).ConfigureAwait(false);
            }
            catch (DuplicateKeyException)
            {
                // Another node fanned these out at the same moment; its deliveries stand.
            }
        }

        IReadOnlyList<EventDelivery> due;
        Dictionary<string, EventDestination> destinations;
        Dictionary<string, PlatformEvent> claimedEvents;
        await using (var scope = scopes.CreateAsyncSystemScope("the event dispatcher claims due deliveries"))
        {
            var store = scope.ServiceProvider.GetRequiredService<EventDeliveryStore>();
            var lease = o.AttemptTimeout + TimeSpan.FromSeconds(30);
            due = await store.ClaimDueAsync(100, lease, cancellationToken).ConfigureAwait(false);
            // What the claimed deliveries send, read once for the whole batch.
            destinations = (await store.GetDestinationsAsync([.. due.Select(d => d.DestinationId).Distinct()], cancellationToken).ConfigureAwait(false))
                .ToDictionary(d => d.Id, StringComparer.Ordinal);
            claimedEvents = (await scope.ServiceProvider.GetRequiredService<EventStore>().GetManyAsync([.. due.Select(d => d.EventId).Distinct()], cancellationToken).ConfigureAwait(false))
                .ToDictionary(e => e.Id, StringComparer.Ordinal);
        }

        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.MaxConcurrency), CancellationToken = cancellationToken },
            async (delivery, ct) => await SendAsync(delivery, destinations.GetValueOrDefault(delivery.DestinationId), claimedEvents.GetValueOrDefault(delivery.EventId), ct)
                .ConfigureAwait(false)).ConfigureAwait(false);
        return due.Count;
    }

    // One pass's decision of which destination takes which event: kind, event types, then the payload filter, with
    // each destination's filter and each event's payload parsed once.
    private static Func<EventDestination, PlatformEvent, bool> Matcher()
    {
        var filters = new Dictionary<string, EventFilter>(StringComparer.Ordinal);
        var payloads = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        return (destination, evt) =>
        {
            if (destination.Kind is { } kind && kind != evt.Kind)
            {
                return false;
            }

            var types = EventDeliveryStore.EventTypesOf(destination);
            if (types.Count > 0 && !types.Contains(evt.Type, StringComparer.Ordinal))
            {
                return false;
            }

            if (!filters.TryGetValue(destination.Id, out var filter))
            {
                filters[destination.Id] = filter = EventFilter.FromStored(destination.Filters);
            }

            if (filter.IsEmpty)
            {
                return true;
            }

            if (!payloads.TryGetValue(evt.Id, out var payload))
            {
                payloads[evt.Id] = payload = Parse(evt.Data);
            }

            return filter.Matches(payload);
        };
    }

    private async Task SendAsync(EventDelivery delivery, EventDestination? destination, PlatformEvent? evt, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncSystemScope("the event dispatcher records one delivery attempt");
        var store = scope.ServiceProvider.GetRequiredService<EventDeliveryStore>();
        if (destination is null || evt is null)
        {
            await store.RecordAttemptAsync(delivery.Id, false, null, "The destination or the event no longer exists.", null, cancellationToken).ConfigureAwait(false);
            return;
        }

        int? status = null;
        string? error = null;
        try
        {
            var body = Encoding.UTF8.GetBytes(Payload(evt));
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, destination.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(WebhookVerifiers.StandardIdHeader, evt.Id);
            request.Headers.Add(WebhookVerifiers.StandardTimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookVerifiers.StandardSignatureHeader,
                WebhookVerifiers.SignStandard(vault.UnprotectValue(destination.SecretProtected), evt.Id, timestamp, body));
            request.Headers.UserAgent.ParseAdd("Fastn-Webhooks/1");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.AttemptTimeout);
            using var response = await http.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                await store.RecordAttemptAsync(delivery.Id, true, status, null, null, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            error = $"The destination answered {status}.";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"The destination did not answer within {options.Value.AttemptTimeout.TotalSeconds:0} s.";
        }
        catch (HttpRequestException ex)
        {
            error = $"Could not reach the destination: {ex.Message}";
        }

        var schedule = options.Value.Schedule;
        DateTimeOffset? retryAt = delivery.Attempts < schedule.Count ? time.GetUtcNow() + schedule[delivery.Attempts] : null;
        logger.LogInformation("Delivery {Delivery} of {Event} to {Destination} failed (attempt {Attempt}): {Error}{Next}",
            delivery.Id, evt.Id, destination.Id, delivery.Attempts + 1, error, retryAt is null ? "; dead-lettered" : "");
        await store.RecordAttemptAsync(delivery.Id, false, status, error, retryAt, CancellationToken.None).ConfigureAwait(false);
    }

    private static JsonNode? Parse(string data)
    {
        try
        {
            return JsonNode.Parse(data);
        }
        catch (JsonException)
        {
            return data;
        }
    }

    // The Standard Webhooks payload: type, timestamp, and the event as data.
    private static string Payload(PlatformEvent evt)
    {
        var data = Parse(evt.Data);

        return new JsonObject
        {
            ["type"] = evt.Type,
            ["timestamp"] = evt.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["data"] = new JsonObject
            {
                ["id"] = evt.Id,
                ["kind"] = evt.Kind,
                ["tenantId"] = evt.TenantId,
                ["connectionId"] = evt.ConnectionId,
                ["subscriptionId"] = evt.SubscriptionId,
                ["trigger"] = evt.Trigger,
                ["source"] = evt.Source,
                ["subject"] = evt.Subject,
                ["occurredAt"] = evt.OccurredAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ["payload"] = data,
            },
        }.ToJsonString();
    }
}
