using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.BuiltIn.Salesforce.Models;
using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Entities;
using Fastn.Connectors.Http;
using Fastn.Connectors.Triggers;
using CdmCatalog = Fastn.Connectors.Cdm.Cdm;

namespace Fastn.Connectors.BuiltIn.Salesforce;

/// <summary>
/// Salesforce over its REST API v60.0: the OAuth 2.0 web server flow with PKCE (the API base is the token response's
/// <c>instance_url</c>), SOQL queries, records, describe and limits; contact and opportunity change polling over SOQL on
/// SystemModstamp; contacts, leads, accounts and opportunities mapped to CDMContact, CDMCompany and CDMDeal.
/// </summary>
[FastnConnector]
public static class SalesforceConnector
{
    /// <summary>The connector's name.</summary>
    public const string Name = "salesforce";

    /// <summary>Salesforce's envelopes are camelCase (<c>totalSize</c>, <c>nextRecordsUrl</c>); sObject fields keep their API names (<c>FirstName</c>).</summary>
    public static JsonSerializerOptions Json { get; } = ConnectorJson.Options;

    /// <summary>The OAuth scopes requested by default.</summary>
    public static IReadOnlyList<string> Scopes { get; } = ["api", "refresh_token", "offline_access"];

    /// <summary>The fields the connector selects on Contact.</summary>
    public const string ContactFields = "Id, AccountId, Account.Name, FirstName, LastName, Email, Phone, MobilePhone, Title, LeadSource, "
        + "MailingStreet, MailingCity, MailingState, MailingPostalCode, MailingCountry, MailingAddress, CreatedDate, LastModifiedDate, SystemModstamp";

    /// <summary>The fields the connector selects on Opportunity.</summary>
    public const string OpportunityFields = "Id, Name, AccountId, ContactId, Amount, StageName, Probability, CloseDate, Type, LeadSource, "
        + "OwnerId, IsClosed, IsWon, CreatedDate, LastModifiedDate, SystemModstamp";

    /// <summary>The connector against login.salesforce.com (production and developer orgs).</summary>
    public static ConnectorDefinition Definition { get; } = Build("https://login.salesforce.com/services/oauth2");

    /// <summary>The connector against the simulation under <paramref name="sandboxBaseUrl"/> (<c>{sandboxBaseUrl}/salesforce</c>).</summary>
    public static ConnectorDefinition Create(string sandboxBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(sandboxBaseUrl);
        return Build(sandboxBaseUrl.TrimEnd('/') + "/" + Name + "/services/oauth2");
    }

    private static readonly string[] ContactMembers =
        ["FirstName", "LastName", "Email", "Phone", "MobilePhone", "Title", "AccountId", "LeadSource", "MailingStreet", "MailingCity", "MailingState", "MailingPostalCode", "MailingCountry"];

    private static readonly string[] LeadMembers =
        ["FirstName", "LastName", "Company", "Email", "Phone", "Title", "Status", "LeadSource", "Street", "City", "State", "PostalCode", "Country"];

    private static readonly string[] AccountMembers =
        ["Name", "Website", "Industry", "Type", "NumberOfEmployees", "AnnualRevenue", "Phone", "Description", "BillingStreet", "BillingCity", "BillingState", "BillingPostalCode", "BillingCountry"];

    private static readonly string[] OpportunityMembers =
        ["Name", "StageName", "CloseDate", "AccountId", "ContactId", "Amount", "Probability", "Type", "LeadSource", "Description"];

    private static ConnectorDefinition Build(string oauthBase) => new()
    {
        Name = Name,
        DisplayName = "Salesforce",
        Description = "Query and write Salesforce CRM records (contacts, leads, accounts, opportunities) over the REST API, with change polling.",
        Categories = ["crm", "sales"],
        BaseUrl = "{instance_url}/services/data/" + SalesforceApi.ApiVersion,
        DocumentationUrl = "https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/intro_rest.htm",
        JsonOptions = Json,
        Auth = Auth.OAuth2(o =>
        {
            o.Id = "oauth";
            o.Label = "Salesforce connected app (OAuth)";
            o.AuthorizationUrl = oauthBase + "/authorize";
            o.TokenUrl = oauthBase + "/token";
            o.RevocationUrl = oauthBase + "/revoke";
            o.Scopes = [.. Scopes];
            o.ScopeSeparator = " ";
            o.Pkce = true;
            o.ClientAuthentication = OAuth2ClientAuthentication.RequestBody;
            o.SupportsRefresh = true;
            // The token response carries the org's instance_url (the API host) and the identity URL; neither comes back on refresh changed.
            o.TokenResponseFields = ["instance_url", "id"];
            // Salesforce sends no expires_in: an expired session answers 401 INVALID_SESSION_ID, which asks for a refresh.
            o.IsTokenExpired = (status, body) => status == HttpStatusCode.Unauthorized || body.Contains("INVALID_SESSION_ID", StringComparison.Ordinal);
        }),
        Capabilities = new ConnectorCapabilities { TestAction = "get_limits", RequestsPerSecond = 20, Burst = 25 },
        Actions =
        {
            Define.Action<QueryInput, SalesforceQueryResult>("query", "Run a SOQL query, following nextRecordsUrl.",
                (input, ctx, ct) => SalesforceApi.QueryAsync(ctx, input.Soql, input.NextRecordsUrl, Math.Clamp(input.MaxRecords ?? 2000, 1, 50000), ct),
                ActionHints.Read("query") with { LlmDescription = "Run a SOQL query (SELECT Id, Name FROM Account WHERE Industry = 'Energy' LIMIT 10) and return the records. If done is false, pass nextRecordsUrl back to continue." }, Json),
            Define.Action<GetRecordInput, JsonObject>("get_record", "Get one record of any sObject type by id.",
                (input, ctx, ct) => SalesforceApi.SendAsync<JsonObject>(ctx, HttpMethod.Get,
                    ctx.Http.Path("sobjects/{sobject_type}/{record_id}", input.SobjectType, input.RecordId)
                    + (input.Fields is { Count: > 0 } f ? "?fields=" + Uri.EscapeDataString(string.Join(',', f)) : ""), null, ct),
                ActionHints.Read("records") with { LlmDescription = "Read one Salesforce record (Account, Contact, Lead, Opportunity, custom objects) by type and id, optionally only some fields." }, Json),
            Define.Action<CreateContactInput, SalesforceSaveResult>("create_contact", "Create a contact.",
                (input, ctx, ct) => SalesforceApi.SendAsync<SalesforceSaveResult>(ctx, HttpMethod.Post, "sobjects/Contact", ContactBody(input.Fields, input.FirstName, input.LastName,
                    input.Email, input.Phone, input.MobilePhone, input.Title, input.AccountId, input.LeadSource, input.MailingStreet, input.MailingCity, input.MailingState,
                    input.MailingPostalCode, input.MailingCountry), ct, SalesforceApi.PathIn(ContactMembers)),
                ActionHints.Write("contacts") with { LlmDescription = "Create a Salesforce contact (last name required) with e-mail, phone, title, account and mailing address. Returns the new id." }, Json),
            Define.Action<UpdateContactInput, SalesforceUpdateResult>("update_contact", "Change fields of a contact; fields left out stay as they are.",
                async (input, ctx, ct) =>
                {
                    await SalesforceApi.SendNoContentAsync(ctx, HttpMethod.Patch, ctx.Http.Path("sobjects/Contact/{contact_id}", input.ContactId), ContactBody(input.Fields,
                        input.FirstName, input.LastName, input.Email, input.Phone, input.MobilePhone, input.Title, input.AccountId, input.LeadSource, input.MailingStreet,
                        input.MailingCity, input.MailingState, input.MailingPostalCode, input.MailingCountry), ct, SalesforceApi.PathIn(ContactMembers)).ConfigureAwait(false);
                    return new SalesforceUpdateResult { Id = input.ContactId, Updated = true };
                },
                ActionHints.Write("contacts") with { Idempotent = true, Destructive = true, LlmDescription = "Update fields of a Salesforce contact by id; only the given fields change." }, Json),
            Define.Action<CreateLeadInput, SalesforceSaveResult>("create_lead", "Create a lead.",
                (input, ctx, ct) => SalesforceApi.SendAsync<SalesforceSaveResult>(ctx, HttpMethod.Post, "sobjects/Lead", SalesforceApi.Fields(input.Fields,
                    ("FirstName", input.FirstName), ("LastName", input.LastName), ("Company", input.Company), ("Email", input.Email), ("Phone", input.Phone),
                    ("Title", input.Title), ("Status", input.Status), ("LeadSource", input.LeadSource), ("Street", input.Street), ("City", input.City),
                    ("State", input.State), ("PostalCode", input.PostalCode), ("Country", input.Country)), ct, SalesforceApi.PathIn(LeadMembers)),
                ActionHints.Write("leads") with { LlmDescription = "Create a Salesforce lead (last name and company required) with e-mail, phone, status and address. Returns the new id." }, Json),
            Define.Action<CreateAccountInput, SalesforceSaveResult>("create_account", "Create an account.",
                (input, ctx, ct) => SalesforceApi.SendAsync<SalesforceSaveResult>(ctx, HttpMethod.Post, "sobjects/Account", SalesforceApi.Fields(input.Fields,
                    ("Name", input.Name), ("Website", input.Website), ("Industry", input.Industry), ("Type", input.Type), ("NumberOfEmployees", input.NumberOfEmployees),
                    ("AnnualRevenue", input.AnnualRevenue), ("Phone", input.Phone), ("Description", input.Description), ("BillingStreet", input.BillingStreet),
                    ("BillingCity", input.BillingCity), ("BillingState", input.BillingState), ("BillingPostalCode", input.BillingPostalCode),
                    ("BillingCountry", input.BillingCountry)), ct, SalesforceApi.PathIn(AccountMembers)),
                ActionHints.Write("accounts") with { LlmDescription = "Create a Salesforce account (company) with name, website, industry, size, revenue and billing address. Returns the new id." }, Json),
            Define.Action<CreateOpportunityInput, SalesforceSaveResult>("create_opportunity", "Create an opportunity.",
                (input, ctx, ct) => SalesforceApi.SendAsync<SalesforceSaveResult>(ctx, HttpMethod.Post, "sobjects/Opportunity", SalesforceApi.Fields(input.Fields,
                    ("Name", input.Name), ("StageName", input.StageName), ("CloseDate", input.CloseDate), ("AccountId", input.AccountId), ("ContactId", input.ContactId),
                    ("Amount", input.Amount), ("Probability", input.Probability), ("Type", input.Type), ("LeadSource", input.LeadSource),
                    ("Description", input.Description)), ct, SalesforceApi.PathIn(OpportunityMembers)),
                ActionHints.Write("opportunities") with { LlmDescription = "Create a Salesforce opportunity (name, stage and close date yyyy-MM-dd required), optionally on an account. Returns the new id." }, Json),
            Define.Action<DescribeSobjectInput, SalesforceDescribe>("describe_sobject", "Describe an sObject: its properties and fields.",
                (input, ctx, ct) => SalesforceApi.SendAsync<SalesforceDescribe>(ctx, HttpMethod.Get, ctx.Http.Path("sobjects/{sobject_type}/describe", input.SobjectType), null, ct),
                ActionHints.Read("metadata") with { LlmDescription = "List the fields of a Salesforce object (API names, types, picklist values) before writing a SOQL query or a record." }, Json),
            Define.Action<SalesforceEmptyInput, Dictionary<string, SalesforceLimit>>("get_limits", "Get the org's limits and what remains of them.",
                (_, ctx, ct) => SalesforceApi.SendAsync<Dictionary<string, SalesforceLimit>>(ctx, HttpMethod.Get, "limits", null, ct),
                ActionHints.Read("org") with { LlmDescription = "Return the Salesforce org's limits (DailyApiRequests and others) as {Max, Remaining}. Cheap; use it to check the connection." }, Json),
        },
        Triggers =
        {
            Define.PollTrigger<SalesforceContact>("contact_changed", "A contact was created or updated (SOQL on SystemModstamp since the last poll).",
                fetchPage: (request, ctx, ct) => PollAsync<SalesforceContact>("Contact", ContactFields, request, ctx, ct), recordId: c => c.Id ?? "",
                every: TimeSpan.FromMinutes(2), json: Json),
            Define.PollTrigger<SalesforceOpportunity>("opportunity_changed", "An opportunity was created or updated (SOQL on SystemModstamp since the last poll).",
                fetchPage: (request, ctx, ct) => PollAsync<SalesforceOpportunity>("Opportunity", OpportunityFields, request, ctx, ct), recordId: o => o.Id ?? "",
                every: TimeSpan.FromMinutes(2), json: Json),
            Define.PollTrigger<SalesforceDeletedRecord>("contact_deleted", "A contact was deleted (the Contact deleted-records feed since the last poll, at most 30 days back).",
                fetchPage: (request, ctx, ct) => PollDeletedAsync("Contact", request, ctx, ct), recordId: d => d.Id, every: TimeSpan.FromMinutes(5), json: Json),
        },
        Entities =
        {
            Define.Entity<SalesforceContact>("contact", CdmCatalog.Contact, e => e
                .Native("Contact")
                .Id(c => c.Id)
                .UpdatedAt(c => c.SystemModstamp)
                .Supports(EntityOperations.List, "query")
                .Supports(EntityOperations.Get, "get_record")
                .Supports(EntityOperations.Create, "create_contact")
                .Supports(EntityOperations.Update, "update_contact")
                .Map(c => c.Id, CdmCatalog.Contact.Id)
                .Map(c => c.Email, CdmCatalog.Contact.Email)
                .Map(c => c.FirstName, CdmCatalog.Contact.FirstName)
                .Map(c => c.LastName, CdmCatalog.Contact.LastName)
                .Map(c => c.Account, CdmCatalog.Contact.Company, (SalesforceAccountName? a) => a?.Name)
                .Map(c => c.Phone, CdmCatalog.Contact.Phone)
                .Map(c => c.MailingAddress, CdmCatalog.Contact.Addresses, (SalesforceAddress? a) => Addresses("mailing", a))
                .Map(c => c.Title, CdmCatalog.Contact.CustomFields, (string? title) => title is null ? null : new JsonObject { ["Title"] = title })
                .Map(c => c.CreatedDate, CdmCatalog.Contact.CreatedAt, (string? v) => Timestamp(v))
                .Map(c => c.LastModifiedDate, CdmCatalog.Contact.UpdatedAt, (string? v) => Timestamp(v)), Json),
            Define.Entity<SalesforceLead>("lead", CdmCatalog.Contact, e => e
                .Native("Lead")
                .Id(l => l.Id)
                .UpdatedAt(l => l.SystemModstamp)
                .Supports(EntityOperations.List, "query")
                .Supports(EntityOperations.Get, "get_record")
                .Supports(EntityOperations.Create, "create_lead")
                .Map(l => l.Id, CdmCatalog.Contact.Id)
                .Map(l => l.Email, CdmCatalog.Contact.Email)
                .Map(l => l.FirstName, CdmCatalog.Contact.FirstName)
                .Map(l => l.LastName, CdmCatalog.Contact.LastName)
                .Map(l => l.Company, CdmCatalog.Contact.Company)
                .Map(l => l.Phone, CdmCatalog.Contact.Phone)
                .Map(l => l.Address, CdmCatalog.Contact.Addresses, (SalesforceAddress? a) => Addresses("other", a))
                .Map(l => l.Status, CdmCatalog.Contact.CustomFields, (string? status) => status is null ? null : new JsonObject { ["Status"] = status })
                .Map(l => l.CreatedDate, CdmCatalog.Contact.CreatedAt, (string? v) => Timestamp(v))
                .Map(l => l.LastModifiedDate, CdmCatalog.Contact.UpdatedAt, (string? v) => Timestamp(v)), Json),
            Define.Entity<SalesforceAccount>("account", CdmCatalog.Company, e => e
                .Native("Account")
                .Id(a => a.Id)
                .UpdatedAt(a => a.SystemModstamp)
                .Supports(EntityOperations.List, "query")
                .Supports(EntityOperations.Get, "get_record")
                .Supports(EntityOperations.Create, "create_account")
                .Map(a => a.Id, CdmCatalog.Company.Id)
                .Map(a => a.Name, CdmCatalog.Company.CompanyName)
                .Map(a => a.Website, CdmCatalog.Company.Domain, (string? w) => Domain(w))
                .Map(a => a.Industry, CdmCatalog.Company.Industry)
                .Map(a => a.NumberOfEmployees, CdmCatalog.Company.EmployeeCount, (int? n) => (long?)n, (long? n) => (int?)n)
                .Map(a => a.AnnualRevenue, CdmCatalog.Company.AnnualRevenue)
                .Map(a => a.Phone, CdmCatalog.Company.Phone)
                .Map(a => a.BillingAddress, CdmCatalog.Company.Addresses, (SalesforceAddress? a) => Addresses("billing", a))
                .Map(a => a.Type, CdmCatalog.Company.CustomFields, (string? type) => type is null ? null : new JsonObject { ["Type"] = type })
                .Map(a => a.CreatedDate, CdmCatalog.Company.CreatedAt, (string? v) => Timestamp(v))
                .Map(a => a.LastModifiedDate, CdmCatalog.Company.UpdatedAt, (string? v) => Timestamp(v)), Json),
            Define.Entity<SalesforceOpportunity>("opportunity", CdmCatalog.Deal, e => e
                .Native("Opportunity")
                .Id(o => o.Id)
                .UpdatedAt(o => o.SystemModstamp)
                .Supports(EntityOperations.List, "query")
                .Supports(EntityOperations.Get, "get_record")
                .Supports(EntityOperations.Create, "create_opportunity")
                .Map(o => o.Id, CdmCatalog.Deal.Id)
                .Map(o => o.Name, CdmCatalog.Deal.DealName)
                .Map(o => o.Amount, CdmCatalog.Deal.Amount)
                .Map(o => o.CurrencyIsoCode, CdmCatalog.Deal.Currency)
                .Map(o => o.StageName, CdmCatalog.Deal.Stage)
                .Map(o => o.Type, CdmCatalog.Deal.Pipeline)
                .Map(o => o.Probability, CdmCatalog.Deal.Probability)
                .Map(o => o.CloseDate, CdmCatalog.Deal.CloseDate)
                .Map(o => o.AccountId, CdmCatalog.Deal.CompanyId)
                .Map(o => o.ContactId, CdmCatalog.Deal.ContactIds, (string? id) => id is null ? null : new List<string> { id })
                .Map(o => o.OwnerId, CdmCatalog.Deal.OwnerId)
                .Map(o => o.IsClosed, CdmCatalog.Deal.Status, (bool? closed) => closed switch { true => "closed", false => "open", null => null })
                .Map(o => o.CreatedDate, CdmCatalog.Deal.CreatedAt, (string? v) => Timestamp(v))
                .Map(o => o.LastModifiedDate, CdmCatalog.Deal.UpdatedAt, (string? v) => Timestamp(v)), Json),
        },
    };

    private static Dictionary<string, JsonNode?> ContactBody(IReadOnlyDictionary<string, JsonNode?>? extra, string? firstName, string? lastName, string? email,
        string? phone, string? mobile, string? title, string? accountId, string? leadSource, string? street, string? city, string? state, string? postalCode,
        string? country) =>
        SalesforceApi.Fields(extra, ("FirstName", firstName), ("LastName", lastName), ("Email", email), ("Phone", phone), ("MobilePhone", mobile),
            ("Title", title), ("AccountId", accountId), ("LeadSource", leadSource), ("MailingStreet", street), ("MailingCity", city),
            ("MailingState", state), ("MailingPostalCode", postalCode), ("MailingCountry", country));

    /// <summary>
    /// One page of records changed since the last poll, oldest change first (<c>ORDER BY SystemModstamp, Id</c>); the cursor is
    /// the query's nextRecordsUrl, so later pages continue the same query locator.
    /// </summary>
    private static async Task<PollPage<T>> PollAsync<T>(string sobject, string fields, PollRequest request, ConnectorContext ctx, CancellationToken ct)
    {
        var soql = $"SELECT {fields} FROM {sobject}"
            + (request.Since is { } since ? " WHERE SystemModstamp > " + SalesforceApi.DateTimeLiteral(since) : "")
            + " ORDER BY SystemModstamp, Id";
        var page = await SalesforceApi.QueryAsync(ctx, request.Cursor is null ? soql : null, request.Cursor, 1, ct).ConfigureAwait(false);
        var records = page.Records.Select(r => r.Deserialize<T>(ctx.Http.JsonOptions)!).ToList();
        return new PollPage<T>(records, page.Done ? null : page.NextRecordsUrl);
    }

    /// <summary>
    /// Records deleted since the last poll from <c>GET /sobjects/{type}/deleted/?start=&amp;end=</c> (one answer, no paging); the
    /// feed keeps 30 days, so a first poll looks 29 days back.
    /// </summary>
    private static async Task<PollPage<SalesforceDeletedRecord>> PollDeletedAsync(string sobject, PollRequest request, ConnectorContext ctx, CancellationToken ct)
    {
        var end = ctx.Time.GetUtcNow();
        var earliest = end.AddDays(-29);
        var start = request.Since is { } since && since > earliest ? since : earliest;
        static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
        var page = await SalesforceApi.SendAsync<SalesforceDeletedRecords>(ctx, HttpMethod.Get,
            ctx.Http.Path("sobjects/{sobject_type}/deleted/?start={start}&end={end}", sobject, At(start), At(end)), null, ct).ConfigureAwait(false);
        return new PollPage<SalesforceDeletedRecord>(page.DeletedRecords, null);
    }

    /// <summary>Salesforce's dateTime (<c>2024-03-09T09:00:00.000+0000</c>) as an ISO 8601 instant.</summary>
    internal static DateTimeOffset? Timestamp(string? value) =>
        value is not null && DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ss.fffzzz", "yyyy-MM-dd'T'HH:mm:ss.fffK", "yyyy-MM-dd'T'HH:mm:ss.fff'+0000'"],
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;

    private static string? Domain(string? website)
    {
        if (string.IsNullOrWhiteSpace(website))
        {
            return null;
        }

        var url = website.Contains("://", StringComparison.Ordinal) ? website : "https://" + website;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.StartsWith("www.", StringComparison.Ordinal) ? uri.Host[4..] : uri.Host : website;
    }

    private static JsonArray? Addresses(string type, SalesforceAddress? a)
    {
        if (a is null || a.Street is null && a.City is null && a.State is null && a.PostalCode is null && a.Country is null)
        {
            return null;
        }

        var address = new JsonObject { ["type"] = type };
        foreach (var (key, value) in new[] { ("line1", a.Street), ("city", a.City), ("region", a.State), ("postalCode", a.PostalCode), ("country", a.Country) })
        {
            if (value is not null)
            {
                address[key] = value;
            }
        }

        return [address];
    }
}
