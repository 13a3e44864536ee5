namespace Fastn.Flows.Validation;

/// <summary>A connector as the validator sees it.</summary>
/// <param name="Name">The connector's name.</param>
/// <param name="Actions">Its actions by name.</param>
/// <param name="Triggers">Its trigger names.</param>
/// <param name="Entities">Its entity names.</param>
public sealed record FlowCatalogConnector(
    string Name,
    IReadOnlyDictionary<string, FlowCatalogAction> Actions,
    IReadOnlyCollection<string> Triggers,
    IReadOnlyCollection<string> Entities);
