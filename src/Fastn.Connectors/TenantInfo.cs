namespace Fastn.Connectors;

/// <summary>The workspace and the customer (tenant) a call runs for.</summary>
/// <param name="WorkspaceId">The Fastn workspace.</param>
/// <param name="TenantId">The workspace's customer.</param>
public sealed record TenantInfo(string WorkspaceId, string TenantId);
