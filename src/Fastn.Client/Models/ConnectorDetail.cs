namespace Fastn.Client.Models;

/// <summary>Everything a connector offers, from <c>GET /api/v1/connectors/{name}</c>.</summary>
/// <param name="Name">The connector's kebab-case name.</param>
/// <param name="DisplayName">The app's name as people write it.</param>
/// <param name="Description">What the connector does.</param>
/// <param name="Version">The connector's version.</param>
/// <param name="Categories">Categories such as <c>crm</c>.</param>
/// <param name="IconUrl">An icon, if declared.</param>
/// <param name="DocumentationUrl">The app's documentation, if declared.</param>
/// <param name="Auth">Its auth methods; the default one first.</param>
/// <param name="Actions">Its actions with their schemas.</param>
/// <param name="Triggers">Its webhook and poll triggers.</param>
/// <param name="Entities">Its entities and their CDM mapping coverage.</param>
/// <param name="Source">Where it was registered from.</param>
public sealed record ConnectorDetail(
    string Name,
    string DisplayName,
    string? Description,
    string? Version,
    IReadOnlyList<string> Categories,
    string? IconUrl,
    string? DocumentationUrl,
    IReadOnlyList<ConnectorAuthMethod> Auth,
    IReadOnlyList<ConnectorAction> Actions,
    IReadOnlyList<ConnectorTrigger> Triggers,
    IReadOnlyList<ConnectorEntity> Entities,
    string? Source);
