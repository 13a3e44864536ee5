namespace Fastn.Connectors.Cdm;

/// <summary><c>CDMContact</c>: a person a business deals with (customer, lead, contact).</summary>
public sealed class CdmContactEntity : CdmEntity
{
    internal CdmContactEntity()
        : base("CDMContact", "1.0.0", "A person a business deals with: customer, lead or contact.")
    {
        Id = Field("id", CdmFieldType.String, true, "The record's id in the app it came from.");
        Email = Field("email", CdmFieldType.Email, false, "Primary e-mail address.");
        FirstName = Field("firstName", CdmFieldType.String, false, "Given name.");
        LastName = Field("lastName", CdmFieldType.String, false, "Family name.");
        Company = Field("company", CdmFieldType.String, false, "Name of the organisation the person works for.");
        Phone = Field("phone", CdmFieldType.Phone, false, "Primary phone number, E.164 preferred.");
        Addresses = Field("addresses", CdmFieldType.Array, false, "Postal addresses.", itemType: CdmFieldType.Object, properties: CdmAddress.Fields(this));
        Tags = Field("tags", CdmFieldType.Array, false, "Labels attached to the contact.", itemType: CdmFieldType.String);
        CustomFields = Field("customFields", CdmFieldType.Map, false, "App-specific fields with no CDM equivalent.");
        CreatedAt = Field("createdAt", CdmFieldType.DateTime, false, "When the record was created in the source app.");
        UpdatedAt = Field("updatedAt", CdmFieldType.DateTime, false, "When the record last changed in the source app.");
    }

    /// <summary>The record's id in the app it came from (required).</summary>
    public CdmField Id { get; }
    /// <summary>Primary e-mail address.</summary>
    public CdmField Email { get; }
    /// <summary>Given name.</summary>
    public CdmField FirstName { get; }
    /// <summary>Family name.</summary>
    public CdmField LastName { get; }
    /// <summary>Organisation name.</summary>
    public CdmField Company { get; }
    /// <summary>Primary phone number.</summary>
    public CdmField Phone { get; }
    /// <summary>Postal addresses (<see cref="CdmAddress"/> objects).</summary>
    public CdmField Addresses { get; }
    /// <summary>Labels.</summary>
    public CdmField Tags { get; }
    /// <summary>App-specific fields.</summary>
    public CdmField CustomFields { get; }
    /// <summary>Creation time.</summary>
    public CdmField CreatedAt { get; }
    /// <summary>Last change time.</summary>
    public CdmField UpdatedAt { get; }
}
