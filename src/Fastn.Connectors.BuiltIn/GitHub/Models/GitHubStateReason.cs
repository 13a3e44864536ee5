namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>Why an issue was closed or reopened.</summary>
public enum GitHubStateReason
{
    /// <summary>Done.</summary>
    Completed,

    /// <summary>Won't do.</summary>
    NotPlanned,

    /// <summary>Opened again.</summary>
    Reopened,
}
