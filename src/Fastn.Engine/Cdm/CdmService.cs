using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Cdm;
using Fastn.Connectors.Entities;
using Fastn.Connectors.Schema;
using Fastn.Engine.Connections;
using Fastn.Engine.Errors;
using Fastn.Engine.Execution;
using Fastn.Engine.Registry;

namespace Fastn.Engine.Cdm;

/// <summary>
/// The unified CDM read API: a tenant reads contacts (or any CDM entity) the same way from every app whose connector
/// maps that entity and declares how to list it. Each page is one call of the connector's list action through the
/// one executor (so credentials, retries, the call log and redaction apply), mapped native → CDM record by record.
/// </summary>
public sealed class CdmService(ConnectionService connections, ConnectorRegistry registry, ActionExecutor executor)
{
    /// <summary>Most records a page asks the app for.</summary>
    public const int MaxLimit = 100;

    /// <summary>Records a page asks for when the request names no limit.</summary>
    public const int DefaultLimit = 25;

    /// <summary>
    /// The CDM entity named in a URL: its plural path name (<c>contacts</c>, <c>inventory-levels</c>) or its CDM
    /// name (<c>CDMContact</c>); null when none is called that.
    /// </summary>
    public static CdmEntity? FindEntity(string name) =>
        Connectors.Cdm.Cdm.All.FirstOrDefault(e => string.Equals(PathName(e), name, StringComparison.OrdinalIgnoreCase) || e.Name == name);

    /// <summary>The entity's plural path name: <c>CDMContact</c> → <c>contacts</c>, <c>CDMInventoryLevel</c> → <c>inventory-levels</c>.</summary>
    public static string PathName(CdmEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var bare = entity.Name.StartsWith("CDM", StringComparison.Ordinal) ? entity.Name[3..] : entity.Name;
        var text = new StringBuilder();
        foreach (var c in bare)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        var singular = text.ToString();
        return singular.EndsWith('y') && !singular.EndsWith("ey", StringComparison.Ordinal) ? singular[..^1] + "ies" : singular + "s";
    }

    /// <summary>The connectors that can list <paramref name="entity"/> through the unified API, by name.</summary>
    public IReadOnlyList<string> ConnectorsListing(CdmEntity entity) => Able(entity, Lists);

    /// <summary>
    /// One page of <paramref name="entityName"/> records from one of the tenant's connections: the one named, or the
    /// only active connection whose connector lists the entity. Filters are exact matches on CDM fields the app can
    /// filter by; a cursor (a previous page's <c>nextCursor</c>) carries the filters of the first page.
    /// </summary>
    public async Task<CdmPage> ListAsync(TenantInfo tenant, string entityName, CdmListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(query);
        var entity = RequireEntity(entityName);
        if (query.Limit is < 1 or > MaxLimit)
        {
            throw FastnException.Validation($"'limit' must be between 1 and {MaxLimit}.", "limit");
        }

        var cursor = query.Cursor is null ? null : Cursor.Read(query.Cursor);
        if (cursor is not null && query.Filters.Count > 0)
        {
            throw FastnException.Validation("Filters apply to the first page, and the cursor already carries them; pass the cursor alone.", "cursor");
        }

        var connectionId = query.ConnectionId ?? cursor?.ConnectionId;
        if (cursor is not null && query.ConnectionId is not null && query.ConnectionId != cursor.ConnectionId)
        {
            throw FastnException.Validation("The cursor belongs to another connection; pass the nextCursor of a page of this connection.", "cursor");
        }

        var (connection, definition, source) = await ResolveAsync(tenant, entity, connectionId, cursor?.Source ?? query.Source, Lists, "list", cancellationToken)
            .ConfigureAwait(false);
        var listing = source.Listing!;

        var input = cursor?.Input ?? listing.First(new EntityListRequest(query.Limit ?? DefaultLimit, Filters(entity, listing, definition.Name, query.Filters)));
        var result = await executor.ExecuteAsync(new ActionCallRequest(tenant, connection.Id, listing.Action, input.DeepClone(), ActionCaller.Cdm), cancellationToken)
            .ConfigureAwait(false);

        var records = new List<JsonObject>();
        var errors = new List<CdmRecordError>();
        var natives = listing.Records(result.Output);
        for (var i = 0; i < natives.Count; i++)
        {
            var native = natives[i];
            try
            {
                var cdm = source.ToCdm(native);
                if (query.RemoteData)
                {
                    cdm["remoteData"] = native.DeepClone();
                }

                records.Add(cdm);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException or NotSupportedException)
            {
                var id = source.IdPath is null ? null : NativeId(native, source.IdPath);
                errors.Add(new CdmRecordError(i, id, $"The record could not be mapped to {entity.Name}: {ex.Message}"));
            }
        }

        var next = listing.Next(input, result.Output);
        return new CdmPage(entity.Name, connection.Id, definition.Name, source.Name, records, errors,
            next is null ? null : Cursor.Write(new Cursor(connection.Id, source.Name, next)), result.CallId);
    }

    /// <summary>
    /// Creates a CDM record in the app of a connection of the tenant (the one named, or the only active one whose connector
    /// can create the entity), through the entity's create action; returns the created record as CDM.
    /// </summary>
    public Task<CdmWriteResult> CreateAsync(TenantInfo tenant, string entityName, CdmWrite write, CancellationToken cancellationToken) =>
        WriteAsync(tenant, entityName, null, write, cancellationToken);

    /// <summary>
    /// Changes the fields <paramref name="write"/> carries on the record <paramref name="id"/> in the app, through the
    /// entity's update action; fields left out stay as they are. Returns the updated record as CDM.
    /// </summary>
    public Task<CdmWriteResult> UpdateAsync(TenantInfo tenant, string entityName, string id, CdmWrite write, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return WriteAsync(tenant, entityName, id, write, cancellationToken);
    }

    private async Task<CdmWriteResult> WriteAsync(TenantInfo tenant, string entityName, string? id, CdmWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(write);
        var entity = RequireEntity(entityName);
        var creating = id is null;
        if (write.Record is not JsonObject given)
        {
            throw FastnException.Validation($"The body must be a {entity.Name} record: a JSON object of its fields ({string.Join(", ", entity.Fields.Select(f => f.Name))}).", "$");
        }

        var record = given;
        if (record[entity.Fields[0].Name] is { } named && (creating || !(named is JsonValue v && v.TryGetValue<string>(out var same) && same == id)))
        {
            throw FastnException.Validation(creating
                ? $"'{entity.Fields[0].Name}' is given by the app when the record is created; leave it out."
                : $"'{entity.Fields[0].Name}' is the record's id from the URL and cannot be changed; leave it out.", "$." + entity.Fields[0].Name);
        }

        // A null field is an absent one (the write actions cannot clear a field), also inside addresses and line items.
        record = WithoutNulls(record);
        if (SchemaValidator.ValidateInput(WriteSchema(entity), record) is { } invalid)
        {
            throw FastnException.Validation($"The {entity.Name} record is not valid at {invalid.Path}: {invalid.Message}", invalid.Path);
        }

        var (connection, definition, source) = await ResolveAsync(tenant, entity, write.ConnectionId, write.Source,
            creating ? e => e.Creating is not null : e => e.Updating is not null, creating ? "create" : "update", cancellationToken).ConfigureAwait(false);
        var how = (creating ? source.Creating : source.Updating)!;
        JsonObject input;
        try
        {
            input = how.Input(id, (JsonObject)record.DeepClone());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw FastnException.Validation($"The {entity.Name} record cannot be written to {definition.Name}: {ex.Message}", "$");
        }

        var result = await executor.ExecuteAsync(new ActionCallRequest(tenant, connection.Id, how.Action, input, ActionCaller.Cdm) { IdempotencyKey = write.IdempotencyKey },
            cancellationToken).ConfigureAwait(false);
        var native = how.Record(result.Output);
        return new CdmWriteResult(entity.Name, connection.Id, definition.Name, source.Name, native is null ? null : source.ToCdm(native), result.CallId);
    }

    private static JsonObject WithoutNulls(JsonObject record)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in record)
        {
            if (value is not null)
            {
                copy[name] = WithoutNulls(value);
            }
        }

        return copy;
    }

    private static JsonNode WithoutNulls(JsonNode node) => node switch
    {
        JsonObject o => WithoutNulls(o),
        JsonArray a => new JsonArray([.. a.Where(i => i is not null).Select(i => WithoutNulls(i!))]),
        _ => node.DeepClone(),
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonObject> WriteSchemas = new(StringComparer.Ordinal);

    // The record schema without its required list (a create has no id yet, an update carries only what changes) and
    // without $id (the full schema may be compiled under that id too).
    private static JsonObject WriteSchema(CdmEntity entity) => WriteSchemas.GetOrAdd(entity.Name, _ =>
    {
        var schema = entity.ToJsonSchema();
        schema.Remove("required");
        schema.Remove("$id");
        return schema;
    });

    private static CdmEntity RequireEntity(string entityName) => FindEntity(entityName) ?? throw FastnException.NotFound(
        $"There is no CDM entity '{entityName}'. Use one of: {string.Join(", ", Connectors.Cdm.Cdm.All.Select(PathName))}.");

    private static bool Lists(EntityDefinition entity) => entity.Listing is not null;

    // The connection (named, or the tenant's only active one able to), its connector and the connector entity that
    // maps the CDM entity and can do what is asked.
    private async Task<(ConnectionView Connection, ConnectorDefinition Definition, EntityDefinition Source)> ResolveAsync(TenantInfo tenant, CdmEntity entity,
        string? connectionId, string? source, Func<EntityDefinition, bool> can, string verb, CancellationToken cancellationToken)
    {
        var connection = connectionId is null
            ? await OnlyConnectionAsync(tenant, entity, source, can, verb, cancellationToken).ConfigureAwait(false)
            : await connections.GetOwnedAsync(tenant, connectionId, cancellationToken).ConfigureAwait(false);
        var definition = ConnectorOf(connection);
        var found = Mapping(definition, entity, source, can) ?? throw FastnException.Validation(
            source is null
                ? $"Connector '{definition.Name}' cannot {verb} {entity.Name} records through the unified API; connectors that can: {Names(Able(entity, can))}."
                : $"Connector '{definition.Name}' has no entity '{source}' that maps {entity.Name} and can {verb} records.",
            source is null ? "connectionId" : "source");
        return (connection, definition, found);
    }

    private IReadOnlyList<string> Able(CdmEntity entity, Func<EntityDefinition, bool> can) =>
        [.. registry.All.Where(c => Mapping(c.Definition, entity, null, can) is not null).Select(c => c.Definition.Name)];

    private async Task<ConnectionView> OnlyConnectionAsync(TenantInfo tenant, CdmEntity entity, string? source, Func<EntityDefinition, bool> can, string verb,
        CancellationToken cancellationToken)
    {
        var candidates = (await connections.ListAsync(tenant.TenantId, null, cancellationToken).ConfigureAwait(false))
            .Where(c => c.Status == ConnectionState.Active && registry.Find(c.Connector) is { } r && Mapping(r.Definition, entity, source, can) is not null)
            .ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw FastnException.NotFound(
                $"Tenant '{tenant.TenantId}' has no active connection that can {verb} {entity.Name} records. Connect one of: {Names(Able(entity, can))}."),
            _ => throw FastnException.Validation(
                $"Tenant '{tenant.TenantId}' has {candidates.Count} connections that can {verb} {entity.Name} records; pass connectionId, one of: "
                + string.Join(", ", candidates.Select(c => $"{c.Id} ({c.Connector})")) + ".", "connectionId"),
        };
    }

    /// <summary>The tenant's connection <paramref name="connectionId"/> and its registered connector (not found for another tenant's).</summary>
    internal async Task<(ConnectionView Connection, ConnectorDefinition Definition)> OwnedAsync(TenantInfo tenant, string connectionId, CancellationToken cancellationToken)
    {
        var connection = await connections.GetOwnedAsync(tenant, connectionId, cancellationToken).ConfigureAwait(false);
        return (connection, ConnectorOf(connection));
    }

    private ConnectorDefinition ConnectorOf(ConnectionView connection) => registry.Find(connection.Connector)?.Definition
        ?? throw FastnException.Conflict($"Connection '{connection.Id}' uses connector '{connection.Connector}', which is no longer registered.");

    /// <summary>The connector entity that maps <paramref name="entity"/> (the one named <paramref name="source"/>, when given) and can do what <paramref name="can"/> asks.</summary>
    internal static EntityDefinition? Mapping(ConnectorDefinition definition, CdmEntity entity, string? source, Func<EntityDefinition, bool> can) =>
        definition.Entities.FirstOrDefault(e => e.Cdm?.Name == entity.Name && can(e) && (source is null || e.Name == source));

    private static Dictionary<CdmField, string> Filters(CdmEntity entity, EntityListing listing, string connector, IReadOnlyDictionary<string, string> filters)
    {
        var result = new Dictionary<CdmField, string>();
        foreach (var (name, value) in filters)
        {
            var field = entity.FindField(name) ?? throw FastnException.Validation(
                $"'{name}' is not a field of {entity.Name}; its fields are {string.Join(", ", entity.Fields.Select(f => f.Name))}.", name);
            if (!listing.Filterable.Contains(field))
            {
                throw FastnException.Validation(listing.Filterable.Count == 0
                    ? $"{connector} cannot filter {entity.Name} records; list them without filters."
                    : $"{connector} cannot filter {entity.Name} records by '{name}'; it filters by {string.Join(", ", listing.Filterable.Select(f => f.Name))}.", name);
            }

            result[field] = value;
        }

        return result;
    }

    private static string? NativeId(JsonObject native, string path) =>
        DotPath.Get(native, path) is JsonValue v ? Convert.ToString(v.GetValue<object>(), CultureInfo.InvariantCulture) : null;

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "none is registered" : string.Join(", ", names);

    /// <summary>A page cursor: the connection, the connector entity and the next page's action input, base64url-encoded JSON.</summary>
    private sealed record Cursor(string ConnectionId, string Source, JsonObject Input)
    {
        public static string Write(Cursor cursor) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(new JsonObject
        {
            ["c"] = cursor.ConnectionId,
            ["e"] = cursor.Source,
            ["i"] = cursor.Input.DeepClone(),
        }.ToJsonString()));

        public static Cursor Read(string text)
        {
            try
            {
                if (JsonNode.Parse(Base64Url.DecodeFromChars(text)) is JsonObject o
                    && o["c"] is JsonValue c && c.TryGetValue<string>(out var connectionId)
                    && o["e"] is JsonValue e && e.TryGetValue<string>(out var source)
                    && o["i"] is JsonObject input)
                {
                    return new Cursor(connectionId, source, input);
                }
            }
            catch (Exception ex) when (ex is FormatException or JsonException)
            {
                // Falls through to the one message below.
            }

            throw FastnException.Validation("'cursor' is not a page cursor. Pass the nextCursor of a previous page unchanged, or omit it for the first page.", "cursor");
        }
    }
}

/// <summary>A record to create or the fields to change, and where.</summary>
/// <param name="Record">The CDM record (create) or the fields to change (update), as JSON.</param>
/// <param name="ConnectionId">The connection to write to, or null for the tenant's only one able to.</param>
/// <param name="Source">The connector entity to write where several map the same CDM entity.</param>
/// <param name="IdempotencyKey">Passed to the action, for connectors that forward it to the app.</param>
public sealed record CdmWrite(JsonNode? Record, string? ConnectionId, string? Source = null, string? IdempotencyKey = null);

/// <summary>A record written through the unified API.</summary>
/// <param name="Entity">The CDM entity.</param>
/// <param name="ConnectionId">The connection written to.</param>
/// <param name="Connector">Its connector.</param>
/// <param name="Source">The connector entity written.</param>
/// <param name="Record">The record as the app now has it, in CDM form (null when the app's answer holds no record).</param>
/// <param name="CallId">The action call that wrote it.</param>
public sealed record CdmWriteResult(string Entity, string ConnectionId, string Connector, string Source, JsonObject? Record, string CallId);

/// <summary>What a unified list request asks for.</summary>
/// <param name="ConnectionId">The connection to read, or null for the tenant's only connection that lists the entity.</param>
/// <param name="Limit">Records wanted on the page (1–100), or null for the default.</param>
/// <param name="Cursor">A previous page's <c>nextCursor</c>, or null for the first page.</param>
/// <param name="Filters">Exact-match filters by CDM field name.</param>
/// <param name="RemoteData">Whether each record carries the app's own record as <c>remoteData</c>.</param>
/// <param name="Source">The connector entity to read where several map the same CDM entity (Salesforce <c>contact</c> or <c>lead</c>).</param>
public sealed record CdmListQuery(string? ConnectionId, int? Limit, string? Cursor, IReadOnlyDictionary<string, string> Filters, bool RemoteData, string? Source = null);

/// <summary>One page of CDM records from one connection.</summary>
/// <param name="Entity">The CDM entity (<c>CDMContact</c>).</param>
/// <param name="ConnectionId">The connection read.</param>
/// <param name="Connector">Its connector.</param>
/// <param name="Source">The connector entity the records came from.</param>
/// <param name="Records">The CDM records, in the app's order.</param>
/// <param name="Errors">Records of the page that could not be mapped, reported instead of dropped.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
/// <param name="CallId">The action call that read the page (in the connection's call log).</param>
public sealed record CdmPage(string Entity, string ConnectionId, string Connector, string Source, IReadOnlyList<JsonObject> Records,
    IReadOnlyList<CdmRecordError> Errors, string? NextCursor, string CallId);

/// <summary>A record of a page that could not be mapped.</summary>
/// <param name="Index">Its position in the app's page.</param>
/// <param name="Id">Its id in the app, when readable.</param>
/// <param name="Message">What went wrong.</param>
public sealed record CdmRecordError(int Index, string? Id, string Message);
