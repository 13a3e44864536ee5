namespace Fastn.Storage.Flows;

/// <summary>A published, immutable version of a flow; runs keep the version they started with.</summary>
public sealed class StoredFlowVersion : IWorkspaceOwned
{
    public required string FlowId { get; init; }

    public required int Number { get; init; }

    public required string WorkspaceId { get; init; }

    public required string Definition { get; init; }

    public DateTimeOffset PublishedAt { get; init; }
}
