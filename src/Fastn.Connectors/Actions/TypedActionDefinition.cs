using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Http;

namespace Fastn.Connectors.Actions;

/// <summary>An action with typed input and output; schemas are generated from the two types, so they cannot disagree.</summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public sealed record TypedActionDefinition<TInput, TOutput> : ActionDefinition
{
    /// <summary>The handler.</summary>
    public required Func<TInput, ConnectorContext, CancellationToken, Task<TOutput>> Handler { get; init; }

    /// <summary>The JSON options used to read the input and write the output.</summary>
    public JsonSerializerOptions JsonOptions { get; init; } = ConnectorJson.Options;

    /// <inheritdoc />
    public override bool OutputMatchesSchemaByConstruction => true;

    /// <inheritdoc />
    public override async Task<JsonNode?> InvokeAsync(JsonNode? input, ConnectorContext context, CancellationToken cancellationToken)
    {
        TInput typed;
        try
        {
            typed = (input ?? new JsonObject()).Deserialize<TInput>(JsonOptions)!;
        }
        catch (JsonException ex)
        {
            throw new ConnectorValidationException($"The input does not match {typeof(TInput).Name}: {ex.Message}", ex.Path, ex);
        }

        var output = await Handler(typed, context, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.SerializeToNode(output, JsonOptions);
    }
}
