namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>Which issues or pull requests a list returns.</summary>
public enum GitHubItemState
{
    /// <summary>Only open ones (GitHub's default).</summary>
    Open,

    /// <summary>Only closed ones.</summary>
    Closed,

    /// <summary>Both.</summary>
    All,
}
