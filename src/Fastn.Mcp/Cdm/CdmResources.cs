using System.Text.Json;
using Fastn.Engine.Cdm;
using Fastn.Engine.Errors;
using Microsoft.AspNetCore.WebUtilities;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Fastn.Mcp.Cdm;

/// <summary>
/// CDM records as read-only resources: <c>fastn://cdm/{entity}/{connectionId}</c> is one page of an entity's records
/// from one of the tenant's Active connections, read through <see cref="CdmService"/> like <c>GET /api/v1/cdm/{entity}</c>.
/// Listed and read per request for the request's tenant only, as tools are; another tenant's connection is not found.
/// </summary>
internal sealed class CdmResources(McpCaller caller, CdmSources sources, CdmService cdm)
{
    /// <summary>The URI template of every CDM resource.</summary>
    public const string UriTemplate = "fastn://cdm/{entity}/{connectionId}";

    private const string Scheme = "fastn";
    private const string Host = "cdm";
    private const string MimeType = "application/json";

    // The unified CDM API's own casing, so a resource reads exactly like the REST page.
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>The resource of a source's first page, e.g. <c>fastn://cdm/contacts/conn_1</c>.</summary>
    public static string UriOf(CdmSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return $"{Scheme}://{Host}/{source.PathName}/{Uri.EscapeDataString(source.Connection.Id)}";
    }

    /// <summary>The template, when the tenant has a connection that lists a CDM entity; its description names the values that resolve.</summary>
    public async ValueTask<ListResourceTemplatesResult> ListTemplatesAsync(CancellationToken cancellationToken)
    {
        var listable = Distinct(await sources.ListAsync(caller.Tenant, cancellationToken).ConfigureAwait(false));
        var result = new ListResourceTemplatesResult { CacheScope = CacheScope.Private, TimeToLive = TimeSpan.Zero };
        if (listable.Count > 0)
        {
            var values = string.Join("; ", listable.GroupBy(s => s.PathName, StringComparer.Ordinal)
                .Select(g => $"{g.Key}: " + string.Join(", ", g.Select(s => $"{s.Connection.Id} ({s.Connector.DisplayName})"))));
            result.ResourceTemplates.Add(new ResourceTemplate
            {
                UriTemplate = UriTemplate,
                Name = "cdm-records",
                Title = "CDM records of a connection",
                Description = "One page of a connected app's records in Fastn's common data model, as JSON (entity, connectionId, connector, records, errors, nextCursor). "
                    + $"Append ?cursor={{nextCursor}} for the next page. The tenant's connections list: {values}.",
                MimeType = MimeType,
            });
        }

        return result;
    }

    /// <summary>One resource per entity each of the tenant's Active connections lists (its first page).</summary>
    public async ValueTask<ListResourcesResult> ListAsync(CancellationToken cancellationToken)
    {
        var listable = Distinct(await sources.ListAsync(caller.Tenant, cancellationToken).ConfigureAwait(false));
        return new ListResourcesResult
        {
            Resources = [.. listable.Select(s => new Resource
            {
                Uri = UriOf(s),
                Name = $"{s.PathName}-{s.Connection.Id}",
                Title = $"{s.Connector.DisplayName}: {s.PathName}" + (s.Connection.DisplayName is { Length: > 0 } label ? $" ({label})" : ""),
                Description = $"The {s.Entity.Name} records of {s.Connector.DisplayName} connection {s.Connection.Id}, first page, in CDM form.",
                MimeType = MimeType,
            })],
            // The list is the tenant's own and changes whenever a connection does.
            CacheScope = CacheScope.Private,
            TimeToLive = TimeSpan.Zero,
        };
    }

    /// <summary>
    /// Reads one page. A URI that names no CDM entity or none of the tenant's connections listing it is a
    /// resource-not-found protocol error (the code the negotiated revision asks for); so is another tenant's connection.
    /// </summary>
    public async ValueTask<ReadResourceResult> ReadAsync(ReadResourceRequestParams? request, string? protocolVersion, CancellationToken cancellationToken)
    {
        var uri = request?.Uri ?? throw new McpProtocolException("resources/read needs the uri of a resource.", McpErrorCode.InvalidParams);
        var tenant = caller.Tenant;
        if (!TryParse(uri, out var entityName, out var connectionId, out var cursor))
        {
            throw NotFound($"Unknown resource '{uri}': Fastn's resources are {UriTemplate}; list them with resources/list.", protocolVersion);
        }

        var entity = CdmService.FindEntity(entityName);
        var listable = await sources.ListAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (entity is null || !listable.Any(s => s.Entity.Name == entity.Name && s.Connection.Id == connectionId))
        {
            throw NotFound($"Unknown resource '{uri}': the tenant has no active connection '{connectionId}' that lists {entity?.Name ?? $"'{entityName}'"} records. "
                + "List the tenant's resources with resources/list.", protocolVersion);
        }

        CdmPage page;
        try
        {
            page = await cdm.ListAsync(tenant, entity.Name, new CdmListQuery(connectionId, null, cursor, new Dictionary<string, string>(), RemoteData: false), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (FastnException problem)
        {
            var text = $"{problem.Title}: {problem.Detail}";
            throw problem.Category switch
            {
                ErrorCategory.NotFound => NotFound(text, protocolVersion),
                ErrorCategory.Validation => new McpProtocolException(text, McpErrorCode.InvalidParams),
                // The app's or the connection's problem (re-authorization, outage, rate limit): the message says which.
                _ => new McpProtocolException(text, McpErrorCode.InternalError),
            };
        }

        return new ReadResourceResult
        {
            Contents = [new TextResourceContents { Uri = uri, MimeType = MimeType, Text = JsonSerializer.Serialize(page, Json) }],
        };
    }

    // One resource per connection and entity, even where a connector maps the entity from two of its own (the unified API reads the first).
    private static List<CdmSource> Distinct(IReadOnlyList<CdmSource> listable) =>
        [.. listable.DistinctBy(s => (s.PathName, s.Connection.Id))];

    private static bool TryParse(string text, out string entity, out string connectionId, out string? cursor)
    {
        entity = connectionId = "";
        cursor = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Scheme || uri.Host != Host)
        {
            return false;
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        if (segments is not [{ Length: > 0 } e, { Length: > 0 } c])
        {
            return false;
        }

        entity = Uri.UnescapeDataString(e);
        connectionId = Uri.UnescapeDataString(c);
        cursor = QueryHelpers.ParseQuery(uri.Query).TryGetValue("cursor", out var values) ? values.ToString() : null;
        return true;
    }

    // Revision 2026-07-28 answers an unknown resource with -32602 (Invalid params); the earlier ones with -32002, as the SDK itself does.
    private static McpProtocolException NotFound(string message, string? protocolVersion) =>
        new(message, string.CompareOrdinal(protocolVersion, "2026-07-28") >= 0 ? McpErrorCode.InvalidParams : McpErrorCode.ResourceNotFound);
}
