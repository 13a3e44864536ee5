namespace Fastn.Sandbox.Vendors.Salesforce;

/// <summary>One field of a simulated sObject: API name, describe type, whether it is set on create and required there.</summary>
internal sealed record SalesforceFieldInfo(string Name, string Label, string Type, bool Createable = true, bool Required = false, int Length = 0,
    string? ReferenceTo = null, IReadOnlyList<string>? Picklist = null);

/// <summary>One simulated sObject type: its name, key prefix and fields.</summary>
internal sealed record SalesforceObjectInfo(string Name, string Label, string LabelPlural, string KeyPrefix, IReadOnlyList<SalesforceFieldInfo> Fields)
{
    public SalesforceFieldInfo? Field(string name) => Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The standard objects the simulation knows (Account, Contact, Lead, Opportunity), with the fields of a Developer Edition org.</summary>
internal static class SalesforceSchema
{
    public static readonly IReadOnlyList<string> Industries =
        ["Agriculture", "Banking", "Biotechnology", "Communications", "Consulting", "Education", "Electronics", "Energy", "Engineering", "Finance", "Healthcare", "Manufacturing", "Media", "Retail", "Technology", "Transportation"];

    public static readonly IReadOnlyList<string> Stages =
        ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"];

    public static readonly IReadOnlyList<string> LeadStatuses = ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"];

    public static readonly IReadOnlyList<string> LeadSources = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"];

    private static IEnumerable<SalesforceFieldInfo> System() =>
    [
        new("OwnerId", "Owner ID", "reference", ReferenceTo: "User"),
        new("CreatedDate", "Created Date", "datetime", Createable: false),
        new("LastModifiedDate", "Last Modified Date", "datetime", Createable: false),
        new("SystemModstamp", "System Modstamp", "datetime", Createable: false),
        new("IsDeleted", "Deleted", "boolean", Createable: false),
    ];

    private static IEnumerable<SalesforceFieldInfo> Address(string prefix, string label) =>
    [
        new(prefix + "Street", label + " Street", "textarea", Length: 255),
        new(prefix + "City", label + " City", "string", Length: 40),
        new(prefix + "State", label + " State/Province", "string", Length: 80),
        new(prefix + "PostalCode", label + " Zip/Postal Code", "string", Length: 20),
        new(prefix + "Country", label + " Country", "string", Length: 80),
        new(prefix.Length == 0 ? "Address" : prefix + "Address", label + " Address", "address", Createable: false),
    ];

    public static readonly SalesforceObjectInfo Account = new("Account", "Account", "Accounts", "001",
    [
        new("Id", "Account ID", "id", Createable: false, Length: 18),
        new("Name", "Account Name", "string", Required: true, Length: 255),
        new("Type", "Account Type", "picklist", Picklist: ["Prospect", "Customer - Direct", "Customer - Channel", "Channel Partner / Reseller", "Technology Partner", "Other"]),
        new("Industry", "Industry", "picklist", Picklist: Industries),
        new("Website", "Website", "url", Length: 255),
        new("Phone", "Account Phone", "phone", Length: 40),
        new("NumberOfEmployees", "Employees", "int"),
        new("AnnualRevenue", "Annual Revenue", "currency"),
        new("Description", "Account Description", "textarea", Length: 32000),
        .. Address("Billing", "Billing"),
        .. System(),
    ]);

    public static readonly SalesforceObjectInfo Contact = new("Contact", "Contact", "Contacts", "003",
    [
        new("Id", "Contact ID", "id", Createable: false, Length: 18),
        new("AccountId", "Account ID", "reference", ReferenceTo: "Account"),
        new("FirstName", "First Name", "string", Length: 40),
        new("LastName", "Last Name", "string", Required: true, Length: 80),
        new("Name", "Full Name", "string", Createable: false, Length: 121),
        new("Email", "Email", "email", Length: 80),
        new("Phone", "Business Phone", "phone", Length: 40),
        new("MobilePhone", "Mobile Phone", "phone", Length: 40),
        new("Title", "Title", "string", Length: 128),
        new("LeadSource", "Lead Source", "picklist", Picklist: LeadSources),
        new("Description", "Contact Description", "textarea", Length: 32000),
        .. Address("Mailing", "Mailing"),
        .. System(),
    ]);

    public static readonly SalesforceObjectInfo Lead = new("Lead", "Lead", "Leads", "00Q",
    [
        new("Id", "Lead ID", "id", Createable: false, Length: 18),
        new("FirstName", "First Name", "string", Length: 40),
        new("LastName", "Last Name", "string", Required: true, Length: 80),
        new("Name", "Full Name", "string", Createable: false, Length: 121),
        new("Company", "Company", "string", Required: true, Length: 255),
        new("Email", "Email", "email", Length: 80),
        new("Phone", "Phone", "phone", Length: 40),
        new("Title", "Title", "string", Length: 128),
        new("Status", "Lead Status", "picklist", Picklist: LeadStatuses),
        new("LeadSource", "Lead Source", "picklist", Picklist: LeadSources),
        new("Industry", "Industry", "picklist", Picklist: Industries),
        .. Address("", ""),
        .. System(),
    ]);

    public static readonly SalesforceObjectInfo Opportunity = new("Opportunity", "Opportunity", "Opportunities", "006",
    [
        new("Id", "Opportunity ID", "id", Createable: false, Length: 18),
        new("Name", "Name", "string", Required: true, Length: 120),
        new("AccountId", "Account ID", "reference", ReferenceTo: "Account"),
        new("ContactId", "Contact ID", "reference", ReferenceTo: "Contact"),
        new("Amount", "Amount", "currency"),
        new("StageName", "Stage", "picklist", Required: true, Picklist: Stages),
        new("Probability", "Probability (%)", "percent"),
        new("CloseDate", "Close Date", "date", Required: true),
        new("Type", "Opportunity Type", "picklist", Picklist: ["Existing Customer - Upgrade", "Existing Customer - Replacement", "Existing Customer - Downgrade", "New Customer"]),
        new("LeadSource", "Lead Source", "picklist", Picklist: LeadSources),
        new("Description", "Description", "textarea", Length: 32000),
        new("IsClosed", "Closed", "boolean", Createable: false),
        new("IsWon", "Won", "boolean", Createable: false),
        .. System(),
    ]);

    public static readonly IReadOnlyList<SalesforceObjectInfo> Objects = [Account, Contact, Lead, Opportunity];

    public static SalesforceObjectInfo? Find(string name) => Objects.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));

    public static SalesforceObjectInfo? ForId(string id) => id.Length >= 3 ? Objects.FirstOrDefault(o => id.StartsWith(o.KeyPrefix, StringComparison.Ordinal)) : null;
}
