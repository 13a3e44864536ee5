using System.Text.Json.Nodes;

namespace Fastn.Connectors.Actions;

/// <summary>An untyped action over JSON, for dynamic cases (schemas discovered at run time, generic HTTP).</summary>
public sealed record JsonActionDefinition : ActionDefinition
{
    /// <summary>The handler.</summary>
    public required Func<JsonNode?, ConnectorContext, CancellationToken, Task<JsonNode?>> Handler { get; init; }

    /// <inheritdoc />
    public override Task<JsonNode?> InvokeAsync(JsonNode? input, ConnectorContext context, CancellationToken cancellationToken) =>
        Handler(input, context, cancellationToken);
}
