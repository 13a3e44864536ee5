namespace Fastn.Storage.ConnectSessions;

/// <summary>A URL a workspace registered as an allowed redirect-back target of its connect sessions.</summary>
public sealed class WorkspaceRedirectUrl : IWorkspaceOwned
{
    public required string WorkspaceId { get; init; }

    /// <summary>Absolute http(s) URL without query or fragment.</summary>
    public required string Url { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
