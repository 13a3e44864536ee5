using System.Text.Json.Nodes;
using Fastn.Connectors.Triggers;
using Fastn.Engine.ConnectSessions;
using Fastn.Engine.Errors;
using Fastn.Engine.Vault;
using Fastn.Storage;
using Fastn.Storage.Events;

namespace Fastn.Engine.Triggers;

/// <summary>A destination as hosts see it: never its secret after creation.</summary>
/// <param name="Id">The destination id (<c>dst_…</c>).</param>
/// <param name="Url">The endpoint events are POSTed to.</param>
/// <param name="EventTypes">The event types it receives; empty means all.</param>
/// <param name="Kind">Which kind it receives (<c>platform</c>, <c>trigger</c>), or null for both.</param>
/// <param name="Enabled">Whether events are sent to it.</param>
/// <param name="CreatedAt">When it was added.</param>
/// <param name="Secret">The <c>whsec_</c> signing secret, only in the answer that created it.</param>
/// <param name="Filters">Conditions on the event's payload that must all hold.</param>
public sealed record EventDestinationView(string Id, string Url, IReadOnlyList<string> EventTypes, string? Kind, bool Enabled, DateTimeOffset CreatedAt,
    string? Secret = null, JsonArray? Filters = null);

/// <summary>One event's delivery to one destination.</summary>
/// <param name="Id">The delivery id (<c>dlv_…</c>).</param>
/// <param name="EventId">The event.</param>
/// <param name="DestinationId">The destination.</param>
/// <param name="Status"><c>Pending</c>, <c>Delivered</c> or <c>Failed</c> (dead letter).</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="NextAttemptAt">When the next attempt is due (pending ones).</param>
/// <param name="LastStatus">The destination's HTTP status on the last attempt.</param>
/// <param name="LastError">Why the last attempt failed.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record EventDeliveryView(string Id, string EventId, string DestinationId, string Status, int Attempts, DateTimeOffset NextAttemptAt,
    int? LastStatus, string? LastError, DateTimeOffset UpdatedAt);

/// <summary>
/// A workspace's own endpoints for its events: each receives the matching events signed the Standard Webhooks way
/// (<c>webhook-id</c> is the event id, stable across retries), retried on a schedule, dead-lettered after the last attempt.
/// </summary>
public sealed class EventDestinationService(EventDeliveryStore store, CredentialVault vault)
{
    /// <summary>Most event types one destination may filter on.</summary>
    public const int MaxEventTypes = 100;

    /// <summary>Adds a destination; the answer carries its signing secret, shown this once.</summary>
    public async Task<EventDestinationView> AddAsync(string workspaceId, string? url, IReadOnlyList<string>? eventTypes, string? kind, CancellationToken cancellationToken,
        JsonArray? filters = null)
    {
        var filter = EventFilter.Parse(filters);
        if (string.IsNullOrWhiteSpace(url))
        {
            throw FastnException.Validation("'url' is required: the HTTPS endpoint that receives the events.", "$.url");
        }

        if (url.Length > ReturnUrl.MaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || !RedirectUrls.AllowedScheme(uri)
            || uri.UserInfo.Length > 0 || url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw FastnException.Validation(
                $"'url' {ProblemText.Quote(url)} must be an absolute https URL (http only for localhost) without user info or spaces, at most {ReturnUrl.MaxLength} characters.",
                "$.url");
        }

        if (kind is not null && !EventKinds.IsKnown(kind))
        {
            throw FastnException.Validation($"'kind' must be '{EventKinds.Platform}' or '{EventKinds.Trigger}' (omit it for both).", "$.kind");
        }

        var types = eventTypes ?? [];
        if (types.Count > MaxEventTypes)
        {
            throw FastnException.Validation($"'eventTypes' may name at most {MaxEventTypes} types.", "$.eventTypes");
        }

        for (var i = 0; i < types.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(types[i]) || types[i].Length > 100 || types[i].Any(char.IsControl))
            {
                throw FastnException.Validation("Each event type is 1 to 100 characters without control characters (e.g. issues.opened).", $"$.eventTypes[{i}]");
            }
        }

        var secret = WebhookVerifiers.NewStandardSecret();
        var added = await store.AddDestinationAsync(workspaceId, uri.AbsoluteUri, vault.ProtectValue(secret), [.. types.Distinct(StringComparer.Ordinal)], kind,
            cancellationToken, filter.ToJson()).ConfigureAwait(false);
        return View(added) with { Secret = secret };
    }

    /// <summary>The workspace's destinations.</summary>
    public async Task<IReadOnlyList<EventDestinationView>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListDestinationsAsync(cancellationToken).ConfigureAwait(false)).Select(View)];

    /// <summary>Removes a destination and its pending deliveries.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!RowIds.IsWellFormed(id) || !await store.DeleteDestinationAsync(id, cancellationToken).ConfigureAwait(false))
        {
            throw FastnException.NotFound($"There is no event destination {ProblemText.Quote(id)} in this workspace.");
        }
    }

    /// <summary>A destination's deliveries, newest first; <paramref name="status"/> <c>Failed</c> is the dead-letter list.</summary>
    public async Task<IReadOnlyList<EventDeliveryView>> ListDeliveriesAsync(string destinationId, string? status, int limit, CancellationToken cancellationToken)
    {
        EventDeliveryStatus? filter = null;
        if (status is not null)
        {
            filter = Enum.TryParse<EventDeliveryStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw FastnException.Validation("'status' must be Pending, Delivered or Failed.", "status");
        }

        if (!RowIds.IsWellFormed(destinationId) || await store.GetDestinationAsync(destinationId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw FastnException.NotFound($"There is no event destination {ProblemText.Quote(destinationId)} in this workspace.");
        }

        return [.. (await store.ListDeliveriesAsync(destinationId, filter, limit, cancellationToken).ConfigureAwait(false)).Select(View)];
    }

    /// <summary>Sends a delivery again (typically a dead letter), due now with a fresh set of attempts.</summary>
    public async Task<EventDeliveryView> RedeliverAsync(string deliveryId, CancellationToken cancellationToken)
    {
        if (!RowIds.IsWellFormed(deliveryId) || !await store.RedeliverAsync(deliveryId, cancellationToken).ConfigureAwait(false))
        {
            throw FastnException.NotFound($"There is no event delivery {ProblemText.Quote(deliveryId)} in this workspace.");
        }

        return View((await store.GetDeliveryAsync(deliveryId, cancellationToken).ConfigureAwait(false))!);
    }

    private static EventDestinationView View(EventDestination d) =>
        new(d.Id, d.Url, EventDeliveryStore.EventTypesOf(d), d.Kind, d.Enabled, d.CreatedAt, Filters: EventFilter.FromStored(d.Filters).ToJsonArray());

    private static EventDeliveryView View(EventDelivery d) =>
        new(d.Id, d.EventId, d.DestinationId, d.Status.ToString(), d.Attempts, d.NextAttemptAt, d.LastStatus, d.LastError, d.UpdatedAt);
}
