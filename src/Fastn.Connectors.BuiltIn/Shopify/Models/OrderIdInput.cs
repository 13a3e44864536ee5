using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>Selects one order.</summary>
public sealed record OrderIdInput
{
    /// <summary>The order's id.</summary>
    [Description("The order's id.")]
    public required long OrderId { get; init; }
}
