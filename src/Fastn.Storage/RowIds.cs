namespace Fastn.Storage;

/// <summary>
/// The shape of the ids the store hands out (<c>conn_01J…</c>, <c>evt_01J…</c>): 1–100 ASCII letters, digits and
/// '_'. An id from a request that does not have this shape names nothing, so it is refused before it reaches a
/// query or a grain key.
/// </summary>
public static class RowIds
{
    /// <summary>Whether <paramref name="id"/> could be an id the store handed out.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: > 0 and <= 100 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
