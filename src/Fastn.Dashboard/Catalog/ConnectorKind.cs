using Fastn.Engine.Registry;

namespace Fastn.Dashboard.Catalog;

/// <summary>Which kind of connector a registration is, from the source the registry recorded.</summary>
internal static class ConnectorKind
{
    public const string BuiltIn = "Built-in";

    public const string Custom = "Custom";

    public const string Plugin = "Plugin";

    /// <summary>Built-in, a plugin assembly from the connectors folder, or a custom connector of the host.</summary>
    public static string Of(RegisteredConnector connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var source = connector.Source;
        return source.StartsWith("built-in", StringComparison.OrdinalIgnoreCase) ? BuiltIn
            : source.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || source.Contains('/', StringComparison.Ordinal) || source.Contains('\\', StringComparison.Ordinal) ? Plugin
            : Custom;
    }

    /// <summary>The sandbox note of a source (<c>sandbox</c> when it talks to the local simulation).</summary>
    public static bool IsSandbox(RegisteredConnector connector) => connector.Source.Contains("sandbox", StringComparison.OrdinalIgnoreCase);
}
