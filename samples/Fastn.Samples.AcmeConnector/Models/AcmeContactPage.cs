namespace Fastn.Samples.AcmeConnector.Models;

/// <summary>One page of Acme's <c>GET /contacts</c>: <c>{ "data": [...], "next_cursor": "..." }</c>.</summary>
public sealed record AcmeContactPage
{
    /// <summary>The contacts on this page.</summary>
    public required IReadOnlyList<AcmeContact> Data { get; init; }

    /// <summary>Cursor of the next page, or null on the last page.</summary>
    public string? NextCursor { get; init; }
}
