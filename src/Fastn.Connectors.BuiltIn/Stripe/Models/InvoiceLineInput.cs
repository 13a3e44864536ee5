using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>One line of <see cref="CreateInvoiceInput"/>.</summary>
public sealed record InvoiceLineInput
{
    /// <summary>What the line bills for.</summary>
    [Description("What the line bills for.")]
    public required string Description { get; init; }

    /// <summary>Price of one unit, minor units.</summary>
    [Description("Price of one unit in the smallest currency unit (2500 = $25.00).")]
    public required long UnitAmount { get; init; }

    /// <summary>Units.</summary>
    [Description("Number of units (default 1).")]
    public long? Quantity { get; init; }
}
