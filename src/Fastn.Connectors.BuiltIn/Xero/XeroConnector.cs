using System.Globalization;
using System.Text;
using System.Text.Json;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.BuiltIn.Xero.Models;
using Fastn.Connectors.Capabilities;
using CdmCatalog = Fastn.Connectors.Cdm.Cdm;
using Fastn.Connectors.Entities;
using Fastn.Connectors.Http;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.Xero;

/// <summary>
/// Xero Accounting API 2.0: OAuth 2.0 with the organisation chosen after connect (<c>xero-tenant-id</c>), contacts,
/// invoices, accounts, items and the organisation; signed webhooks with intent-to-receive; modified-since polling;
/// contacts, invoices and items mapped to the CDM.
/// </summary>
[FastnConnector]
public static class XeroConnector
{
    /// <summary>The connector's name.</summary>
    public const string Name = "xero";

    /// <summary>The simulation's path segment under the sandbox.</summary>
    public const string SandboxName = "xero";

    /// <summary>The scopes requested at connect.</summary>
    public static IReadOnlyList<string> Scopes { get; } =
        ["offline_access", "accounting.transactions", "accounting.contacts", "accounting.settings", "openid", "profile", "email"];

    /// <summary>Xero's JSON is PascalCase exactly as the C# members are named (IDs spelled <c>ContactID</c>).</summary>
    public static JsonSerializerOptions Json { get; } = ConnectorJson.Create(null);

    /// <summary>The connector against Xero's real endpoints.</summary>
    public static ConnectorDefinition Definition { get; } = Build(new XeroEndpoints(
        Api: "https://api.xero.com/api.xro/2.0",
        Connections: "https://api.xero.com/connections",
        Authorize: "https://login.xero.com/identity/connect/authorize",
        Token: "https://identity.xero.com/connect/token",
        Revocation: "https://identity.xero.com/connect/revocation"));

    /// <summary>The connector against the simulation mounted at <c>{sandboxBaseUrl}/xero</c>.</summary>
    public static ConnectorDefinition Create(string sandboxBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(sandboxBaseUrl);
        var root = sandboxBaseUrl.TrimEnd('/') + "/" + SandboxName;
        return Build(new XeroEndpoints(
            Api: root + "/api.xro/2.0",
            Connections: root + "/connections",
            Authorize: root + "/identity/connect/authorize",
            Token: root + "/connect/token",
            Revocation: root + "/connect/revocation"));
    }

    private static ConnectorDefinition Build(XeroEndpoints urls)
    {
        var api = new XeroApi(urls.Connections);
        var contactPaths = new ValidationPaths(("email", "$.EmailAddress"), ("contact number", "$.ContactNumber"), ("account number", "$.AccountNumber"),
            ("tax number", "$.TaxNumber"), ("website", "$.Website"), ("currency", "$.DefaultCurrency"), ("name", "$.Name"));
        var invoicePaths = new ValidationPaths(("due date", "$.DueDate"), ("contact", "$.ContactID"), ("line item", "$.LineItems"),
            ("account code", "$.LineItems"), ("invoice number", "$.InvoiceNumber"), ("status", "$.Status"), ("currency", "$.CurrencyCode"),
            ("date", "$.Date"), ("type", "$.Type"));
        return new ConnectorDefinition
        {
            Name = Name,
            DisplayName = "Xero",
            Description = "Contacts, invoices, chart of accounts and items in Xero accounting (Accounting API 2.0).",
            Categories = ["accounting", "invoicing"],
            BaseUrl = urls.Api,
            DocumentationUrl = "https://developer.xero.com/documentation/api/accounting/overview",
            JsonOptions = Json,
            Auth = Auth.OAuth2(o =>
            {
                o.AuthorizationUrl = urls.Authorize;
                o.TokenUrl = urls.Token;
                o.RevocationUrl = urls.Revocation;
                o.Scopes = Scopes;
                o.Pkce = true;
                o.ClientAuthentication = OAuth2ClientAuthentication.BasicHeader;
                o.ConnectionParameters =
                [
                    new CredentialField(XeroApi.TenantParameter, "Organisation (tenant) id")
                    {
                        Required = false,
                        Help = "Optional. The Xero tenant id to use; when left empty the first organisation authorised on Xero's consent page is used.",
                    },
                ];
            }),
            Capabilities = new ConnectorCapabilities { TestAction = "get_organisation" },
            Actions =
            {
                Define.Action<GetOrganisationInput, XeroOrganisation>("get_organisation", "Get the Xero organisation the connection acts on.",
                    async (input, ctx, ct) =>
                    {
                        var result = await api.CallAsync<OrganisationsEnvelope>(ctx, HttpMethod.Get, "Organisation", input.XeroTenantId, ct);
                        return result.Organisations?.FirstOrDefault() ?? throw new UpstreamException(200, null, "Xero returned no organisation.");
                    },
                    ActionHints.Read("organisation") with
                    {
                        LlmDescription = "Get the connected Xero organisation: name, base currency, country, tax settings. Cheap; use it to check the connection.",
                    }, Json),
                Define.Action<ListContactsInput, XeroContactList>("list_contacts", "List contacts, 100 per page, optionally only those changed since a time.",
                    async (input, ctx, ct) =>
                    {
                        var page = Math.Max(input.Page ?? 1, 1);
                        var url = Query("Contacts", ("page", page.ToString(CultureInfo.InvariantCulture)), ("where", input.Where), ("order", input.Order),
                            ("includeArchived", input.IncludeArchived is true ? "true" : null));
                        var result = await api.CallAsync<ContactsEnvelope>(ctx, HttpMethod.Get, url, input.XeroTenantId, ct, modifiedSince: input.ModifiedSince);
                        var contacts = result.Contacts ?? [];
                        return new XeroContactList { Contacts = contacts, Page = page, NextPage = contacts.Count >= XeroApi.PageSize ? page + 1 : null };
                    },
                    ActionHints.Read("contacts") with
                    {
                        LlmDescription = "List Xero contacts (customers and suppliers), 100 per page. Pass NextPage back as Page for more; Where filters like EmailAddress==\"a@b.com\"; ModifiedSince returns only recent changes.",
                    }, Json),
                Define.Action<GetContactInput, XeroContact>("get_contact", "Get one contact by its ContactID.",
                    async (input, ctx, ct) => Single((await api.CallAsync<ContactsEnvelope>(ctx, HttpMethod.Get, ctx.Http.Path("Contacts/{contact_id}", input.ContactId), input.XeroTenantId, ct)).Contacts, "contact"),
                    ActionHints.Read("contacts") with { LlmDescription = "Get one Xero contact by ContactID, with addresses, phones and groups." }, Json),
                Define.Action<CreateContactInput, XeroContact>("create_contact", "Create a contact (customer or supplier).",
                    async (input, ctx, ct) =>
                    {
                        var body = new ContactsWrite([new ContactWrite
                        {
                            Name = input.Name, FirstName = input.FirstName, LastName = input.LastName, EmailAddress = input.EmailAddress,
                            ContactNumber = input.ContactNumber, AccountNumber = input.AccountNumber, TaxNumber = input.TaxNumber, Website = input.Website,
                            DefaultCurrency = input.DefaultCurrency, Addresses = input.Addresses, Phones = input.Phones,
                        }]);
                        var result = await api.CallAsync<ContactsEnvelope>(ctx, HttpMethod.Put, "Contacts", input.XeroTenantId, ct, body, paths: contactPaths);
                        return Single(result.Contacts, "contact");
                    },
                    ActionHints.Write("contacts") with { LlmDescription = "Create a Xero contact. Name is required and must be unique among active contacts." }, Json),
                Define.Action<UpdateContactInput, XeroContact>("update_contact", "Change fields of a contact; fields left out stay as they are.",
                    async (input, ctx, ct) =>
                    {
                        var body = new ContactsWrite([new ContactWrite
                        {
                            ContactId = input.ContactId, Name = input.Name, FirstName = input.FirstName, LastName = input.LastName,
                            EmailAddress = input.EmailAddress, ContactNumber = input.ContactNumber, AccountNumber = input.AccountNumber,
                            TaxNumber = input.TaxNumber, Website = input.Website, ContactStatus = input.ContactStatus, Addresses = input.Addresses, Phones = input.Phones,
                        }]);
                        var result = await api.CallAsync<ContactsEnvelope>(ctx, HttpMethod.Post, ctx.Http.Path("Contacts/{contact_id}", input.ContactId), input.XeroTenantId, ct,
                            body, paths: contactPaths, idempotent: true);
                        return Single(result.Contacts, "contact");
                    },
                    new ActionHints { Category = "contacts", Idempotent = true, Destructive = true, LlmDescription = "Update a Xero contact by ContactID; only the fields given change. ContactStatus ARCHIVED archives it." }, Json),
                Define.Action<ListInvoicesInput, XeroInvoiceList>("list_invoices", "List invoices and bills with their lines, 100 per page.",
                    async (input, ctx, ct) =>
                    {
                        var page = Math.Max(input.Page ?? 1, 1);
                        var url = Query("Invoices", ("page", page.ToString(CultureInfo.InvariantCulture)), ("where", input.Where), ("order", input.Order),
                            ("Statuses", Csv(input.Statuses)), ("ContactIDs", Csv(input.ContactIds)));
                        var result = await api.CallAsync<InvoicesEnvelope>(ctx, HttpMethod.Get, url, input.XeroTenantId, ct, modifiedSince: input.ModifiedSince);
                        var invoices = result.Invoices ?? [];
                        return new XeroInvoiceList { Invoices = invoices, Page = page, NextPage = invoices.Count >= XeroApi.PageSize ? page + 1 : null };
                    },
                    ActionHints.Read("invoices") with
                    {
                        LlmDescription = "List Xero invoices (ACCREC) and bills (ACCPAY), 100 per page with line items. Filter by Statuses, ContactIds, Where or ModifiedSince; pass NextPage back as Page.",
                    }, Json),
                Define.Action<GetInvoiceInput, XeroInvoice>("get_invoice", "Get one invoice by its InvoiceID.",
                    async (input, ctx, ct) => Single((await api.CallAsync<InvoicesEnvelope>(ctx, HttpMethod.Get, ctx.Http.Path("Invoices/{invoice_id}", input.InvoiceId), input.XeroTenantId, ct)).Invoices, "invoice"),
                    ActionHints.Read("invoices") with { LlmDescription = "Get one Xero invoice by InvoiceID, with lines, totals, amounts due and paid." }, Json),
                Define.Action<CreateInvoiceInput, XeroInvoice>("create_invoice", "Create a sales invoice (ACCREC) or bill (ACCPAY).",
                    async (input, ctx, ct) =>
                    {
                        var body = new InvoicesWrite([new InvoiceWrite
                        {
                            Type = input.Type ?? "ACCREC",
                            Contact = new ContactRef(input.ContactId),
                            LineItems = [.. input.LineItems.Select(l => new LineItemWrite
                            {
                                Description = l.Description, Quantity = l.Quantity ?? 1, UnitAmount = l.UnitAmount, ItemCode = l.ItemCode,
                                AccountCode = l.AccountCode, TaxType = l.TaxType, DiscountRate = l.DiscountRate,
                            })],
                            Date = IsoDate(input.Date),
                            DueDate = IsoDate(input.DueDate),
                            InvoiceNumber = input.InvoiceNumber,
                            Reference = input.Reference,
                            Status = input.Status,
                            LineAmountTypes = input.LineAmountTypes,
                            CurrencyCode = input.CurrencyCode,
                        }]);
                        var result = await api.CallAsync<InvoicesEnvelope>(ctx, HttpMethod.Put, "Invoices", input.XeroTenantId, ct, body, paths: invoicePaths);
                        return Single(result.Invoices, "invoice");
                    },
                    ActionHints.Write("invoices") with
                    {
                        LlmDescription = "Create a Xero invoice for a ContactID with line items (Description, Quantity, UnitAmount, AccountCode). Status DRAFT by default; AUTHORISED needs a DueDate.",
                    }, Json),
                Define.Action<ListAccountsInput, XeroAccountList>("list_accounts", "List the chart of accounts.",
                    async (input, ctx, ct) =>
                    {
                        var result = await api.CallAsync<AccountsEnvelope>(ctx, HttpMethod.Get, Query("Accounts", ("where", input.Where), ("order", input.Order)), input.XeroTenantId, ct);
                        return new XeroAccountList { Accounts = result.Accounts ?? [] };
                    },
                    ActionHints.Read("accounts") with { LlmDescription = "List the Xero chart of accounts (codes such as 200 Sales), to pick AccountCode for invoice lines." }, Json),
                Define.Action<ListItemsInput, XeroItemList>("list_items", "List the products and services kept as items.",
                    async (input, ctx, ct) =>
                    {
                        var result = await api.CallAsync<ItemsEnvelope>(ctx, HttpMethod.Get, Query("Items", ("where", input.Where), ("order", input.Order)), input.XeroTenantId, ct,
                            modifiedSince: input.ModifiedSince);
                        return new XeroItemList { Items = result.Items ?? [] };
                    },
                    ActionHints.Read("items") with { LlmDescription = "List Xero items (products and services) with codes, sales and purchase prices and stock on hand." }, Json),
            },
            Triggers =
            {
                Define.WebhookTrigger("contact_event", "Xero sent a CONTACT.CREATE or CONTACT.UPDATE webhook event.",
                    XeroWebhooks.Verify, XeroWebhooks.Extract, ["CONTACT.CREATE", "CONTACT.UPDATE"]),
                Define.WebhookTrigger("invoice_event", "Xero sent an INVOICE.CREATE or INVOICE.UPDATE webhook event.",
                    XeroWebhooks.Verify, XeroWebhooks.Extract, ["INVOICE.CREATE", "INVOICE.UPDATE"]),
                Define.PollTrigger<XeroContact>("contact_changed", "A contact was created or updated (polled with If-Modified-Since).",
                    (request, ctx, ct) => PollAsync(api, "Contacts", request, ctx, ct, (ContactsEnvelope e) => e.Contacts, c => c.UpdatedDateUtc),
                    c => c.ContactId, TimeSpan.FromMinutes(5), json: Json),
                Define.PollTrigger<XeroInvoice>("invoice_changed", "An invoice or bill was created or updated (polled with If-Modified-Since).",
                    (request, ctx, ct) => PollAsync(api, "Invoices", request, ctx, ct, (InvoicesEnvelope e) => e.Invoices, i => i.UpdatedDateUtc),
                    i => i.InvoiceId, TimeSpan.FromMinutes(5), json: Json),
            },
            Entities =
            {
                Define.Entity<XeroContact>("contact", CdmCatalog.Contact, e => e
                    .Native("Contact")
                    .Id(c => c.ContactId)
                    .UpdatedAt(c => c.UpdatedDateUtc)
                    // Xero pages hold 100 contacts whatever the limit asks.
                    .ListedBy<ListContactsInput, XeroContactList>("list_contacts",
                        _ => new ListContactsInput { Page = 1 },
                        page => page.Contacts,
                        (input, page) => page.NextPage is { } next ? input with { Page = next } : null)
                    .Supports(EntityOperations.Get, "get_contact")
                    // Xero requires a contact name: the company's, else the person's, else the e-mail address.
                    .CreatedBy<CreateContactInput, XeroContact>("create_contact", c => new CreateContactInput
                    {
                        Name = c.Get<string>(CdmCatalog.Contact.Company)
                            ?? (string.Join(' ', new[] { c.Get<string>(CdmCatalog.Contact.FirstName), c.Get<string>(CdmCatalog.Contact.LastName) }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } n ? n : null)
                            ?? c.Get<string>(CdmCatalog.Contact.Email) ?? "Unnamed contact",
                        FirstName = c.Get<string>(CdmCatalog.Contact.FirstName),
                        LastName = c.Get<string>(CdmCatalog.Contact.LastName),
                        EmailAddress = c.Get<string>(CdmCatalog.Contact.Email),
                    })
                    .UpdatedBy<UpdateContactInput, XeroContact>("update_contact", (id, c) => new UpdateContactInput
                    {
                        ContactId = id,
                        FirstName = c.Get<string>(CdmCatalog.Contact.FirstName),
                        LastName = c.Get<string>(CdmCatalog.Contact.LastName),
                        EmailAddress = c.Get<string>(CdmCatalog.Contact.Email),
                    })
                    .Map(c => c.ContactId, CdmCatalog.Contact.Id)
                    .Map(c => c.EmailAddress, CdmCatalog.Contact.Email)
                    .Map(c => c.FirstName, CdmCatalog.Contact.FirstName)
                    .Map(c => c.LastName, CdmCatalog.Contact.LastName)
                    .Map(c => c.Name, CdmCatalog.Contact.Company)
                    .Map(c => c.Phones, CdmCatalog.Contact.Phone, XeroCdm.Phone, XeroCdm.Phones)
                    .Map(c => c.Addresses, CdmCatalog.Contact.Addresses, XeroCdm.Addresses, XeroCdm.Addresses)
                    .Map(c => c.ContactGroups, CdmCatalog.Contact.Tags, XeroCdm.Tags)
                    .Map(c => c.UpdatedDateUtc, CdmCatalog.Contact.UpdatedAt, XeroDate.Parse), Json),
                Define.Entity<XeroInvoice>("invoice", CdmCatalog.Invoice, e => e
                    .Native("Invoice")
                    .Id(i => i.InvoiceId)
                    .UpdatedAt(i => i.UpdatedDateUtc)
                    .Supports(EntityOperations.List, "list_invoices")
                    .Supports(EntityOperations.Get, "get_invoice")
                    .Supports(EntityOperations.Create, "create_invoice")
                    .Map(i => i.InvoiceId, CdmCatalog.Invoice.Id)
                    .Map(i => i.InvoiceNumber, CdmCatalog.Invoice.Number)
                    .Map(i => i.Contact!.ContactId, CdmCatalog.Invoice.CustomerId)
                    .Map(i => i.Status, CdmCatalog.Invoice.Status, XeroCdm.Status, XeroCdm.StatusFromCdm)
                    .Map(i => i.CurrencyCode, CdmCatalog.Invoice.Currency)
                    .Map(i => i.LineItems, CdmCatalog.Invoice.LineItems, XeroCdm.Lines, XeroCdm.Lines)
                    .Map(i => i.SubTotal, CdmCatalog.Invoice.Subtotal)
                    .Map(i => i.TotalTax, CdmCatalog.Invoice.Tax)
                    .Map(i => i.Total, CdmCatalog.Invoice.Total)
                    .Map(i => i.AmountDue, CdmCatalog.Invoice.AmountDue)
                    .Map(i => i.AmountPaid, CdmCatalog.Invoice.AmountPaid)
                    .Map(i => i.Date, CdmCatalog.Invoice.IssueDate, XeroDate.ParseDate, d => IsoDate(d))
                    .Map(i => i.DueDate, CdmCatalog.Invoice.DueDate, XeroDate.ParseDate, d => IsoDate(d))
                    .Map(i => i.UpdatedDateUtc, CdmCatalog.Invoice.UpdatedAt, XeroDate.Parse), Json),
                Define.Entity<XeroItem>("item", CdmCatalog.Product, e => e
                    .Native("Item")
                    .Id(i => i.ItemId)
                    .UpdatedAt(i => i.UpdatedDateUtc)
                    .Supports(EntityOperations.List, "list_items")
                    .Map(i => i.ItemId, CdmCatalog.Product.Id)
                    .Map(i => i.Name, CdmCatalog.Product.ProductName)
                    .Map(i => i.Code, CdmCatalog.Product.Sku)
                    .Map(i => i.Description, CdmCatalog.Product.ProductDescription)
                    .Map(i => i.SalesDetails, CdmCatalog.Product.Variants,
                        s => s?.UnitPrice is { } price ? (IReadOnlyList<CdmVariantValue>)[new CdmVariantValue { Price = price }] : null)
                    .Map(i => i.QuantityOnHand, CdmCatalog.Product.Inventory, q => q is { } n ? (long?)decimal.ToInt64(decimal.Truncate(n)) : null)
                    .Map(i => i.UpdatedDateUtc, CdmCatalog.Product.UpdatedAt, XeroDate.Parse), Json),
            },
        };
    }

    /// <summary>
    /// One page of a modified-since poll. The cursor is the last <c>UpdatedDateUTC</c> seen (ISO 8601), optionally
    /// with <c>#page</c> when a full page of records shares one timestamp; records at the boundary are fetched twice
    /// and de-duplicated by the engine's record hashes.
    /// </summary>
    private static async Task<PollPage<T>> PollAsync<T, TEnvelope>(XeroApi api, string collection, PollRequest request, ConnectorContext ctx,
        CancellationToken ct, Func<TEnvelope, IReadOnlyList<T>?> records, Func<T, string?> updated)
    {
        var (since, page) = ParseCursor(request.Cursor, request.Since);
        var url = Query(collection, ("page", page.ToString(CultureInfo.InvariantCulture)), ("order", "UpdatedDateUTC ASC"));
        var envelope = await api.CallAsync<TEnvelope>(ctx, HttpMethod.Get, url, null, ct, modifiedSince: since);
        var list = records(envelope) ?? [];
        if (list.Count < XeroApi.PageSize)
        {
            return new PollPage<T>(list, null);
        }

        var last = list.Select(r => XeroDate.Parse(updated(r))).Max();
        var next = last is { } l && (since is null || l.AddSeconds(-1) > since)
            ? Cursor(l.AddSeconds(-1), 1)
            : Cursor(since, page + 1);
        return new PollPage<T>(list, next);
    }

    private static (DateTimeOffset? Since, int Page) ParseCursor(string? cursor, DateTimeOffset? fallback)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return (fallback, 1);
        }

        var parts = cursor.Split('#', 2);
        DateTimeOffset? since = parts[0].Length == 0 ? null
            : DateTimeOffset.Parse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        var page = parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 1;
        return (since, page);
    }

    private static string Cursor(DateTimeOffset? since, int page)
    {
        var text = since?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
        return page == 1 ? text : text + "#" + page.ToString(CultureInfo.InvariantCulture);
    }

    private static T Single<T>(IReadOnlyList<T>? records, string what) =>
        records is { Count: > 0 } ? records[0] : throw new UpstreamException(404, null, $"Xero returned no {what}.");

    private static string? Csv(IReadOnlyList<string>? values) => values is { Count: > 0 } ? string.Join(',', values) : null;

    private static string? IsoDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Query(string path, params (string Name, string? Value)[] parameters)
    {
        var builder = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return builder.ToString();
    }

    private sealed record XeroEndpoints(string Api, string Connections, string Authorize, string Token, string Revocation);
}
