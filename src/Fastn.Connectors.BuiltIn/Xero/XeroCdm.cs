using System.Text.Json.Serialization;
using Fastn.Connectors.BuiltIn.Xero.Models;

namespace Fastn.Connectors.BuiltIn.Xero;

/// <summary>Conversions between Xero's records and the CDM's shapes.</summary>
internal static class XeroCdm
{
    public static string? Phone(IReadOnlyList<XeroPhone>? phones)
    {
        var phone = phones?.Where(p => !string.IsNullOrWhiteSpace(p.PhoneNumber))
            .OrderBy(p => p.PhoneType switch { "DEFAULT" => 0, "MOBILE" => 1, "DDI" => 2, _ => 3 })
            .FirstOrDefault();
        if (phone is null)
        {
            return null;
        }

        var parts = new[] { phone.PhoneCountryCode is { Length: > 0 } cc ? "+" + cc.TrimStart('+') : null, phone.PhoneAreaCode, phone.PhoneNumber };
        return string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p)));
    }

    public static IReadOnlyList<XeroPhone>? Phones(string? phone) =>
        string.IsNullOrWhiteSpace(phone) ? null : [new XeroPhone { PhoneType = "DEFAULT", PhoneNumber = phone }];

    // Xero's POBOX is the postal (billing) address, STREET the physical (delivery) address.
    public static IReadOnlyList<CdmAddressValue>? Addresses(IReadOnlyList<XeroAddress>? addresses) =>
        addresses?.Where(a => new[] { a.AddressLine1, a.AddressLine2, a.City, a.Region, a.PostalCode, a.Country }.Any(v => !string.IsNullOrWhiteSpace(v)))
            .Select(a => new CdmAddressValue
            {
                Type = a.AddressType == "POBOX" ? "billing" : "shipping",
                Line1 = a.AddressLine1,
                Line2 = a.AddressLine2,
                City = a.City,
                Region = a.Region,
                PostalCode = a.PostalCode,
                Country = a.Country,
            })
            .ToList();

    public static IReadOnlyList<XeroAddress>? Addresses(IReadOnlyList<CdmAddressValue>? addresses) =>
        addresses?.Select(a => new XeroAddress
        {
            AddressType = a.Type == "billing" ? "POBOX" : "STREET",
            AddressLine1 = a.Line1,
            AddressLine2 = a.Line2,
            City = a.City,
            Region = a.Region,
            PostalCode = a.PostalCode,
            Country = a.Country,
        }).ToList();

    public static IReadOnlyList<string>? Tags(IReadOnlyList<XeroContactGroup>? groups) =>
        groups?.Select(g => g.Name).OfType<string>().ToList();

    /// <summary>Xero's invoice statuses on the CDM's lifecycle.</summary>
    public static string? Status(string? status) => status switch
    {
        "DRAFT" or "SUBMITTED" => "draft",
        "AUTHORISED" => "open",
        "PAID" => "paid",
        "VOIDED" or "DELETED" => "void",
        _ => null,
    };

    public static string? StatusFromCdm(string? status) => status switch
    {
        "draft" => "DRAFT",
        "open" => "AUTHORISED",
        "paid" => "PAID",
        "void" => "VOIDED",
        _ => null,
    };

    public static IReadOnlyList<CdmLineValue>? Lines(IReadOnlyList<XeroLineItem>? lines) =>
        lines?.Select(l => new CdmLineValue
        {
            Description = l.Description,
            Quantity = l.Quantity,
            UnitPrice = l.UnitAmount,
            Amount = l.LineAmount,
            TaxAmount = l.TaxAmount,
        }).ToList();

    public static IReadOnlyList<XeroLineItem>? Lines(IReadOnlyList<CdmLineValue>? lines) =>
        lines?.Select(l => new XeroLineItem { Description = l.Description, Quantity = l.Quantity, UnitAmount = l.UnitPrice }).ToList();
}

/// <summary>A CDM address value (CdmAddress fields).</summary>
internal sealed record CdmAddressValue
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("line1")]
    public string? Line1 { get; init; }

    [JsonPropertyName("line2")]
    public string? Line2 { get; init; }

    [JsonPropertyName("city")]
    public string? City { get; init; }

    [JsonPropertyName("region")]
    public string? Region { get; init; }

    [JsonPropertyName("postalCode")]
    public string? PostalCode { get; init; }

    [JsonPropertyName("country")]
    public string? Country { get; init; }
}

/// <summary>A CDM invoice line value.</summary>
internal sealed record CdmLineValue
{
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("quantity")]
    public decimal? Quantity { get; init; }

    [JsonPropertyName("unitPrice")]
    public decimal? UnitPrice { get; init; }

    [JsonPropertyName("amount")]
    public decimal? Amount { get; init; }

    [JsonPropertyName("taxAmount")]
    public decimal? TaxAmount { get; init; }
}

/// <summary>A CDM product variant value.</summary>
internal sealed record CdmVariantValue
{
    [JsonPropertyName("sku")]
    public string? Sku { get; init; }

    [JsonPropertyName("price")]
    public decimal? Price { get; init; }
}
