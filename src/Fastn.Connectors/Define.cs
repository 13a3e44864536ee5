using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Cdm;
using Fastn.Connectors.Entities;
using Fastn.Connectors.Http;
using Fastn.Connectors.Schema;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors;

/// <summary>
/// Typed factories for connector members, so an action's input/output types, schemas and handler —
/// or an entity's selectors and CDM fields — cannot disagree.
/// </summary>
public static class Define
{
    /// <summary>An action with typed input and output; schemas are generated from the types.</summary>
    /// <param name="name">snake_case name.</param>
    /// <param name="description">What it does.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="hints">Capability hints.</param>
    /// <param name="json">JSON conventions of the app (default camelCase).</param>
    public static TypedActionDefinition<TInput, TOutput> Action<TInput, TOutput>(string name, string description,
        Func<TInput, ConnectorContext, CancellationToken, Task<TOutput>> handler, ActionHints? hints = null, JsonSerializerOptions? json = null)
    {
        json ??= ConnectorJson.Options;
        return new TypedActionDefinition<TInput, TOutput>
        {
            Name = name,
            Description = description,
            Handler = handler,
            InputSchema = JsonSchemas.For<TInput>(json),
            OutputSchema = JsonSchemas.For<TOutput>(json),
            Hints = hints ?? new ActionHints(),
            JsonOptions = json,
        };
    }

    /// <summary>An untyped action over JSON with explicit schemas.</summary>
    public static JsonActionDefinition JsonAction(string name, string description, JsonObject inputSchema, JsonObject outputSchema,
        Func<JsonNode?, ConnectorContext, CancellationToken, Task<JsonNode?>> handler, ActionHints? hints = null) =>
        new()
        {
            Name = name,
            Description = description,
            InputSchema = inputSchema,
            OutputSchema = outputSchema,
            Handler = handler,
            Hints = hints ?? new ActionHints(),
        };

    /// <summary>A poll trigger over typed records.</summary>
    /// <param name="name">snake_case name.</param>
    /// <param name="description">What it fires on.</param>
    /// <param name="fetchPage">Fetches one page from a cursor or since-time.</param>
    /// <param name="recordId">Selects a record's id (required).</param>
    /// <param name="every">Default polling interval (default 5 minutes).</param>
    /// <param name="detectDeletes">Report records missing from a full pass as deleted.</param>
    /// <param name="json">JSON conventions of the app.</param>
    public static TypedPollTriggerDefinition<T> PollTrigger<T>(string name, string description,
        Func<PollRequest, ConnectorContext, CancellationToken, Task<PollPage<T>>> fetchPage, Func<T, string>? recordId,
        TimeSpan? every = null, bool detectDeletes = false, JsonSerializerOptions? json = null)
    {
        json ??= ConnectorJson.Options;
        return new TypedPollTriggerDefinition<T>
        {
            Name = name,
            Description = description,
            FetchPage = fetchPage,
            RecordId = recordId,
            Interval = every ?? TimeSpan.FromMinutes(5),
            DetectDeletes = detectDeletes,
            RecordSchema = JsonSchemas.For<T>(json),
            JsonOptions = json,
        };
    }

    /// <summary>A webhook trigger.</summary>
    /// <param name="name">snake_case name.</param>
    /// <param name="description">What it fires on.</param>
    /// <param name="verify">Signature verification over raw body and headers.</param>
    /// <param name="extract">Extracts events from a verified delivery.</param>
    /// <param name="eventTypes">Event types it fires on (empty: all).</param>
    public static WebhookTriggerDefinition WebhookTrigger(string name, string description,
        Func<WebhookRequest, WebhookVerificationContext, WebhookVerification> verify,
        Func<WebhookRequest, IReadOnlyList<WebhookEvent>> extract, IReadOnlyList<string>? eventTypes = null) =>
        new()
        {
            Name = name,
            Description = description,
            Verify = verify,
            Extract = extract,
            EventTypes = eventTypes ?? [],
        };

    /// <summary>An entity of native type <typeparamref name="T"/> mapped to a CDM entity.</summary>
    /// <param name="name">snake_case name.</param>
    /// <param name="cdm">The CDM entity (<c>Cdm.Contact</c>), or <see langword="null"/> for an unmapped entity.</param>
    /// <param name="configure">Selectors, operations and field mappings.</param>
    /// <param name="json">JSON conventions of the app.</param>
    public static EntityDefinition Entity<T>(string name, CdmEntity? cdm, Func<EntityBuilder<T>, EntityBuilder<T>> configure, JsonSerializerOptions? json = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        json ??= ConnectorJson.Options;
        var builder = configure(new EntityBuilder<T>(json));
        return new EntityDefinition
        {
            Name = name,
            NativeType = builder.NativeType ?? typeof(T).Name,
            Cdm = cdm,
            IdPath = builder.IdPath,
            UpdatedAtPath = builder.UpdatedAtPath,
            Operations = builder.Operations,
            OperationActions = builder.OperationActions,
            Mappings = builder.Mappings,
            Listing = builder.Listing,
            Creating = builder.Creating,
            Updating = builder.Updating,
            RecordSchema = JsonSchemas.For<T>(json),
        };
    }
}
