namespace Fastn.Connectors.Cdm;

/// <summary>The postal address shape shared by contacts, companies, orders and invoices.</summary>
public static class CdmAddress
{
    /// <summary>The members of an address object, owned by <paramref name="entity"/>.</summary>
    public static IReadOnlyList<CdmField> Fields(CdmEntity entity) =>
    [
        new(entity.Name, "type", CdmFieldType.Enum, false, "What the address is used for.") { EnumValues = ["billing", "shipping", "home", "work", "other"] },
        new(entity.Name, "line1", CdmFieldType.String, false, "Street and number."),
        new(entity.Name, "line2", CdmFieldType.String, false, "Apartment, suite, floor."),
        new(entity.Name, "city", CdmFieldType.String, false, "City or town."),
        new(entity.Name, "region", CdmFieldType.String, false, "State, province or county."),
        new(entity.Name, "postalCode", CdmFieldType.String, false, "Postal or ZIP code."),
        new(entity.Name, "country", CdmFieldType.String, false, "ISO 3166-1 alpha-2 country code."),
    ];
}
