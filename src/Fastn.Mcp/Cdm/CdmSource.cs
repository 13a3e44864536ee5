using Fastn.Connectors;
using Fastn.Connectors.Cdm;
using Fastn.Connectors.Entities;
using Fastn.Engine.Cdm;
using Fastn.Engine.Connections;

namespace Fastn.Mcp.Cdm;

/// <summary>One of the tenant's active connections and a connector entity of it that the unified CDM API can list.</summary>
/// <param name="Connection">The connection.</param>
/// <param name="Connector">Its connector.</param>
/// <param name="Source">The connector entity that maps <paramref name="Entity"/> and declares how to list it.</param>
/// <param name="Entity">The CDM entity.</param>
internal sealed record CdmSource(ConnectionView Connection, ConnectorDefinition Connector, EntityDefinition Source, CdmEntity Entity)
{
    /// <summary>The entity's path name (<c>contacts</c>), as the unified API and the MCP arguments name it.</summary>
    public string PathName => CdmService.PathName(Entity);

    /// <summary>The CDM fields the app filters this entity by.</summary>
    public IReadOnlyList<CdmField> Filterable => Source.Listing!.Filterable;
}
