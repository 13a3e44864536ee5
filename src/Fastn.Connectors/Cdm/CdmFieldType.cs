namespace Fastn.Connectors.Cdm;

/// <summary>The value type of a <see cref="CdmField"/>; decides the JSON Schema the field gets.</summary>
public enum CdmFieldType
{
    /// <summary>Free text.</summary>
    String,
    /// <summary>An e-mail address (<c>format: email</c>).</summary>
    Email,
    /// <summary>A phone number in any notation, E.164 preferred.</summary>
    Phone,
    /// <summary>An absolute URL (<c>format: uri</c>).</summary>
    Url,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>A decimal number (quantities, rates).</summary>
    Decimal,
    /// <summary>A monetary amount as a decimal in major units; the currency is a sibling field.</summary>
    Money,
    /// <summary>True or false.</summary>
    Boolean,
    /// <summary>An ISO 8601 instant with offset (<c>format: date-time</c>).</summary>
    DateTime,
    /// <summary>An ISO 8601 calendar date (<c>format: date</c>).</summary>
    Date,
    /// <summary>One of <see cref="CdmField.EnumValues"/>.</summary>
    Enum,
    /// <summary>A nested object whose members are <see cref="CdmField.Properties"/>.</summary>
    Object,
    /// <summary>A list; items are described by <see cref="CdmField.ItemType"/> (and <see cref="CdmField.Properties"/> for objects).</summary>
    Array,
    /// <summary>A string-keyed map of arbitrary JSON values (custom fields).</summary>
    Map,
}
