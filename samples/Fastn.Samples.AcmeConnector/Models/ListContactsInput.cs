using System.ComponentModel;

namespace Fastn.Samples.AcmeConnector.Models;

/// <summary>Input of <c>list_contacts</c>.</summary>
public sealed record ListContactsInput
{
    /// <summary>Page size.</summary>
    [Description("How many contacts to return (1-100, default 25).")]
    public int? Limit { get; init; }

    /// <summary>Cursor from a previous page.</summary>
    [Description("The next_cursor of the previous page, to continue listing.")]
    public string? Cursor { get; init; }

    /// <summary>Only contacts changed since.</summary>
    [Description("Only contacts changed at or after this time (ISO 8601).")]
    public DateTimeOffset? UpdatedSince { get; init; }
}
