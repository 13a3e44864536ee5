namespace Fastn.Connectors;

/// <summary>
/// A type that provides a connector definition, for <c>AddConnector&lt;T&gt;()</c> and for discovery in
/// assemblies and plugin folders. Needs a public parameterless constructor.
/// </summary>
public interface IConnectorProvider
{
    /// <summary>The connector's definition.</summary>
    ConnectorDefinition Definition { get; }
}
