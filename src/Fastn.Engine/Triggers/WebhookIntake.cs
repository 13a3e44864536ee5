using System.Security.Cryptography;
using System.Text;
using Fastn.Connectors.Triggers;
using Fastn.Engine.Registry;
using Fastn.Engine.Vault;
using Fastn.Storage;
using Fastn.Storage.Events;
using Fastn.Storage.Subscriptions;
using Fastn.Storage.Writing;
using Microsoft.Extensions.Logging;

namespace Fastn.Engine.Triggers;

/// <summary>What became of one webhook delivery.</summary>
public enum WebhookOutcome
{
    /// <summary>Verified, and its events are stored (or were already: a redelivery stores nothing new).</summary>
    Accepted,

    /// <summary>A verified handshake, answered with <see cref="WebhookIntakeResult.Handshake"/>; nothing stored.</summary>
    Handshake,

    /// <summary>The signature (or timestamp) did not verify; nothing stored.</summary>
    Rejected,

    /// <summary>Verified, but its body could not be read as the trigger's events; nothing stored.</summary>
    Unreadable,

    /// <summary>No subscription has this URL (never had, or deleted); nothing stored.</summary>
    NotFound,
}

/// <summary>The result of <see cref="WebhookIntake.ReceiveAsync"/>.</summary>
/// <param name="Outcome">What became of the delivery.</param>
/// <param name="Reason">Why it was refused, safe to show the app (no secret, no signature).</param>
/// <param name="Handshake">The answer to a handshake.</param>
/// <param name="EventIds">The ids of the events stored for it (a redelivery's events keep their first ids).</param>
/// <param name="Held">Whether the events are held from dispatch (the subscription is paused).</param>
public sealed record WebhookIntakeResult(WebhookOutcome Outcome, string? Reason = null, WebhookHandshake? Handshake = null,
    IReadOnlyList<string>? EventIds = null, bool Held = false);

/// <summary>
/// Webhook intake: verifies a delivery over its raw body with the subscription's secret, extracts its events and
/// stores each once (keyed by subscription and the app's event id) before the app gets its 2xx. Concurrent
/// deliveries share group commits; each is acknowledged only after its own rows are committed.
/// </summary>
public sealed class WebhookIntake(
    SubscriptionStore subscriptions,
    TenantScope scope,
    ConnectorRegistry registry,
    CredentialVault vault,
    GroupCommitWriter<PlatformEvent> writer,
    IIdGenerator ids,
    TimeProvider time,
    ILogger<WebhookIntake> logger)
{
    /// <summary>Longest provider event id kept as is in a dedup key; longer ones are hashed.</summary>
    public const int MaxEventIdLength = 200;

    /// <summary>
    /// Receives one delivery for <paramref name="subscriptionId"/>. Call it in system scope (the URL is the only
    /// credential): once the id names a subscription, the scope narrows to that subscription's tenant.
    /// </summary>
    public async Task<WebhookIntakeResult> ReceiveAsync(string subscriptionId, WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subscription = RowIds.IsWellFormed(subscriptionId)
            ? await subscriptions.GetAsync(subscriptionId, cancellationToken).ConfigureAwait(false)
            : null;
        if (subscription is null)
        {
            return new(WebhookOutcome.NotFound, "No subscription receives webhooks at this URL (it may have been deleted).");
        }

        scope.Set(subscription.WorkspaceId, subscription.TenantId);
        if (registry.Find(subscription.Connector)?.Definition.FindTrigger(subscription.Trigger) is not WebhookTriggerDefinition trigger)
        {
            return new(WebhookOutcome.NotFound, $"The trigger '{subscription.Connector}.{subscription.Trigger}' of this subscription is no longer registered.");
        }

        var verification = Verify(trigger, subscription, request);
        if (!verification.IsValid)
        {
            logger.LogInformation("Refused a webhook delivery for {Subscription} ({Connector}.{Trigger}): {Reason}",
                subscription.Id, subscription.Connector, subscription.Trigger, verification.Failure);
            return new(WebhookOutcome.Rejected, verification.Failure ?? "The delivery did not verify.");
        }

        if (verification.Handshake is { } handshake)
        {
            return new(WebhookOutcome.Handshake, Handshake: handshake);
        }

        IReadOnlyList<WebhookEvent> events;
        try
        {
            events = trigger.Extract(request);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("A verified delivery for {Subscription} could not be read: {Error}", subscription.Id, ex.Message);
            return new(WebhookOutcome.Unreadable,
                $"The delivery is signed but its body could not be read as {subscription.Connector}.{subscription.Trigger} events ({ex.GetType().Name}); nothing was stored.");
        }

        var held = subscription.Status == SubscriptionStatus.Paused
            ? $"The subscription was paused when this event arrived ({subscription.StatusReason ?? "paused"}); it is stored but not dispatched."
            : null;
        var now = time.GetUtcNow();
        var rows = events.Where(e => trigger.Accepts(e.Type)).Select(e => new PlatformEvent
        {
            Id = ids.NewId("evt"),
            WorkspaceId = subscription.WorkspaceId,
            TenantId = subscription.TenantId,
            Type = Truncate(e.Type, 100),
            Subject = subscription.ConnectionId,
            Data = e.Payload?.ToJsonString() ?? "null",
            CreatedAt = now,
            Kind = EventKinds.Trigger,
            ConnectionId = subscription.ConnectionId,
            SubscriptionId = subscription.Id,
            Trigger = $"{subscription.Connector}.{subscription.Trigger}",
            Source = "webhook",
            DedupKey = DedupKey(subscription.Id, e, request),
            OccurredAt = e.OccurredAt,
            HeldReason = held,
        }).ToList();

        // Acknowledge only after commit: the app's 2xx means the events are durable.
        await Task.WhenAll(rows.Select(r => writer.WriteAsync(r, cancellationToken))).ConfigureAwait(false);
        return new(WebhookOutcome.Accepted, EventIds: [.. rows.Select(r => r.Id)], Held: held is not null);
    }

    private WebhookVerification Verify(WebhookTriggerDefinition trigger, Subscription subscription, WebhookRequest request)
    {
        if (subscription.SigningSecretProtected is null)
        {
            return WebhookVerification.Invalid("This subscription has no signing secret, so no delivery can be verified.");
        }

        string secret;
        try
        {
            secret = vault.UnprotectValue(subscription.SigningSecretProtected);
        }
        catch (Exception ex) when (ex is CryptographicException or InvalidOperationException)
        {
            logger.LogError("The signing secret of subscription {Subscription} cannot be decrypted: {Error}", subscription.Id, ex.Message);
            return WebhookVerification.Invalid("The subscription's signing secret cannot be read by this server; set it again.");
        }

        try
        {
            return trigger.Verify(request, new WebhookVerificationContext { SigningSecret = secret, Time = time });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A verifier that throws has not verified anything: refuse, and name the bug without the secret.
            logger.LogError("The verifier of {Connector}.{Trigger} failed with {Type}", subscription.Connector, subscription.Trigger, ex.GetType().Name);
            return WebhookVerification.Invalid("The delivery could not be verified (the connector's verifier failed); nothing was stored.");
        }
    }

    // The app's event id when it gives one (the same on every retry), else the body's hash: a redelivery stores nothing.
    private static string DedupKey(string subscriptionId, WebhookEvent e, WebhookRequest request)
    {
        var id = string.IsNullOrEmpty(e.Id)
            ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(request.Body.Span))
            : e.Id.Length > MaxEventIdLength ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(e.Id))) : e.Id;
        return $"{subscriptionId}:{id}";
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
