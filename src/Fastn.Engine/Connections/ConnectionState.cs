namespace Fastn.Engine.Connections;

/// <summary>The lifecycle of a connection.</summary>
public enum ConnectionState
{
    /// <summary>Works.</summary>
    Active,
    /// <summary>The app refused the refresh; the user must connect again.</summary>
    NeedsReauth,
    /// <summary>Something else is wrong (see the reason).</summary>
    Error,
    /// <summary>Removed by the user.</summary>
    Revoked,
}
