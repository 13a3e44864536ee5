using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>Selects one customer.</summary>
public sealed record CustomerIdInput
{
    /// <summary>The customer's id.</summary>
    [Description("The customer's id.")]
    public required long CustomerId { get; init; }
}
