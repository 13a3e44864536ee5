namespace Fastn.Storage.Connections;

/// <summary>The state of a tenant's connection.</summary>
public enum ConnectionStatus
{
    Active = 0,
    NeedsReauth = 1,
    Error = 2,
    Revoked = 3,
}
