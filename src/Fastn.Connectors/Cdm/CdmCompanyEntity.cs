namespace Fastn.Connectors.Cdm;

/// <summary><c>CDMCompany</c>: an organisation a business deals with (account, customer company).</summary>
public sealed class CdmCompanyEntity : CdmEntity
{
    internal CdmCompanyEntity()
        : base("CDMCompany", "1.0.0", "An organisation a business deals with: account, customer company or supplier.")
    {
        Id = Field("id", CdmFieldType.String, true, "The company's id in the app it came from.");
        CompanyName = Field("name", CdmFieldType.String, true, "Company or trading name.");
        Domain = Field("domain", CdmFieldType.String, false, "Primary web domain, e.g. \"example.com\".");
        Industry = Field("industry", CdmFieldType.String, false, "Industry or sector the company works in.");
        EmployeeCount = Field("employeeCount", CdmFieldType.Integer, false, "Number of employees.");
        AnnualRevenue = Field("annualRevenue", CdmFieldType.Money, false, "Yearly revenue in major units of the source app's currency.");
        Phone = Field("phone", CdmFieldType.Phone, false, "Main phone number, E.164 preferred.");
        Addresses = Field("addresses", CdmFieldType.Array, false, "Postal addresses (head office, billing, …).", itemType: CdmFieldType.Object, properties: CdmAddress.Fields(this));
        Tags = Field("tags", CdmFieldType.Array, false, "Labels attached to the company.", itemType: CdmFieldType.String);
        CustomFields = Field("customFields", CdmFieldType.Map, false, "App-specific fields with no CDM equivalent.");
        CreatedAt = Field("createdAt", CdmFieldType.DateTime, false, "When the record was created in the source app.");
        UpdatedAt = Field("updatedAt", CdmFieldType.DateTime, false, "When the record last changed in the source app.");
    }

    /// <summary>The company's id in the app it came from (required).</summary>
    public CdmField Id { get; }
    /// <summary>Company name, JSON <c>name</c> (required); not called <c>Name</c>, which is the entity's own name.</summary>
    public CdmField CompanyName { get; }
    /// <summary>Primary web domain.</summary>
    public CdmField Domain { get; }
    /// <summary>Industry or sector.</summary>
    public CdmField Industry { get; }
    /// <summary>Number of employees.</summary>
    public CdmField EmployeeCount { get; }
    /// <summary>Yearly revenue.</summary>
    public CdmField AnnualRevenue { get; }
    /// <summary>Main phone number.</summary>
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
