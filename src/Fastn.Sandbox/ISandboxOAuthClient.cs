namespace Fastn.Sandbox;

/// <summary>
/// Implemented by a simulated app that runs an OAuth server: the client it accepts from Fastn, so the
/// server can register it as the default workspace's OAuth app for <see cref="Connector"/> at start-up.
/// </summary>
public interface ISandboxOAuthClient
{
    /// <summary>The connector name that uses this simulation (<c>slack</c>).</summary>
    string Connector { get; }

    /// <summary>The client id the simulation accepts.</summary>
    string ClientId { get; }

    /// <summary>The client secret the simulation accepts.</summary>
    string ClientSecret { get; }
}
