namespace Fastn.Flows.Steps;

/// <summary>One entity of one connector.</summary>
/// <param name="Connector">The connector, <c>hubspot</c>.</param>
/// <param name="Entity">The entity's name, <c>contact</c>.</param>
public sealed record EntityRef(string Connector, string Entity);
