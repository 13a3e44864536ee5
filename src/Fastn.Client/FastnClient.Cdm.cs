using System.Globalization;
using Fastn.Client.Models;

namespace Fastn.Client;

public sealed partial class FastnClient
{
    // ---- Capabilities and the unified CDM API

    /// <summary>Every connector's capabilities and how completely the connectors cover each CDM entity.</summary>
    public Task<CapabilityCatalog> GetCapabilitiesAsync(CancellationToken cancellationToken = default) =>
        SendAsync<CapabilityCatalog>(HttpMethod.Get, "capabilities", null, cancellationToken);

    /// <summary>One connector's capabilities.</summary>
    public Task<ConnectorCapabilities> GetCapabilitiesAsync(string connector, CancellationToken cancellationToken = default) =>
        SendAsync<ConnectorCapabilities>(HttpMethod.Get, "capabilities/" + Segment(connector), null, cancellationToken);

    /// <summary>
    /// One page of CDM records (<paramref name="entity"/>: <c>contacts</c>, <c>companies</c>…) from a connection of the
    /// client's tenant (or its only one that lists the entity); <paramref name="filters"/> are exact matches on CDM
    /// fields the app can filter by; pass a page's <see cref="CdmRecordPage.NextCursor"/> as <paramref name="cursor"/>.
    /// </summary>
    public Task<CdmRecordPage> ListCdmRecordsAsync(string entity, string? connectionId = null, int? limit = null, string? cursor = null,
        IReadOnlyDictionary<string, string>? filters = null, bool remoteData = false, string? source = null, CancellationToken cancellationToken = default)
    {
        var parameters = new List<(string, string?)>
        {
            ("connectionId", connectionId),
            ("limit", limit?.ToString(CultureInfo.InvariantCulture)),
            ("cursor", cursor),
            ("remoteData", remoteData ? "true" : null),
            ("source", source),
        };
        parameters.AddRange((filters ?? new Dictionary<string, string>()).Select(f => (Uri.EscapeDataString(f.Key), (string?)f.Value)));
        return SendAsync<CdmRecordPage>(HttpMethod.Get, "cdm/" + Segment(entity) + Query([.. parameters]), null, cancellationToken);
    }

    /// <summary>Creates a CDM record (no <c>id</c>: the app gives it) in the app of a connection; returns it as the app stored it.</summary>
    public Task<CdmWriteResult> CreateCdmRecordAsync(string entity, System.Text.Json.Nodes.JsonObject record, string? connectionId = null, CancellationToken cancellationToken = default) =>
        SendAsync<CdmWriteResult>(HttpMethod.Post, "cdm/" + Segment(entity) + Query(("connectionId", connectionId)), record ?? throw new ArgumentNullException(nameof(record)), cancellationToken);

    /// <summary>Changes the given CDM fields of record <paramref name="id"/>; fields left out stay as they are.</summary>
    public Task<CdmWriteResult> UpdateCdmRecordAsync(string entity, string id, System.Text.Json.Nodes.JsonObject fields, string? connectionId = null,
        CancellationToken cancellationToken = default) =>
        SendAsync<CdmWriteResult>(HttpMethod.Patch, "cdm/" + Segment(entity) + "/" + Segment(id) + Query(("connectionId", connectionId)),
            fields ?? throw new ArgumentNullException(nameof(fields)), cancellationToken);
}
