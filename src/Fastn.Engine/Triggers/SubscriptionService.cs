using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Triggers;
using Fastn.Engine.Connections;
using Fastn.Engine.Errors;
using Fastn.Engine.Hosting;
using Fastn.Engine.Registry;
using Fastn.Engine.Vault;
using Fastn.Storage;
using Fastn.Storage.Subscriptions;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.Triggers;

/// <summary>
/// Subscriptions: one connection × one trigger × its parameters. A webhook subscription gets its own URL, so one
/// connection can watch several triggers (or the same trigger with different parameters) without collisions.
/// </summary>
public sealed class SubscriptionService(
    SubscriptionStore store,
    ConnectionService connections,
    ConnectorRegistry registry,
    CredentialVault vault,
    IOptions<FastnEngineOptions> options)
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
        if (trigger is not WebhookTriggerDefinition)
        {
            throw FastnException.Validation(
                $"'{definition.Name}.{trigger.Name}' is a poll trigger; polls run in the Synthetic Event Engine, which does not take subscriptions yet. Pick one of its webhook triggers: {TriggerList(definition, webhooksOnly: true)}.",
                "$.trigger");
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

    /// <summary>Resumes a paused (or failing) subscription.</summary>
    public Task<SubscriptionView> ResumeAsync(TenantInfo tenant, string id, CancellationToken cancellationToken) =>
        SetStatusAsync(tenant, id, SubscriptionStatus.Active, null, cancellationToken);

    /// <summary>Deletes the subscription; its URL answers 404 afterwards. Its stored events stay in the event list.</summary>
    public async Task DeleteAsync(TenantInfo tenant, string id, CancellationToken cancellationToken)
    {
        await OwnedAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
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

    private SubscriptionView View(Subscription s) => new(s.Id, new TenantInfo(s.WorkspaceId, s.TenantId), s.ConnectionId, s.Connector, s.Trigger,
        Map(s.Status), s.StatusReason, Parameters(s.Parameters),
        registry.Find(s.Connector)?.Definition.FindTrigger(s.Trigger) is WebhookTriggerDefinition ? WebhookUrl(s.Id) : null,
        s.SigningSecretProtected is not null, s.CreatedAt, s.UpdatedAt);

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
