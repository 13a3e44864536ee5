namespace Fastn.Client.Models;

/// <summary>One registered connector as listed by <c>GET /api/v1/connectors</c>.</summary>
/// <param name="Name">The connector's kebab-case name, e.g. <c>acme-crm</c>.</param>
/// <param name="DisplayName">The app's name as people write it.</param>
/// <param name="Description">What the connector does.</param>
/// <param name="Version">The connector's version.</param>
/// <param name="Categories">Categories such as <c>crm</c>.</param>
/// <param name="AuthKinds">The auth kinds it supports (<c>OAuth2</c>, <c>ApiKey</c>…).</param>
/// <param name="Actions">How many actions it has.</param>
/// <param name="Triggers">How many triggers it has.</param>
/// <param name="Entities">How many entities it has.</param>
/// <param name="Source">Where it was registered from (built-in, sandbox, plugin…).</param>
public sealed record ConnectorSummary(
    string Name,
    string DisplayName,
    string? Description,
    string? Version,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> AuthKinds,
    int Actions,
    int Triggers,
    int Entities,
    string? Source);
