namespace Fastn.Connectors.Triggers;

/// <summary>What a poll page fetcher is asked for.</summary>
/// <param name="Cursor">The cursor the previous page returned, or <see langword="null"/> for the first page of a poll.</param>
/// <param name="Since">The start of the previous successful poll, for apps that filter by modified time.</param>
public sealed record PollRequest(string? Cursor, DateTimeOffset? Since)
{
    /// <summary>How many records a page should hold, at most.</summary>
    public int PageSize { get; init; } = 100;
}
