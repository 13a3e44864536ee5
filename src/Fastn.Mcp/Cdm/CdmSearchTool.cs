using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Cdm;
using Fastn.Connectors.Schema;
using Fastn.Engine.Cdm;
using Fastn.Engine.Errors;
using Fastn.Mcp.Tools;
using ModelContextProtocol.Protocol;

namespace Fastn.Mcp.Cdm;

/// <summary>
/// <c>fastn_search_entities</c>: one CDM entity searched by exact field values across every Active connection of the
/// tenant whose connector lists it, each through <see cref="CdmService"/> (so the executor, call log and redaction
/// apply). A connection whose app cannot apply every filter is skipped and said so: Fastn never filters a page itself.
/// </summary>
internal sealed class CdmSearchTool(CdmSources sources, CdmService cdm)
{
    public const string Name = "fastn_search_entities";

    /// <summary>Most records asked of each connection.</summary>
    public const int MaxLimit = 25;

    /// <summary>Records asked of each connection when the call names no limit.</summary>
    public const int DefaultLimit = 10;

    private const string EntityArgument = "entity";
    private const string FiltersArgument = "filters";
    private const string LimitArgument = "limit";

    private const string Title = "Search records across apps";

    // The unified CDM API's own casing (connectionId, firstName), as the REST answers and the records themselves use.
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    // Validated against once per call; the tenant's entity enum is only in the listed schema (a wrong entity gets a clearer message below).
    private static readonly JsonObject ArgumentsSchema = Schema(null, null);

    private static readonly JsonObject Output = JsonSchemas.For<CdmSearchResult>(Json);

    /// <summary>The tool as this tenant sees it, or null when none of its connections can list a CDM entity.</summary>
    public static Tool? Describe(IReadOnlyList<CdmSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0)
        {
            return null;
        }

        var byEntity = sources.GroupBy(s => s.PathName, StringComparer.Ordinal).ToList();
        var searchable = new StringBuilder();
        foreach (var group in byEntity)
        {
            searchable.Append(searchable.Length == 0 ? "" : "; ").Append(group.Key).Append(": ").AppendJoin(", ", group.Select(s =>
                $"{s.Connector.DisplayName} {s.Connection.Id} ({(s.Filterable.Count == 0 ? "no filters" : "filters " + string.Join(", ", s.Filterable.Select(f => f.Name)))})"));
        }

        return new Tool
        {
            Name = Name,
            Title = Title,
            Description = "Searches one kind of record (contacts, companies…) in every app the tenant has connected at once, in Fastn's common data model (CDM), "
                + "by exact field values. Each connection answers with its own records; a connection whose app cannot filter by a given field is listed under skipped. "
                + $"Searchable now: {searchable}.",
            InputSchema = ToolSchemas.ToElement(Schema([.. byEntity.Select(g => g.Key)], searchable.ToString())),
            OutputSchema = ToolSchemas.ToElement(Output),
            Annotations = new ToolAnnotations { Title = Title, ReadOnlyHint = true, DestructiveHint = false, IdempotentHint = true, OpenWorldHint = true },
        };
    }

    /// <summary>Runs a search; the caller's mistakes are thrown as <see cref="FastnException"/>, a connection's failure is reported in <c>skipped</c>.</summary>
    public async Task<JsonObject> CallAsync(TenantInfo tenant, JsonObject arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(arguments);
        if (SchemaValidator.ValidateInput(ArgumentsSchema, arguments) is { } invalid)
        {
            throw FastnException.Validation($"The arguments are not valid at {invalid.Path}: {invalid.Message}", invalid.Path);
        }

        var all = await sources.ListAsync(tenant, cancellationToken).ConfigureAwait(false);
        var searchable = string.Join(", ", all.Select(s => s.PathName).Distinct(StringComparer.Ordinal));
        var name = arguments[EntityArgument]!.GetValue<string>();
        var entity = CdmService.FindEntity(name) ?? throw FastnException.Validation(
            $"There is no CDM entity {ProblemText.Quote(name)}. " + (all.Count == 0 ? "None of the tenant's connections can be searched." : $"Searchable for this tenant: {searchable}."),
            "$." + EntityArgument);
        var listing = all.Where(s => s.Entity.Name == entity.Name).ToList();
        if (listing.Count == 0)
        {
            var able = cdm.ConnectorsListing(entity);
            throw FastnException.Validation(
                $"None of the tenant's active connections can list {entity.Name} records"
                + (all.Count == 0 ? "." : $"; searchable for this tenant: {searchable}.")
                + (able.Count == 0 ? "" : $" Connectors that can list them: {string.Join(", ", able)}."),
                "$." + EntityArgument);
        }

        var filters = Filters(entity, arguments[FiltersArgument] as JsonObject);
        // The schema has checked it is a whole number from 1 to 25, which a client may still send as 5.0.
        var limit = arguments[LimitArgument] is JsonValue given ? (int)given.GetValue<decimal>() : DefaultLimit;
        var results = new List<CdmSearchHits>();
        var skipped = new List<CdmSearchSkip>();
        // One connection after another: the scoped CdmService and its executor serve one call at a time.
        foreach (var source in listing)
        {
            var connection = source.Connection;
            var unfilterable = filters.Keys.Where(f => !source.Filterable.Any(c => c.Name == f)).ToList();
            if (unfilterable.Count > 0)
            {
                skipped.Add(new CdmSearchSkip(connection.Id, source.Connector.Name,
                    $"{source.Connector.DisplayName} cannot filter {entity.Name} records by {string.Join(", ", unfilterable.Select(f => $"'{f}'"))}; "
                    + (source.Filterable.Count == 0 ? "it filters by no field." : $"it filters by {string.Join(", ", source.Filterable.Select(f => f.Name))}.")));
                continue;
            }

            try
            {
                var page = await cdm.ListAsync(tenant, entity.Name, new CdmListQuery(connection.Id, limit, null, filters, RemoteData: false, source.Source.Name), cancellationToken)
                    .ConfigureAwait(false);
                // Some apps page by a fixed size whatever the limit asks (Xero: 100); the model gets no more than it asked for.
                results.Add(new CdmSearchHits(page.ConnectionId, page.Connector, page.Source, [.. page.Records.Take(limit)], page.Errors,
                    page.NextCursor is not null || page.Records.Count > limit));
            }
            catch (FastnException problem) when (!cancellationToken.IsCancellationRequested)
            {
                // One app's failure (revoked key, outage, rate limit) does not hide what the others found.
                skipped.Add(new CdmSearchSkip(connection.Id, source.Connector.Name, $"{problem.Title}: {problem.Detail}"));
            }
        }

        return JsonSerializer.SerializeToNode(new CdmSearchResult(entity.Name, results, skipped), Json)!.AsObject();
    }

    // CDM field → exact value, by the field's own name; a field the entity does not have is the caller's mistake.
    private static Dictionary<string, string> Filters(CdmEntity entity, JsonObject? given)
    {
        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in given ?? [])
        {
            var path = $"$.{FiltersArgument}.{key}";
            var field = entity.FindField(key) ?? throw FastnException.Validation(
                $"{ProblemText.Quote(key)} is not a field of {entity.Name}; its fields are {string.Join(", ", entity.Fields.Select(f => f.Name))}.", path);
            filters[field.Name] = value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value!.ToJsonString();
        }

        return filters;
    }

    private static JsonObject Schema(IReadOnlyList<string>? entities, string? searchable)
    {
        var entity = new JsonObject
        {
            ["type"] = "string",
            ["description"] = "The kind of record, by its CDM path name (contacts, companies…)." + (searchable is null ? "" : $" The tenant's connections list: {searchable}."),
        };
        if (entities is not null)
        {
            entity["enum"] = new JsonArray([.. entities.Select(e => (JsonNode)JsonValue.Create(e))]);
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                [EntityArgument] = entity,
                [FiltersArgument] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "Exact values of CDM fields, e.g. {\"email\": \"ada@example.com\"}. Connections whose app cannot filter by every one are skipped.",
                    ["additionalProperties"] = new JsonObject { ["type"] = new JsonArray("string", "number", "boolean") },
                },
                [LimitArgument] = new JsonObject
                {
                    ["type"] = "integer",
                    ["minimum"] = 1,
                    ["maximum"] = MaxLimit,
                    ["description"] = $"Most records from each connection (default {DefaultLimit}).",
                },
            },
            ["required"] = new JsonArray(EntityArgument),
            ["additionalProperties"] = false,
        };
    }
}
