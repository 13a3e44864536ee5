namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>An issue's state.</summary>
public enum GitHubIssueState
{
    /// <summary>Open.</summary>
    Open,

    /// <summary>Closed.</summary>
    Closed,
}
