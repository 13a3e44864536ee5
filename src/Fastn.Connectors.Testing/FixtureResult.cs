using System.Text.Json.Nodes;

namespace Fastn.Connectors.Testing;

/// <summary>The outcome of replaying (or recording) one fixture.</summary>
public sealed class FixtureResult
{
    /// <summary>The fixture run.</summary>
    public required ConnectorFixture Fixture { get; init; }

    /// <summary>What went wrong, one readable entry per problem (empty when the fixture passed).</summary>
    public required IReadOnlyList<string> Failures { get; init; }

    /// <summary>Whether the fixture passed.</summary>
    public bool Passed => Failures.Count == 0;

    /// <summary>The action's output, when it returned.</summary>
    public JsonNode? Output { get; init; }

    /// <summary>What the action threw, when it did.</summary>
    public Exception? Error { get; init; }

    /// <summary>In record mode: the fixture written from the live run.</summary>
    public ConnectorFixture? Recorded { get; init; }
}
