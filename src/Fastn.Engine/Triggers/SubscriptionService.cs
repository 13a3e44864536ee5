using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Triggers;
using Fastn.Engine.Connections;
using Fastn.Engine.Errors;
using Fastn.Engine.Execution;
using Fastn.Engine.Hosting;
using Fastn.Engine.Registry;
using Fastn.Engine.Vault;
using Fastn.Engine.Triggers.Polling;
using Fastn.Storage;
using Fastn.Storage.Polling;
using Fastn.Storage.Subscriptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.Triggers;

/// <summary>
/// Subscriptions: one connection × one trigger × its parameters. A webhook subscription gets its own URL, so one
/// connection can watch several triggers (or the same trigger with different parameters) without collisions. When the
/// trigger can register its webhook with the app (<see cref="WebhookTriggerDefinition.Subscribe"/>), creating the
/// subscription does that, with the secret the app is given; otherwise the caller registers the URL in the app and
/// passes the app's signing secret.
/// </summary>
public sealed class SubscriptionService(
    SubscriptionStore store,
    ConnectionService connections,
    ConnectorRegistry registry,
    CredentialVault vault,
    ActionExecutor executor,
    IOAuthAppProvider oauthApps,
    IOptions<FastnEngineOptions> options,
    PollStore polls,
    IOptions<PollingOptions> polling,
    TimeProvider time,
    ILogger<SubscriptionService> logger)
{
    /// <summary>Longest accepted signing secret.</summary>
    public const int MaxSecretLength = 1000;

    /// <summary>The path under the public base URL where a subscription receives deliveries.</summary>
    public const string WebhookPath = "/webhooks/";

    /// <summary>Creates a subscription for a connection of the tenant.</summary>
    public async Task<SubscriptionView> CreateAsync(TenantInfo tenant, CreateSubscriptionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.ConnectionId))
        {
            throw FastnException.Validation("'connectionId' is required: the connection whose events to receive.", "$.connectionId");
        }

        if (!RowIds.IsWellFormed(request.ConnectionId))
        {
            throw FastnException.Validation($"'connectionId' {ProblemText.Quote(request.ConnectionId)} is not a connection id (conn_…).", "$.connectionId");
        }

        if (string.IsNullOrWhiteSpace(request.Trigger))
        {
            throw FastnException.Validation("'trigger' is required: the name of one of the connector's triggers.", "$.trigger");
        }

        var connection = await connections.GetOwnedAsync(tenant, request.ConnectionId, cancellationToken).ConfigureAwait(false);
        var definition = registry.Find(connection.Connector)?.Definition
            ?? throw FastnException.Conflict($"The connector '{connection.Connector}' of this connection is no longer registered, so it has no triggers.");
        var trigger = definition.FindTrigger(request.Trigger)
            ?? throw FastnException.Validation(
                $"'{definition.Name}' has no trigger {ProblemText.Quote(request.Trigger)}. Its triggers: {TriggerList(definition)}.", "$.trigger");
        if (trigger is PollTriggerDefinition poll)
        {
            return await CreatePollAsync(tenant, connection, definition, poll, request, cancellationToken).ConfigureAwait(false);
        }

        if (trigger is not WebhookTriggerDefinition webhook)
        {
            throw FastnException.Validation($"'{definition.Name}.{trigger.Name}' is neither a webhook nor a poll trigger.", "$.trigger");
        }

        if (request.Schedule is not null || request.InitialSync is not null)
        {
            throw FastnException.Validation(
                $"'schedule' and 'initialSync' apply to poll triggers; '{definition.Name}.{trigger.Name}' is a webhook trigger, so the app sends its events as they happen.",
                request.Schedule is not null ? "$.schedule" : "$.initialSync");
        }

        if (string.IsNullOrEmpty(request.SigningSecret) && webhook.Subscribe is not null)
        {
            return await CreateRegisteredAsync(tenant, connection, definition, webhook, request.Parameters, cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrEmpty(request.SigningSecret))
        {
            throw FastnException.Validation(
                $"'signingSecret' is required: the secret {definition.DisplayName} signs its webhook deliveries with. Copy it from the webhook's settings in {definition.DisplayName}; deliveries that do not verify with it are refused.",
                "$.signingSecret");
        }

        if (request.SigningSecret.Length > MaxSecretLength || request.SigningSecret.Any(char.IsControl))
        {
            throw FastnException.Validation($"'signingSecret' must be at most {MaxSecretLength} characters without control characters.", "$.signingSecret");
        }

        var created = await store.CreateAsync(tenant.WorkspaceId, tenant.TenantId, connection.Id, definition.Name, trigger.Name,
            (request.Parameters ?? []).ToJsonString(), vault.ProtectValue(request.SigningSecret), cancellationToken).ConfigureAwait(false);
        return View(created);
    }

    /// <summary>A subscription of the tenant, or a not-found error.</summary>
    public async Task<SubscriptionView> GetAsync(TenantInfo tenant, string id, CancellationToken cancellationToken) =>
        View(await OwnedAsync(tenant, id, cancellationToken).ConfigureAwait(false));

    /// <summary>The subscriptions in scope (the tenant's, or the workspace's), optionally of one connection.</summary>
    public async Task<IReadOnlyList<SubscriptionView>> ListAsync(string? connectionId, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(connectionId, cancellationToken).ConfigureAwait(false)).Select(View)];

    /// <summary>Pauses: deliveries are still acknowledged and stored, but held from dispatch.</summary>
    public Task<SubscriptionView> PauseAsync(TenantInfo tenant, string id, CancellationToken cancellationToken) =>
        SetStatusAsync(tenant, id, SubscriptionStatus.Paused, "Paused by its owner.", cancellationToken);

    /// <summary>Resumes a paused (or failing, or needs-reauth) subscription; a poll subscription is due at once, its back-off reset.</summary>
    public async Task<SubscriptionView> ResumeAsync(TenantInfo tenant, string id, CancellationToken cancellationToken)
    {
        var subscription = await OwnedAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        if (IsPoll(subscription))
        {
            await polls.ScheduleAsync(id, time.GetUtcNow(), resetFailures: true, cancellationToken).ConfigureAwait(false);
        }

        return await SetStatusAsync(tenant, id, SubscriptionStatus.Active, null, cancellationToken).ConfigureAwait(false);
    }

    // A poll subscription: its schedule and first-pass choice, checked here; due at once, so the baseline starts now.
    private async Task<SubscriptionView> CreatePollAsync(TenantInfo tenant, ConnectionView connection, ConnectorDefinition definition, PollTriggerDefinition trigger,
        CreateSubscriptionRequest request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(request.SigningSecret))
        {
            throw FastnException.Validation($"'signingSecret' applies to webhook triggers; '{definition.Name}.{trigger.Name}' is polled, so nothing is signed.", "$.signingSecret");
        }

        var initial = request.InitialSync switch
        {
            null or "baseline" => PollInitialSync.Baseline,
            "emit" => PollInitialSync.Emit,
            _ => throw FastnException.Validation(
                $"'initialSync' {ProblemText.Quote(request.InitialSync)} is not one of: baseline (existing records produce no events), emit (each existing record is a created event).",
                "$.initialSync"),
        };
        var schedule = request.Schedule;
        PollSchedule.Validate(schedule?.Interval, schedule?.Cron, schedule?.TimeZone, polling.Value.MinInterval, out var seconds);
        var now = time.GetUtcNow();
        var created = await store.CreateAsync(tenant.WorkspaceId, tenant.TenantId, connection.Id, definition.Name, trigger.Name,
            (request.Parameters ?? []).ToJsonString(), signingSecretProtected: null, s =>
            {
                s.PollSlot = PollStore.SlotOf(s.Id);
                s.PollIntervalSeconds = seconds;
                s.PollCron = schedule?.Cron;
                s.PollTimeZone = schedule?.TimeZone;
                s.InitialSync = initial;
                s.NextPollAt = now;
            }, cancellationToken).ConfigureAwait(false);
        return View(created);
    }

    private bool IsPoll(Subscription s) => registry.Find(s.Connector)?.Definition.FindTrigger(s.Trigger) is PollTriggerDefinition;

    /// <summary>
    /// Deletes the subscription; its URL answers 404 afterwards, and its stored events stay in the event list. A webhook
    /// Fastn registered with the app is removed there first; if the app refuses, the subscription is deleted anyway and
    /// the returned warning says what to remove by hand (null when nothing is left behind).
    /// </summary>
    public async Task<string?> DeleteAsync(TenantInfo tenant, string id, CancellationToken cancellationToken)
    {
        var subscription = await OwnedAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        string? warning = null;
        if (subscription.ExternalId is { } externalId
            && registry.Find(subscription.Connector)?.Definition.FindTrigger(subscription.Trigger) is WebhookTriggerDefinition { Unsubscribe: { } unsubscribe })
        {
            try
            {
                await RunHandlerAsync(tenant, subscription.ConnectionId, $"unsubscribe:{subscription.Trigger}", $"Removes the {subscription.Trigger} webhook from the app.",
                    async (ctx, ct) =>
                    {
                        await unsubscribe(new WebhookSubscription(WebhookUrl(id), []) { ExternalId = externalId, Parameters = Parameters(subscription.Parameters) }, ctx, ct)
                            .ConfigureAwait(false);
                        return externalId;
                    }, cancellationToken).ConfigureAwait(false);
            }
            catch (FastnException ex)
            {
                logger.LogWarning("Could not remove webhook {ExternalId} of subscription {Subscription} at {Connector}: {Error}",
                    externalId, id, subscription.Connector, ex.Detail);
                warning = $"The subscription was deleted, but {subscription.Connector} did not confirm removing its webhook '{externalId}' ({ex.Detail}). Remove it in the app's webhook settings.";
            }
        }

        await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        return warning;
    }

    // Registers the webhook with the app for a new subscription; a failure leaves no subscription behind.
    // A fresh secret is stored before the app is called: apps that ping the URL as the hook is created (GitHub)
    // sign that first delivery with it. Apps that pick their own secret (Stripe) return it; apps that sign with the
    // OAuth app's client secret (Shopify) return none, and the workspace's OAuth app secret is used.
    private async Task<SubscriptionView> CreateRegisteredAsync(TenantInfo tenant, ConnectionView connection, ConnectorDefinition definition,
        WebhookTriggerDefinition trigger, JsonObject? parameters, CancellationToken cancellationToken)
    {
        var fresh = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var created = await store.CreateAsync(tenant.WorkspaceId, tenant.TenantId, connection.Id, definition.Name, trigger.Name,
            (parameters ?? []).ToJsonString(), vault.ProtectValue(fresh), cancellationToken).ConfigureAwait(false);
        WebhookSubscription? registered = null;
        string secret;
        try
        {
            // The secret stays in this closure: the call log records only the app's hook id.
            await RunHandlerAsync(tenant, connection.Id, $"subscribe:{trigger.Name}", $"Registers the {trigger.Name} webhook with the app.", async (ctx, ct) =>
            {
                registered = await trigger.Subscribe!(new WebhookSubscription(WebhookUrl(created.Id), trigger.EventTypes)
                {
                    Parameters = (JsonObject)(parameters ?? []).DeepClone(),
                    SuggestedSecret = fresh,
                }, ctx, ct).ConfigureAwait(false);
                return registered.ExternalId;
            }, cancellationToken).ConfigureAwait(false);
            secret = registered?.SigningSecret
                ?? (await oauthApps.GetAsync(tenant.WorkspaceId, definition.Name, cancellationToken).ConfigureAwait(false))?.ClientSecret
                ?? throw FastnException.Conflict(
                    $"{definition.DisplayName} signs webhooks with the OAuth app's client secret, and this workspace has no OAuth app for '{definition.Name}'. An admin registers the OAuth app, then subscribe again.");
        }
        catch
        {
            await store.DeleteAsync(created.Id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var updated = await store.SetRegistrationAsync(created.Id, registered!.ExternalId, secret == fresh ? null : vault.ProtectValue(secret), cancellationToken).ConfigureAwait(false)
            ?? throw FastnException.NotFound($"Subscription '{created.Id}' was deleted meanwhile.");
        return View(updated);
    }

    // A trigger's subscribe or unsubscribe handler, run like an action (credentials, scoped HTTP, call log) under its
    // own name; the call log records only the hook id it returns.
    private Task<ActionCallResult> RunHandlerAsync(TenantInfo tenant, string connectionId, string name, string description,
        Func<ConnectorContext, CancellationToken, Task<string?>> handler, CancellationToken cancellationToken)
    {
        var action = Define.JsonAction(name, description, new JsonObject { ["type"] = "object" }, new JsonObject { ["type"] = "object" },
            async (_, ctx, ct) => new JsonObject { ["externalId"] = await handler(ctx, ct).ConfigureAwait(false) });
        return executor.RunHandlerAsync(new ActionCallRequest(tenant, connectionId, name, new JsonObject(), ActionCaller.Rest), action, cancellationToken);
    }

    internal string WebhookUrl(string id) => options.Value.PublicBaseUrl.TrimEnd('/') + WebhookPath + Uri.EscapeDataString(id);

    private async Task<SubscriptionView> SetStatusAsync(TenantInfo tenant, string id, SubscriptionStatus status, string? reason, CancellationToken cancellationToken)
    {
        await OwnedAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        var updated = await store.SetStatusAsync(id, status, reason, cancellationToken).ConfigureAwait(false)
            ?? throw FastnException.NotFound($"Subscription '{id}' was deleted meanwhile.");
        return View(updated);
    }

    private async Task<Subscription> OwnedAsync(TenantInfo tenant, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var subscription = RowIds.IsWellFormed(id) ? await store.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        return subscription is not null && subscription.WorkspaceId == tenant.WorkspaceId && subscription.TenantId == tenant.TenantId
            ? subscription
            : throw FastnException.NotFound($"Subscription {ProblemText.Quote(id)} does not exist for tenant '{tenant.TenantId}'.");
    }

    private SubscriptionView View(Subscription s)
    {
        var trigger = registry.Find(s.Connector)?.Definition.FindTrigger(s.Trigger);
        return new(s.Id, new TenantInfo(s.WorkspaceId, s.TenantId), s.ConnectionId, s.Connector, s.Trigger,
            Map(s.Status), s.StatusReason, Parameters(s.Parameters),
            trigger is WebhookTriggerDefinition ? WebhookUrl(s.Id) : null,
            s.SigningSecretProtected is not null, s.CreatedAt, s.UpdatedAt,
            trigger is PollTriggerDefinition poll ? PollView(s, poll) : null);
    }

    private static PollStatusView PollView(Subscription s, PollTriggerDefinition trigger)
    {
        var interval = s.PollCron is not null ? (TimeSpan?)null : s.PollIntervalSeconds is > 0 ? TimeSpan.FromSeconds(s.PollIntervalSeconds.Value) : trigger.Interval;
        return new PollStatusView(interval?.ToString("c", System.Globalization.CultureInfo.InvariantCulture), s.PollCron, s.PollTimeZone,
            s.InitialSync == PollInitialSync.Emit ? "emit" : "baseline", s.PollBaselineTaken, s.LastPollAt, s.LastPollOutcome,
            s.Status is SubscriptionStatus.Active or SubscriptionStatus.Failing ? s.NextPollAt : null, s.PollFailures);
    }

    internal static SubscriptionState Map(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Paused => SubscriptionState.Paused,
        SubscriptionStatus.Failing => SubscriptionState.Failing,
        SubscriptionStatus.NeedsReauth => SubscriptionState.NeedsReauth,
        _ => SubscriptionState.Active,
    };

    private static JsonObject Parameters(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string TriggerList(ConnectorDefinition definition, bool webhooksOnly = false)
    {
        var names = definition.Triggers.Where(t => !webhooksOnly || t is WebhookTriggerDefinition).Select(t => t.Name).ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}
