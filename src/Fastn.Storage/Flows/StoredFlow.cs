namespace Fastn.Storage.Flows;

/// <summary>
/// A flow of a workspace: its editable draft and, once published, which version runs. One flow serves every tenant
/// of its workspace; its runs are tenant-owned.
/// </summary>
public sealed class StoredFlow : IWorkspaceOwned, IVersioned
{
    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    /// <summary>The definition's name, unique in the workspace.</summary>
    public required string Name { get; set; }

    /// <summary>The draft definition as JSON: what editing changes and test runs run.</summary>
    public required string Draft { get; set; }

    /// <summary>The latest published version, or null when never published.</summary>
    public int? PublishedVersion { get; set; }

    /// <summary>Whether the published version's trigger starts runs.</summary>
    public bool Enabled { get; set; }

    /// <summary>The published version's trigger kind (<c>event</c>, <c>schedule</c>, …), or null when not published.</summary>
    public string? TriggerKind { get; set; }

    /// <summary>For an event trigger, <c>connector.trigger</c>, so an event finds its flows by index.</summary>
    public string? TriggerKey { get; set; }

    /// <summary>For a schedule trigger, when it next fires.</summary>
    public DateTimeOffset? NextRunAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public long Version { get; set; }
}
