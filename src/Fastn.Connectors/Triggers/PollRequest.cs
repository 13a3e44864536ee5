using System.Text.Json.Nodes;

namespace Fastn.Connectors.Triggers;

/// <summary>What a poll page fetcher is asked for.</summary>
/// <param name="Cursor">The cursor the previous page returned, or <see langword="null"/> for the first page of a poll.</param>
/// <param name="Since">
/// For apps that filter by modified time: the latest <see cref="PollPage{T}.Watermark"/> the app returned, or else the start
/// of the previous complete poll; <see langword="null"/> on the first poll.
/// </param>
public sealed record PollRequest(string? Cursor, DateTimeOffset? Since)
{
    /// <summary>How many records a page should hold, at most.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>The subscription's trigger parameters (which list, which project…); empty when it takes none.</summary>
    public JsonObject Parameters { get; init; } = [];
}
