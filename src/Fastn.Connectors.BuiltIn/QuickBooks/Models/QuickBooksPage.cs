using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.QuickBooks.Models;

/// <summary>One page of a query (<c>QueryResponse</c>).</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed record QuickBooksPage<T>
{
    /// <summary>The records of this page.</summary>
    [Description("The records of this page.")]
    public required IReadOnlyList<T> Records { get; init; }

    /// <summary>The 1-based position of the first record.</summary>
    [Description("1-based position of the first record (STARTPOSITION).")]
    public int StartPosition { get; init; }

    /// <summary>How many records the page holds.</summary>
    [Description("How many records the page holds.")]
    public int MaxResults { get; init; }

    /// <summary>Pass as StartPosition for the next page; absent on the last page.</summary>
    [Description("Pass as StartPosition for the next page; absent on the last page.")]
    public int? NextStartPosition { get; init; }
}
