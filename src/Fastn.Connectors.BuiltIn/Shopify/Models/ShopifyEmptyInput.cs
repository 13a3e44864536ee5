namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>No input.</summary>
public sealed record ShopifyEmptyInput;
