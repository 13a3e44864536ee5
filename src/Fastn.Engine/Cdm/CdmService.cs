using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Cdm;
using Fastn.Connectors.Entities;
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
    public IReadOnlyList<string> ConnectorsListing(CdmEntity entity) =>
        [.. registry.All.Where(c => ListedEntity(c.Definition, entity, null) is not null).Select(c => c.Definition.Name)];

    /// <summary>
    /// One page of <paramref name="entityName"/> records from one of the tenant's connections: the one named, or the
    /// only active connection whose connector lists the entity. Filters are exact matches on CDM fields the app can
    /// filter by; a cursor (a previous page's <c>nextCursor</c>) carries the filters of the first page.
    /// </summary>
    public async Task<CdmPage> ListAsync(TenantInfo tenant, string entityName, CdmListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(query);
        var entity = FindEntity(entityName) ?? throw FastnException.NotFound(
            $"There is no CDM entity '{entityName}'. Use one of: {string.Join(", ", Connectors.Cdm.Cdm.All.Select(PathName))}.");
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

        var connection = connectionId is null
            ? await OnlyConnectionAsync(tenant, entity, query.Source, cancellationToken).ConfigureAwait(false)
            : await connections.GetOwnedAsync(tenant, connectionId, cancellationToken).ConfigureAwait(false);
        var definition = registry.Find(connection.Connector)?.Definition
            ?? throw FastnException.Conflict($"Connection '{connection.Id}' uses connector '{connection.Connector}', which is no longer registered.");
        var source = ListedEntity(definition, entity, cursor?.Source ?? query.Source) ?? throw FastnException.Validation(
            query.Source is null
                ? $"Connector '{definition.Name}' does not list {entity.Name} records through the unified API; connectors that do: {Names(ConnectorsListing(entity))}."
                : $"Connector '{definition.Name}' has no entity '{query.Source}' that maps {entity.Name} and can be listed.",
            query.Source is null ? "connectionId" : "source");
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

    private async Task<ConnectionView> OnlyConnectionAsync(TenantInfo tenant, CdmEntity entity, string? source, CancellationToken cancellationToken)
    {
        var candidates = (await connections.ListAsync(tenant.TenantId, null, cancellationToken).ConfigureAwait(false))
            .Where(c => c.Status == ConnectionState.Active && registry.Find(c.Connector) is { } r && ListedEntity(r.Definition, entity, source) is not null)
            .ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw FastnException.NotFound(
                $"Tenant '{tenant.TenantId}' has no active connection that lists {entity.Name} records. Connect one of: {Names(ConnectorsListing(entity))}."),
            _ => throw FastnException.Validation(
                $"Tenant '{tenant.TenantId}' has {candidates.Count} connections that list {entity.Name} records; pass connectionId, one of: "
                + string.Join(", ", candidates.Select(c => $"{c.Id} ({c.Connector})")) + ".", "connectionId"),
        };
    }

    private static EntityDefinition? ListedEntity(ConnectorDefinition definition, CdmEntity entity, string? source) =>
        definition.Entities.FirstOrDefault(e => e.Cdm?.Name == entity.Name && e.Listing is not null && (source is null || e.Name == source));

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

    private static string? NativeId(JsonObject native, string path)
    {
        JsonNode? node = native;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node is JsonValue v ? Convert.ToString(v.GetValue<object>(), CultureInfo.InvariantCulture) : null;
    }

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
