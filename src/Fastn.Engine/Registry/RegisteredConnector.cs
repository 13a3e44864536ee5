using Fastn.Connectors;
using Fastn.Connectors.Capabilities;

namespace Fastn.Engine.Registry;

/// <summary>A validated, frozen connector and where it came from.</summary>
public sealed class RegisteredConnector
{
    internal RegisteredConnector(ConnectorDefinition definition, string source)
    {
        Definition = definition;
        Source = source;
        Capabilities = CapabilityReport.Of(definition);
    }

    /// <summary>The definition.</summary>
    public ConnectorDefinition Definition { get; }

    /// <summary>Where it was registered from: <c>host</c>, <c>built-in</c> or a plugin path.</summary>
    public string Source { get; }

    /// <summary>What it can do, computed once.</summary>
    public CapabilityReport Capabilities { get; }
}
