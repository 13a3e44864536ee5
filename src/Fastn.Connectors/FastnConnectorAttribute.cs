namespace Fastn.Connectors;

/// <summary>
/// Marks a (static) class whose public static <c>Definition</c> property is a connector, so assembly
/// scanning and the plugin loader find it: <c>[FastnConnector] public static class AcmeCrm { public static ConnectorDefinition Definition { get; } = … }</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class FastnConnectorAttribute : Attribute
{
    /// <summary>The name of the static property holding the definition (default <c>Definition</c>).</summary>
    public string Property { get; init; } = "Definition";
}
