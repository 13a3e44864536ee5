using System.Text.Json.Nodes;

namespace Fastn.Engine.Execution;

/// <summary>The outcome of a successful action call.</summary>
/// <param name="CallId">The id of the call-log row.</param>
/// <param name="Output">The action's output.</param>
/// <param name="Duration">How long the handler took.</param>
public sealed record ActionCallResult(string CallId, JsonNode? Output, TimeSpan Duration)
{
    // Masks the connection's secrets where the output is kept (a flow run's history), as the call log does.
    internal Redactor? Redactor { get; init; }

    /// <summary>
    /// A copy of <see cref="Output"/> with every secret value of the connection (its key, its tokens) masked wherever an
    /// app echoed it, field names and everything else unchanged: for surfaces that hand the output to a third party,
    /// such as an MCP client's model.
    /// </summary>
    public JsonNode? OutputWithoutSecrets() => Redactor is { } redactor ? redactor.RedactValues(Output) : Output?.DeepClone();
}
