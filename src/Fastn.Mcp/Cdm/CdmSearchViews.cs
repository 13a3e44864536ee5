using System.ComponentModel;
using System.Text.Json.Nodes;
using Fastn.Engine.Cdm;

namespace Fastn.Mcp.Cdm;

/// <summary>The output of <c>fastn_search_entities</c>, in the unified CDM API's camelCase.</summary>
/// <param name="Entity">The CDM entity searched.</param>
/// <param name="Results">What each connection searched returned.</param>
/// <param name="Skipped">The connections that list the entity but were not searched, and why.</param>
internal sealed record CdmSearchResult(
    [property: Description("The CDM entity searched, e.g. CDMContact.")] string Entity,
    [property: Description("One entry per connection searched, in connection order.")] IReadOnlyList<CdmSearchHits> Results,
    [property: Description("Connections that list the entity but were not searched: they cannot apply a filter, or the app failed.")] IReadOnlyList<CdmSearchSkip> Skipped);

/// <summary>The records one connection returned.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Connector">Its connector.</param>
/// <param name="Source">The connector entity read.</param>
/// <param name="Records">The matching CDM records, in the app's order.</param>
/// <param name="Errors">Records the connector could not map, reported instead of dropped.</param>
/// <param name="HasMore">The app has more matching records than the limit let through.</param>
internal sealed record CdmSearchHits(
    [property: Description("The connection id (conn_…).")] string ConnectionId,
    [property: Description("The connector name, e.g. hubspot.")] string Connector,
    [property: Description("The connector's entity the records came from.")] string Source,
    [property: Description("The matching records in CDM form.")] IReadOnlyList<JsonObject> Records,
    [property: Description("Records of the page that could not be mapped to CDM.")] IReadOnlyList<CdmRecordError> Errors,
    [property: Description("Whether the app has more matching records than were returned.")] bool HasMore);

/// <summary>A connection that was not searched.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Connector">Its connector.</param>
/// <param name="Reason">Why it was not searched.</param>
internal sealed record CdmSearchSkip(
    [property: Description("The connection id (conn_…).")] string ConnectionId,
    [property: Description("The connector name.")] string Connector,
    [property: Description("Why it was not searched.")] string Reason);
