using Fastn.Connectors;
using Fastn.Engine.Connections;
using Fastn.Engine.Registry;
using Fastn.Mcp.Tools;

namespace Fastn.Mcp.Cdm;

/// <summary>
/// What the tenant can read through the unified CDM API right now: every listable CDM-mapped entity of each of its
/// Active connections, computed per request like the tools (a new or lost connection shows in the next request).
/// </summary>
internal sealed class CdmSources(ToolCatalog catalog, ConnectorRegistry registry)
{
    /// <summary>The tenant's listable sources, by entity path name, then connection id, then connector entity.</summary>
    public async Task<IReadOnlyList<CdmSource>> ListAsync(TenantInfo tenant, CancellationToken cancellationToken) =>
        Of(await catalog.ConnectionsAsync(tenant, cancellationToken).ConfigureAwait(false));

    /// <summary>The listable sources of a tenant's connections (from <see cref="ToolCatalog.ConnectionsAsync"/>), ordered as <see cref="ListAsync"/>.</summary>
    public IReadOnlyList<CdmSource> Of(IReadOnlyList<ConnectionView> owned)
    {
        ArgumentNullException.ThrowIfNull(owned);
        return
        [
            .. owned
                .Where(c => c.Status == ConnectionState.Active)
                .SelectMany(c => registry.Find(c.Connector)?.Definition is { } connector
                    ? connector.Entities.Where(e => e.Cdm is not null && e.Listing is not null).Select(e => new CdmSource(c, connector, e, e.Cdm!))
                    : [])
                .OrderBy(s => s.PathName, StringComparer.Ordinal)
                .ThenBy(s => s.Connection.Id, StringComparer.Ordinal)
                .ThenBy(s => s.Source.Name, StringComparer.Ordinal),
        ];
    }
}
