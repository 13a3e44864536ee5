namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>Sort direction.</summary>
public enum GitHubSortDirection
{
    /// <summary>Ascending.</summary>
    Asc,

    /// <summary>Descending.</summary>
    Desc,
}
