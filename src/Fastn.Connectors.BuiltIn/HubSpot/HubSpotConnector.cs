using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.BuiltIn.HubSpot.Models;
using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Entities;
using Fastn.Connectors.Http;
using Fastn.Connectors.Triggers;
using CdmCatalog = Fastn.Connectors.Cdm.Cdm;

namespace Fastn.Connectors.BuiltIn.HubSpot;

/// <summary>
/// HubSpot CRM over its v3 objects API (and v4 associations): an OAuth app (default) or a private app token; contacts,
/// companies and deals; v3-signed webhooks and a contact poll trigger over the search API; contacts, companies and deals
/// mapped to CDMContact, CDMCompany and CDMDeal.
/// </summary>
[FastnConnector]
public static class HubSpotConnector
{
    /// <summary>The connector's name.</summary>
    public const string Name = "hubspot";

    /// <summary>HubSpot's envelopes are camelCase (<c>createdAt</c>, <c>filterGroups</c>); property names are its internal lower-case names.</summary>
    public static JsonSerializerOptions Json { get; } = ConnectorJson.Options;

    /// <summary>The OAuth scopes requested by default.</summary>
    public static IReadOnlyList<string> Scopes { get; } =
    [
        "crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.companies.read", "crm.objects.companies.write",
        "crm.objects.deals.read", "crm.objects.deals.write",
    ];

    /// <summary>The connector against api.hubapi.com and app.hubspot.com's OAuth consent.</summary>
    public static ConnectorDefinition Definition { get; } = Build("https://api.hubapi.com", "https://app.hubspot.com/oauth/authorize");

    /// <summary>The connector against the simulation under <paramref name="sandboxBaseUrl"/> (<c>{sandboxBaseUrl}/hubspot</c>).</summary>
    public static ConnectorDefinition Create(string sandboxBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(sandboxBaseUrl);
        var root = sandboxBaseUrl.TrimEnd('/') + "/" + Name;
        return Build(root, root + "/oauth/authorize");
    }

    private static readonly string[] ContactMembers =
        ["email", "firstname", "lastname", "company", "phone", "jobtitle", "website", "address", "city", "state", "zip", "country", "lifecyclestage"];

    private static readonly string[] CompanyMembers =
        ["name", "domain", "industry", "numberofemployees", "annualrevenue", "phone", "address", "city", "state", "zip", "country", "description"];

    private static readonly string[] DealMembers = ["dealname", "amount", "deal_currency_code", "dealstage", "pipeline", "closedate", "hubspot_owner_id"];

    private static ConnectorDefinition Build(string apiBaseUrl, string authorizationUrl) => new()
    {
        Name = Name,
        DisplayName = "HubSpot",
        Description = "Contacts, companies and deals in HubSpot CRM, with signed webhooks and change polling.",
        Categories = ["crm", "marketing"],
        BaseUrl = apiBaseUrl,
        DocumentationUrl = "https://developers.hubspot.com/docs/api/crm/understanding-the-crm",
        JsonOptions = Json,
        Auth = Auth.OneOf(
            Auth.OAuth2(o =>
            {
                o.Id = "oauth";
                o.Label = "HubSpot app (OAuth)";
                o.AuthorizationUrl = authorizationUrl;
                o.TokenUrl = apiBaseUrl + "/oauth/v1/token";
                o.Scopes = [.. Scopes];
                o.ScopeSeparator = " ";
                // HubSpot's authorization-code flow takes client_id/client_secret in the form body and documents no PKCE.
                o.Pkce = false;
                o.ClientAuthentication = OAuth2ClientAuthentication.RequestBody;
                // Access tokens live 30 minutes; the refresh token does not rotate.
                o.SupportsRefresh = true;
                o.TokenErrorCode = HubSpotTokenErrors.Classify;
            }),
            Auth.BearerToken("A private app access token (pat-…) from HubSpot → Settings → Integrations → Private Apps, with the crm.objects.contacts/companies/deals read and write scopes.")
                with { Id = "private_app", Label = "Private app access token", TokenLabel = "Private app access token" }),
        Capabilities = new ConnectorCapabilities { TestAction = "get_account", RequestsPerSecond = 10, Burst = 100 },
        Actions =
        {
            Define.Action<HubSpotEmptyInput, HubSpotAccount>("get_account", "Get the HubSpot account (portal) the connection belongs to.",
                (_, ctx, ct) => HubSpotApi.SendAsync<HubSpotAccount>(ctx, HttpMethod.Get, "account-info/v3/details", null, ct),
                ActionHints.Read("account") with { LlmDescription = "Return the HubSpot portal id, time zone and currency of the connected account. Cheap; use it to check the connection." }, Json),
            Define.Action<ListObjectsInput, HubSpotPage<HubSpotContact>>("list_contacts", "List contacts, one page at a time.",
                (input, ctx, ct) => HubSpotApi.SendAsync<HubSpotPage<HubSpotContact>>(ctx, HttpMethod.Get, HubSpotApi.Query("crm/v3/objects/contacts",
                    ("limit", HubSpotApi.Limit(input.Limit, 100)), ("after", input.After), ("properties", HubSpotContactProperties.Names), ("archived", input.Archived)), null, ct),
                ActionHints.Read("contacts") with { LlmDescription = "List HubSpot contacts oldest first with their main properties. Pass paging.next.after back as after for the next page." }, Json),
            Define.Action<GetContactInput, HubSpotContact>("get_contact", "Get one contact by id or by e-mail address.",
                (input, ctx, ct) => HubSpotApi.SendAsync<HubSpotContact>(ctx, HttpMethod.Get, HubSpotApi.Query(ctx.Http.Path("crm/v3/objects/contacts/{contact_id}", input.ContactId),
                    ("properties", HubSpotContactProperties.Names), ("idProperty", input.IdProperty)), null, ct),
                ActionHints.Read("contacts") with { LlmDescription = "Get a HubSpot contact by its id, or by e-mail with id_property=email. Answers 404 (fastn:upstream) when there is none." }, Json),
            Define.Action<CreateContactInput, HubSpotContact>("create_contact", "Create a contact.",
                (input, ctx, ct) => HubSpotApi.SendAsync<HubSpotContact>(ctx, HttpMethod.Post, "crm/v3/objects/contacts", new
                {
                    properties = HubSpotApi.Properties(input.Properties, ("email", input.Email), ("firstname", input.FirstName), ("lastname", input.LastName),
                        ("company", input.Company), ("phone", input.Phone), ("jobtitle", input.JobTitle), ("website", input.Website), ("address", input.Address),
                        ("city", input.City), ("state", input.State), ("zip", input.Zip), ("country", input.Country), ("lifecyclestage", input.LifecycleStage)),
                }, ct, fieldPath: HubSpotApi.PathIn(ContactMembers)),
                ActionHints.Write("contacts") with { LlmDescription = "Create a HubSpot contact from e-mail, names, company, phone and address. Fails with 409 if a contact already has the e-mail; search first to avoid duplicates." }, Json),
            Define.Action<UpdateContactInput, HubSpotContact>("update_contact", "Change properties of a contact; properties left out stay as they are.",
                (input, ctx, ct) => HubSpotApi.SendAsync<HubSpotContact>(ctx, HttpMethod.Patch, ctx.Http.Path("crm/v3/objects/contacts/{contact_id}", input.ContactId), new
                {
                    properties = HubSpotApi.Properties(input.Properties, ("email", input.Email), ("firstname", input.FirstName), ("lastname", input.LastName),
                        ("company", input.Company), ("phone", input.Phone), ("jobtitle", input.JobTitle), ("website", input.Website), ("address", input.Address),
                        ("city", input.City), ("state", input.State), ("zip", input.Zip), ("country", input.Country), ("lifecyclestage", input.LifecycleStage)),
                }, ct, idempotent: true, fieldPath: HubSpotApi.PathIn(ContactMembers)),
                ActionHints.Write("contacts") with { Idempotent = true, Destructive = true, LlmDescription = "Update properties of a HubSpot contact by id; only the given properties change (an empty string clears one)." }, Json),
            Define.Action<SearchContactsInput, HubSpotPage<HubSpotContact>>("search_contacts", "Search contacts by e-mail, free text or property filters.",
                (input, ctx, ct) => HubSpotApi.SendAsync<HubSpotPage<HubSpotContact>>(ctx, HttpMethod.Post, "crm/v3/objects/contacts/search", SearchBody(input), ct),
                ActionHints.Read("contacts") with { LlmDescription = "Find HubSpot contacts: email for an exact e-mail match, query for free text, filters for property conditions (all must match). Search is limited to 5 requests a second." }, Json),
            Define.Action<ContactIdInput, ArchiveResult>("archive_contact", "Archive (delete) a contact; HubSpot keeps it restorable for 90 days.",
                async (input, ctx, ct) =>
                {
                    await HubSpotApi.DeleteAsync(ctx, ctx.Http.Path("crm/v3/objects/contacts/{contact_id}", input.ContactId), ct);
                    return new ArchiveResult(input.ContactId, true);
                },
                ActionHints.Delete("contacts") with { LlmDescription = "Archive (delete) a HubSpot contact by id. It can be restored from the HubSpot UI for 90 days." }, Json),
            Define.Action<CreateCompanyInput, HubSpotCompany>("create_company", "Create a company.",
                (input, ctx, ct) => HubSpotApi.SendAsync<HubSpotCompany>(ctx, HttpMethod.Post, "crm/v3/objects/companies", new
                {
                    properties = HubSpotApi.Properties(input.Properties, ("name", input.Name), ("domain", input.Domain), ("industry", input.Industry),
                        ("numberofemployees", input.NumberOfEmployees), ("annualrevenue", input.AnnualRevenue), ("phone", input.Phone), ("address", input.Address),
                        ("city", input.City), ("state", input.State), ("zip", input.Zip), ("country", input.Country), ("description", input.Description)),
                }, ct, fieldPath: HubSpotApi.PathIn(CompanyMembers)),
                ActionHints.Write("companies") with { LlmDescription = "Create a HubSpot company with name, domain, industry, size, revenue and address. Associate contacts with associate_contact_with_company." }, Json),
            Define.Action<CreateDealInput, HubSpotDeal>("create_deal", "Create a deal, optionally associated with a company and a contact.",
                (input, ctx, ct) => HubSpotApi.SendAsync<HubSpotDeal>(ctx, HttpMethod.Post, "crm/v3/objects/deals", DealBody(input), ct, fieldPath: HubSpotApi.PathIn(DealMembers)),
                ActionHints.Write("deals") with { LlmDescription = "Create a HubSpot deal with name, amount, stage, pipeline and close date; company_id and contact_id associate it on creation." }, Json),
            Define.Action<ListObjectsInput, HubSpotPage<HubSpotDeal>>("list_deals", "List deals with their associated companies and contacts, one page at a time.",
                (input, ctx, ct) => HubSpotApi.SendAsync<HubSpotPage<HubSpotDeal>>(ctx, HttpMethod.Get, HubSpotApi.Query("crm/v3/objects/deals",
                    ("limit", HubSpotApi.Limit(input.Limit, 100)), ("after", input.After), ("properties", HubSpotDealProperties.Names),
                    ("associations", new[] { "companies", "contacts" }), ("archived", input.Archived)), null, ct),
                ActionHints.Read("deals") with { LlmDescription = "List HubSpot deals (name, amount, stage, close date, owner, associated company and contact ids). Pass paging.next.after back as after for more." }, Json),
            Define.Action<AssociateContactCompanyInput, HubSpotAssociationBatch>("associate_contact_with_company", "Associate a contact with a company (the default, unlabeled association).",
                (input, ctx, ct) => HubSpotApi.SendAsync<HubSpotAssociationBatch>(ctx, HttpMethod.Put,
                    ctx.Http.Path("crm/v4/objects/contacts/{contact_id}/associations/default/companies/{company_id}", input.ContactId, input.CompanyId), null, ct, idempotent: true),
                ActionHints.Write("associations") with { Idempotent = true, LlmDescription = "Link a HubSpot contact to a company by their ids (default association; repeating it changes nothing)." }, Json),
        },
        Triggers =
        {
            Webhook("contact_event", "A contact was created, changed, deleted, merged or (dis)associated (HubSpot app webhook subscriptions).",
                ["contact.creation", "contact.propertyChange", "contact.deletion", "contact.merge", "contact.restore", "contact.associationChange"]),
            Webhook("deal_event", "A deal was created, changed, deleted or (dis)associated (HubSpot app webhook subscriptions).",
                ["deal.creation", "deal.propertyChange", "deal.deletion", "deal.merge", "deal.restore", "deal.associationChange"]),
            Define.PollTrigger<HubSpotContact>("contact_changed", "A contact was created or updated (found by searching lastmodifieddate since the last poll).",
                fetchPage: PollContactsAsync, recordId: c => c.Id, every: TimeSpan.FromMinutes(2), json: Json),
        },
        Entities =
        {
            Define.Entity<HubSpotContact>("contact", CdmCatalog.Contact, e => e
                .Native("contacts")
                .Id(c => c.Id)
                .UpdatedAt(c => c.UpdatedAt)
                .ListedBy<ListObjectsInput, HubSpotPage<HubSpotContact>>("list_contacts",
                    request => new ListObjectsInput { Limit = request.Limit },
                    page => page.Results,
                    (input, page) => page.Paging?.Next is { } next ? input with { After = next.After } : null)
                .Supports(EntityOperations.Get, "get_contact")
                .CreatedBy<CreateContactInput, HubSpotContact>("create_contact", c => new CreateContactInput
                {
                    Email = c.Get<string>(CdmCatalog.Contact.Email),
                    FirstName = c.Get<string>(CdmCatalog.Contact.FirstName),
                    LastName = c.Get<string>(CdmCatalog.Contact.LastName),
                    Company = c.Get<string>(CdmCatalog.Contact.Company),
                    Phone = c.Get<string>(CdmCatalog.Contact.Phone),
                })
                .UpdatedBy<UpdateContactInput, HubSpotContact>("update_contact", (id, c) => new UpdateContactInput
                {
                    ContactId = id,
                    Email = c.Get<string>(CdmCatalog.Contact.Email),
                    FirstName = c.Get<string>(CdmCatalog.Contact.FirstName),
                    LastName = c.Get<string>(CdmCatalog.Contact.LastName),
                    Company = c.Get<string>(CdmCatalog.Contact.Company),
                    Phone = c.Get<string>(CdmCatalog.Contact.Phone),
                })
                .Supports(EntityOperations.Delete, "archive_contact")
                .Supports(EntityOperations.Search, "search_contacts")
                // First: writing back sets the whole properties object, which the mappings below then fill in.
                .Map(c => c.Properties, CdmCatalog.Contact.Addresses,
                    (HubSpotContactProperties? p) => p is null ? null : Addresses("other", p.Address, p.City, p.State, p.Zip, p.Country),
                    (JsonArray? a) => FirstAddress(a) is { } x ? new HubSpotContactProperties { Address = x.Line1, City = x.City, State = x.Region, Zip = x.PostalCode, Country = x.Country } : new HubSpotContactProperties())
                .Map(c => c.Properties, CdmCatalog.Contact.CustomFields,
                    (HubSpotContactProperties? p) => Custom(("jobtitle", p?.JobTitle), ("website", p?.Website), ("lifecyclestage", p?.LifecycleStage)))
                .Map(c => c.Id, CdmCatalog.Contact.Id)
                .Map(c => c.Properties.Email, CdmCatalog.Contact.Email)
                .Map(c => c.Properties.FirstName, CdmCatalog.Contact.FirstName)
                .Map(c => c.Properties.LastName, CdmCatalog.Contact.LastName)
                .Map(c => c.Properties.Company, CdmCatalog.Contact.Company)
                .Map(c => c.Properties.Phone, CdmCatalog.Contact.Phone)
                .Map(c => c.CreatedAt, CdmCatalog.Contact.CreatedAt)
                .Map(c => c.UpdatedAt, CdmCatalog.Contact.UpdatedAt), Json),
            Define.Entity<HubSpotCompany>("company", CdmCatalog.Company, e => e
                .Native("companies")
                .Id(c => c.Id)
                .UpdatedAt(c => c.UpdatedAt)
                .Supports(EntityOperations.Create, "create_company")
                .Map(c => c.Properties, CdmCatalog.Company.Addresses,
                    (HubSpotCompanyProperties? p) => p is null ? null : Addresses("work", p.Address, p.City, p.State, p.Zip, p.Country),
                    (JsonArray? a) => FirstAddress(a) is { } x ? new HubSpotCompanyProperties { Address = x.Line1, City = x.City, State = x.Region, Zip = x.PostalCode, Country = x.Country } : new HubSpotCompanyProperties())
                .Map(c => c.Properties, CdmCatalog.Company.CustomFields,
                    (HubSpotCompanyProperties? p) => Custom(("description", p?.Description), ("lifecyclestage", p?.LifecycleStage)))
                .Map(c => c.Id, CdmCatalog.Company.Id)
                .Map(c => c.Properties.Name, CdmCatalog.Company.CompanyName)
                .Map(c => c.Properties.Domain, CdmCatalog.Company.Domain)
                .Map(c => c.Properties.Industry, CdmCatalog.Company.Industry)
                .Map(c => c.Properties.NumberOfEmployees, CdmCatalog.Company.EmployeeCount,
                    (string? v) => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (long?)null,
                    (long? n) => n?.ToString(CultureInfo.InvariantCulture))
                .Map(c => c.Properties.AnnualRevenue, CdmCatalog.Company.AnnualRevenue, (string? v) => Decimal(v), (decimal? d) => d?.ToString(CultureInfo.InvariantCulture))
                .Map(c => c.Properties.Phone, CdmCatalog.Company.Phone)
                .Map(c => c.CreatedAt, CdmCatalog.Company.CreatedAt)
                .Map(c => c.UpdatedAt, CdmCatalog.Company.UpdatedAt), Json),
            Define.Entity<HubSpotDeal>("deal", CdmCatalog.Deal, e => e
                .Native("deals")
                .Id(d => d.Id)
                .UpdatedAt(d => d.UpdatedAt)
                .Supports(EntityOperations.List, "list_deals")
                .Supports(EntityOperations.Create, "create_deal")
                .Map(d => d.Id, CdmCatalog.Deal.Id)
                .Map(d => d.Properties.DealName, CdmCatalog.Deal.DealName)
                .Map(d => d.Properties.Amount, CdmCatalog.Deal.Amount, (string? v) => Decimal(v), (decimal? d) => d?.ToString(CultureInfo.InvariantCulture))
                .Map(d => d.Properties.CurrencyCode, CdmCatalog.Deal.Currency)
                .Map(d => d.Properties.DealStage, CdmCatalog.Deal.Stage)
                .Map(d => d.Properties.DealStage, CdmCatalog.Deal.Status, (string? stage) => stage switch
                {
                    "closedwon" => "won",
                    "closedlost" => "lost",
                    null => null,
                    _ => "open",
                })
                .Map(d => d.Properties.Pipeline, CdmCatalog.Deal.Pipeline)
                .Map(d => d.Properties.StageProbability, CdmCatalog.Deal.Probability, (string? v) => Decimal(v), (decimal? p) => p?.ToString(CultureInfo.InvariantCulture))
                .Map(d => d.Properties.CloseDate, CdmCatalog.Deal.CloseDate,
                    (string? v) => DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                    (string? date) => date is null ? null : date + "T00:00:00.000Z")
                .Map(d => d.Properties.OwnerId, CdmCatalog.Deal.OwnerId)
                .Map(d => d.Associations, CdmCatalog.Deal.CompanyId, (HubSpotDealAssociations? a) => a?.Companies?.Results.FirstOrDefault()?.Id)
                .Map(d => d.Associations, CdmCatalog.Deal.ContactIds, (HubSpotDealAssociations? a) => a?.Contacts is { } c ? c.Results.Select(r => r.Id).ToList() : null)
                .Map(d => d.CreatedAt, CdmCatalog.Deal.CreatedAt)
                .Map(d => d.UpdatedAt, CdmCatalog.Deal.UpdatedAt), Json),
        },
    };

    private static WebhookTriggerDefinition Webhook(string name, string description, IReadOnlyList<string> eventTypes) =>
        Define.WebhookTrigger(name, description, HubSpotWebhooks.Verify, HubSpotWebhooks.Extract, eventTypes);

    /// <summary>
    /// One page of contacts changed since the last poll, oldest change first. The cursor carries the since-time with the
    /// search's <c>after</c> (<c>{after}:{sinceMs}</c>), because every page of a search must repeat its filters.
    /// </summary>
    private static async Task<PollPage<HubSpotContact>> PollContactsAsync(PollRequest request, ConnectorContext ctx, CancellationToken ct)
    {
        string? after = null;
        long? sinceMs = request.Since?.ToUnixTimeMilliseconds();
        if (request.Cursor is { } cursor)
        {
            var parts = cursor.Split(':', 2);
            after = parts[0];
            sinceMs = parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : null;
        }

        var filters = sinceMs is { } since
            ? new object[] { new { filters = new[] { new { propertyName = "lastmodifieddate", @operator = "GTE", value = since.ToString(CultureInfo.InvariantCulture) } } } }
            : [];
        var body = new
        {
            filterGroups = filters,
            sorts = new[] { new { propertyName = "lastmodifieddate", direction = "ASCENDING" } },
            properties = HubSpotContactProperties.Names,
            limit = HubSpotApi.Limit(request.PageSize, 200, 100),
            after,
        };
        var page = await HubSpotApi.SendAsync<HubSpotPage<HubSpotContact>>(ctx, HttpMethod.Post, "crm/v3/objects/contacts/search", body, ct).ConfigureAwait(false);
        var next = page.Paging?.Next?.After is { } nextAfter
            ? nextAfter + (sinceMs is { } s ? ":" + s.ToString(CultureInfo.InvariantCulture) : "")
            : null;
        return new PollPage<HubSpotContact>(page.Results, next);
    }

    private static object SearchBody(SearchContactsInput input)
    {
        var filters = new List<object>();
        if (input.Email is { } email)
        {
            filters.Add(new { propertyName = "email", @operator = "EQ", value = email });
        }

        foreach (var f in input.Filters ?? [])
        {
            filters.Add(new { propertyName = f.PropertyName, @operator = f.Operator, value = f.Value, highValue = f.HighValue, values = f.Values });
        }

        var sort = input.Sort ?? "createdate";
        var descending = sort.StartsWith('-');
        return new
        {
            query = input.Query,
            filterGroups = filters.Count == 0 ? Array.Empty<object>() : [new { filters }],
            sorts = new[] { new { propertyName = descending ? sort[1..] : sort, direction = descending ? "DESCENDING" : "ASCENDING" } },
            properties = HubSpotContactProperties.Names,
            limit = HubSpotApi.Limit(input.Limit, 200),
            after = input.After,
        };
    }

    private static object DealBody(CreateDealInput input)
    {
        var associations = new List<object>();
        if (input.CompanyId is { } companyId)
        {
            // HubSpot-defined type 5: deal to primary company.
            associations.Add(new { to = new { id = companyId }, types = new[] { new { associationCategory = "HUBSPOT_DEFINED", associationTypeId = 5 } } });
        }

        if (input.ContactId is { } contactId)
        {
            // HubSpot-defined type 3: deal to contact.
            associations.Add(new { to = new { id = contactId }, types = new[] { new { associationCategory = "HUBSPOT_DEFINED", associationTypeId = 3 } } });
        }

        return new
        {
            properties = HubSpotApi.Properties(null, ("dealname", input.DealName), ("amount", input.Amount), ("deal_currency_code", input.CurrencyCode),
                ("dealstage", input.DealStage ?? "appointmentscheduled"), ("pipeline", input.Pipeline ?? "default"), ("closedate", input.CloseDate),
                ("hubspot_owner_id", input.OwnerId)),
            associations = associations.Count == 0 ? null : associations,
        };
    }

    private static decimal? Decimal(string? value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static JsonArray? Addresses(string type, string? line1, string? city, string? region, string? postalCode, string? country)
    {
        if (line1 is null && city is null && region is null && postalCode is null && country is null)
        {
            return null;
        }

        var address = new JsonObject { ["type"] = type };
        foreach (var (key, value) in new[] { ("line1", line1), ("city", city), ("region", region), ("postalCode", postalCode), ("country", country) })
        {
            if (value is not null)
            {
                address[key] = value;
            }
        }

        return [address];
    }

    private static (string? Line1, string? City, string? Region, string? PostalCode, string? Country)? FirstAddress(JsonArray? addresses)
    {
        if (addresses?.FirstOrDefault() is not JsonObject a)
        {
            return null;
        }

        static string? S(JsonNode? n) => n?.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null;
        return (S(a["line1"]), S(a["city"]), S(a["region"]), S(a["postalCode"]), S(a["country"]));
    }

    private static JsonObject? Custom(params (string Name, string? Value)[] values)
    {
        var custom = new JsonObject();
        foreach (var (name, value) in values)
        {
            if (value is not null)
            {
                custom[name] = value;
            }
        }

        return custom.Count == 0 ? null : custom;
    }
}
