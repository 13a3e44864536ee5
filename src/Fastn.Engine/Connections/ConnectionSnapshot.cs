namespace Fastn.Engine.Connections;

/// <summary>The non-secret view of a connection a grain returns.</summary>
[GenerateSerializer, Immutable]
public sealed record ConnectionSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] string WorkspaceId,
    [property: Id(2)] string TenantId,
    [property: Id(3)] string Connector,
    [property: Id(4)] string AuthMethod,
    [property: Id(5)] ConnectionState Status,
    [property: Id(6)] string? StatusReason);
