namespace Fastn.Connectors.Capabilities;

/// <summary>Connector-level settings the runtime honours and the capability registry reports.</summary>
public sealed record ConnectorCapabilities
{
    /// <summary>The action that checks a new connection works (a cheap read such as <c>get_current_user</c>).</summary>
    public string? TestAction { get; init; }

    /// <summary>At most this many requests per second per connection (null: no limit).</summary>
    public double? RequestsPerSecond { get; init; }

    /// <summary>Burst allowance for <see cref="RequestsPerSecond"/>.</summary>
    public int Burst { get; init; } = 10;

    /// <summary>Hosts (besides <see cref="ConnectorDefinition.BaseUrl"/>'s) the connector may call.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];
}
