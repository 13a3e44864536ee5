using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>The <c>lines</c> list of an invoice.</summary>
public sealed record StripeInvoiceLineList
{
    /// <summary>Always <c>list</c>.</summary>
    [Description("The object type, always \"list\".")]
    public string? Object { get; init; }

    /// <summary>The lines.</summary>
    [Description("The invoice's lines.")]
    public IReadOnlyList<StripeInvoiceLineItem> Data { get; init; } = [];

    /// <summary>Whether more lines follow.</summary>
    [Description("True when the invoice has more lines than this page.")]
    public bool HasMore { get; init; }

    /// <summary>The list's URL.</summary>
    [Description("The URL of the list.")]
    public string? Url { get; init; }
}
