using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.BuiltIn.QuickBooks.Models;
using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Entities;
using Fastn.Connectors.Http;
using Fastn.Connectors.Triggers;
using CdmCatalog = Fastn.Connectors.Cdm.Cdm;

namespace Fastn.Connectors.BuiltIn.QuickBooks;

/// <summary>
/// QuickBooks Online Accounting API v3 (minorversion 75): Intuit OAuth 2.0 with the company chosen on the consent page
/// (<c>realmId</c> on the callback), customers, invoices, payments and items through the entity and query endpoints,
/// <c>intuit-signature</c> webhooks, LastUpdatedTime polling, and customers, invoices, payments and items mapped to the CDM.
/// </summary>
[FastnConnector]
public static class QuickBooksConnector
{
    /// <summary>The connector's name.</summary>
    public const string Name = "quickbooks";

    /// <summary>The simulation's path segment under the sandbox.</summary>
    public const string SandboxName = "quickbooks";

    /// <summary>The connection metadata entry holding the company id (from the OAuth callback).</summary>
    public const string RealmIdParameter = "realmId";

    /// <summary>The OAuth scope requested.</summary>
    public static IReadOnlyList<string> Scopes { get; } = ["com.intuit.quickbooks.accounting"];

    /// <summary>QuickBooks' JSON is PascalCase exactly as the C# members are named.</summary>
    public static JsonSerializerOptions Json { get; } = ConnectorJson.Create(null);

    /// <summary>The connector against Intuit's production endpoints.</summary>
    public static ConnectorDefinition Definition { get; } = Build(
        "https://quickbooks.api.intuit.com/v3/company/{realmId}",
        "https://appcenter.intuit.com/connect/oauth2",
        "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer",
        "https://developer.api.intuit.com/v2/oauth2/tokens/revoke");

    /// <summary>The connector against the simulation mounted at <c>{sandboxBaseUrl}/quickbooks</c>.</summary>
    public static ConnectorDefinition Create(string sandboxBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(sandboxBaseUrl);
        var root = sandboxBaseUrl.TrimEnd('/') + "/" + SandboxName;
        return Build(root + "/v3/company/{realmId}", root + "/connect/oauth2", root + "/oauth2/v1/tokens/bearer", root + "/v2/oauth2/tokens/revoke");
    }

    private static ConnectorDefinition Build(string apiBaseUrl, string authorizeUrl, string tokenUrl, string revokeUrl) => new()
    {
        Name = Name,
        DisplayName = "QuickBooks Online",
        Description = "Customers, invoices, payments and items in QuickBooks Online (Accounting API v3, minorversion 75).",
        Categories = ["accounting", "invoicing"],
        BaseUrl = apiBaseUrl,
        DocumentationUrl = "https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/customer",
        JsonOptions = Json,
        Auth = Auth.OAuth2(o =>
        {
            o.AuthorizationUrl = authorizeUrl;
            o.TokenUrl = tokenUrl;
            o.RevocationUrl = revokeUrl;
            o.Scopes = [.. Scopes];
            o.Pkce = false;
            o.ClientAuthentication = OAuth2ClientAuthentication.BasicHeader;
            // Access tokens live an hour; every refresh returns a new refresh token (rotation).
            o.SupportsRefresh = true;
            o.CallbackParameters = [RealmIdParameter];
        }),
        Capabilities = new ConnectorCapabilities { TestAction = "get_company_info", RequestsPerSecond = 8, Burst = 40 },
        Actions =
        {
            Define.Action<QuickBooksEmptyInput, QuickBooksCompanyInfo>("get_company_info", "Get the connected QuickBooks company.",
                (_, ctx, ct) => QuickBooksApi.GetAsync<QuickBooksCompanyInfo>(ctx, "CompanyInfo", ctx.Http.Path("companyinfo/{realm_id}", RealmId(ctx)), ct),
                ActionHints.Read("company") with { LlmDescription = "Get the connected QuickBooks company's name, address, country and fiscal year. Cheap; use it to check the connection." }, Json),
            Define.Action<QueryCustomersInput, QuickBooksPage<QuickBooksCustomer>>("query_customers", "Query customers, optionally by name or changed since a time.",
                (input, ctx, ct) => QuickBooksApi.QueryAsync<QuickBooksCustomer>(ctx, "Customer", CustomerConditions(input), "Metadata.LastUpdatedTime", input.StartPosition, input.MaxResults, ct),
                ActionHints.Read("customers") with { LlmDescription = "List QuickBooks customers (name, e-mail, phone, billing address, balance), oldest change first. Filter by DisplayName, NameStartsWith, UpdatedSince; pass NextStartPosition back as StartPosition for more." }, Json),
            Define.Action<GetCustomerInput, QuickBooksCustomer>("get_customer", "Get one customer by Id.",
                (input, ctx, ct) => QuickBooksApi.GetAsync<QuickBooksCustomer>(ctx, "Customer", ctx.Http.Path("customer/{customer_id}", input.CustomerId), ct),
                ActionHints.Read("customers") with { LlmDescription = "Get a QuickBooks customer by Id, including its SyncToken needed to update it." }, Json),
            Define.Action<CreateCustomerInput, QuickBooksCustomer>("create_customer", "Create a customer.",
                (input, ctx, ct) => QuickBooksApi.PostAsync<QuickBooksCustomer>(ctx, "Customer", "customer", CustomerBody(input.DisplayName, input.GivenName, input.FamilyName,
                    input.CompanyName, input.Email, input.Phone, input.BillAddr, input.Notes, null), ct),
                ActionHints.Write("customers") with { LlmDescription = "Create a QuickBooks customer. DisplayName is required and must be unique (a duplicate fails with Duplicate Name Exists Error)." }, Json),
            Define.Action<UpdateCustomerInput, QuickBooksCustomer>("update_customer", "Change fields of a customer (sparse update with Id and SyncToken).",
                (input, ctx, ct) =>
                {
                    var body = CustomerBody(input.DisplayName, input.GivenName, input.FamilyName, input.CompanyName, input.Email, input.Phone, input.BillAddr, input.Notes, input.Active);
                    body["Id"] = input.CustomerId;
                    body["SyncToken"] = input.SyncToken;
                    body["sparse"] = true;
                    return QuickBooksApi.PostAsync<QuickBooksCustomer>(ctx, "Customer", "customer", body, ct);
                },
                new ActionHints { Category = "customers", Destructive = true, Idempotent = false, LlmDescription = "Update a QuickBooks customer by Id; only the fields given change. Needs the current SyncToken (from get_customer); Active=false deactivates it." }, Json),
            Define.Action<CreateInvoiceInput, QuickBooksInvoice>("create_invoice", "Create an invoice for a customer.",
                (input, ctx, ct) => QuickBooksApi.PostAsync<QuickBooksInvoice>(ctx, "Invoice", "invoice", InvoiceBody(input), ct),
                ActionHints.Write("invoices") with { LlmDescription = "Create a QuickBooks invoice for a customer Id with lines (Amount, optional ItemId, Qty, UnitPrice, Description), optional dates and DocNumber." }, Json),
            Define.Action<GetInvoiceInput, QuickBooksInvoice>("get_invoice", "Get one invoice by Id.",
                (input, ctx, ct) => QuickBooksApi.GetAsync<QuickBooksInvoice>(ctx, "Invoice", ctx.Http.Path("invoice/{invoice_id}", input.InvoiceId), ct),
                ActionHints.Read("invoices") with { LlmDescription = "Get a QuickBooks invoice by Id with its lines, total, balance and dates." }, Json),
            Define.Action<QueryInvoicesInput, QuickBooksPage<QuickBooksInvoice>>("query_invoices", "Query invoices, optionally by customer, open balance or change time.",
                (input, ctx, ct) => QuickBooksApi.QueryAsync<QuickBooksInvoice>(ctx, "Invoice", InvoiceConditions(input), "Metadata.LastUpdatedTime", input.StartPosition, input.MaxResults, ct),
                ActionHints.Read("invoices") with { LlmDescription = "List QuickBooks invoices oldest change first. Filter by CustomerId, UnpaidOnly, UpdatedSince; pass NextStartPosition back as StartPosition for more." }, Json),
            Define.Action<CreatePaymentInput, QuickBooksPayment>("create_payment", "Record a customer payment, optionally applied to an invoice.",
                (input, ctx, ct) => QuickBooksApi.PostAsync<QuickBooksPayment>(ctx, "Payment", "payment", PaymentBody(input), ct),
                ActionHints.Write("payments") with { LlmDescription = "Record a payment received from a QuickBooks customer; with InvoiceId the whole amount is applied to that invoice and lowers its balance." }, Json),
            Define.Action<QueryItemsInput, QuickBooksPage<QuickBooksItem>>("query_items", "Query items (products and services).",
                (input, ctx, ct) => QuickBooksApi.QueryAsync<QuickBooksItem>(ctx, "Item", ItemConditions(input), "Metadata.LastUpdatedTime", input.StartPosition, input.MaxResults, ct),
                ActionHints.Read("items") with { LlmDescription = "List QuickBooks items (products and services) with price, SKU, type and quantity on hand, to pick ItemId for invoice lines." }, Json),
        },
        Triggers =
        {
            Define.WebhookTrigger("data_change", "QuickBooks sent a data change notification (Customer, Invoice, Payment, Item … Create/Update/Delete/Merge/Void).",
                QuickBooksWebhooks.Verify, QuickBooksWebhooks.Extract,
                ["Customer.Create", "Customer.Update", "Customer.Merge", "Customer.Delete", "Invoice.Create", "Invoice.Update", "Invoice.Delete", "Invoice.Void",
                 "Payment.Create", "Payment.Update", "Payment.Delete", "Payment.Void", "Item.Create", "Item.Update", "Item.Delete"]),
            Define.PollTrigger<QuickBooksCustomer>("customer_changed", "A customer was created or updated (polled by Metadata.LastUpdatedTime).",
                (request, ctx, ct) => PollAsync<QuickBooksCustomer>("Customer", request, ctx, ct, c => c.MetaData?.LastUpdatedTime),
                c => c.Id ?? "", TimeSpan.FromMinutes(5), json: Json),
            Define.PollTrigger<QuickBooksInvoice>("invoice_changed", "An invoice was created or updated (polled by Metadata.LastUpdatedTime).",
                (request, ctx, ct) => PollAsync<QuickBooksInvoice>("Invoice", request, ctx, ct, i => i.MetaData?.LastUpdatedTime),
                i => i.Id ?? "", TimeSpan.FromMinutes(5), json: Json),
        },
        Entities =
        {
            Define.Entity<QuickBooksCustomer>("customer", CdmCatalog.Contact, e => e
                .Native("Customer")
                .Id(c => c.Id)
                .UpdatedAt(c => c.MetaData!.LastUpdatedTime)
                .ListedBy<QueryCustomersInput, QuickBooksPage<QuickBooksCustomer>>("query_customers",
                    request => new QueryCustomersInput { MaxResults = request.Limit },
                    page => page.Records,
                    (input, page) => page.NextStartPosition is { } next ? input with { StartPosition = next } : null)
                .Supports(EntityOperations.Get, "get_customer")
                .Supports(EntityOperations.Create, "create_customer")
                .Supports(EntityOperations.Update, "update_customer")
                .Map(c => c.Id, CdmCatalog.Contact.Id)
                .Map(c => c.PrimaryEmailAddr!.Address, CdmCatalog.Contact.Email)
                .Map(c => c.GivenName, CdmCatalog.Contact.FirstName)
                .Map(c => c.FamilyName, CdmCatalog.Contact.LastName)
                .Map(c => c.CompanyName, CdmCatalog.Contact.Company)
                .Map(c => c.PrimaryPhone!.FreeFormNumber, CdmCatalog.Contact.Phone)
                .Map(c => c.BillAddr, CdmCatalog.Contact.Addresses, (QuickBooksAddress? a) => Addresses(a), (JsonArray? a) => FromAddresses(a))
                .Map(c => c.DisplayName, CdmCatalog.Contact.CustomFields, (string? name) => name is null ? null : new JsonObject { ["DisplayName"] = name })
                .Map(c => c.MetaData!.CreateTime, CdmCatalog.Contact.CreatedAt)
                .Map(c => c.MetaData!.LastUpdatedTime, CdmCatalog.Contact.UpdatedAt), Json),
            Define.Entity<QuickBooksInvoice>("invoice", CdmCatalog.Invoice, e => e
                .Native("Invoice")
                .Id(i => i.Id)
                .UpdatedAt(i => i.MetaData!.LastUpdatedTime)
                .Supports(EntityOperations.List, "query_invoices")
                .Supports(EntityOperations.Get, "get_invoice")
                .Supports(EntityOperations.Create, "create_invoice")
                .Map(i => i.Id, CdmCatalog.Invoice.Id)
                .Map(i => i.DocNumber, CdmCatalog.Invoice.Number)
                .Map(i => i.CustomerRef!.Value, CdmCatalog.Invoice.CustomerId)
                .Map(i => i.Balance, CdmCatalog.Invoice.Status, (decimal? balance) => balance is null ? null : balance == 0 ? "paid" : "open")
                .Map(i => i.CurrencyRef!.Value, CdmCatalog.Invoice.Currency)
                .Map(i => i.Line, CdmCatalog.Invoice.LineItems, (IReadOnlyList<QuickBooksLine>? lines) => Lines(lines))
                .Map(i => i.Line, CdmCatalog.Invoice.Subtotal, (IReadOnlyList<QuickBooksLine>? lines) => Subtotal(lines))
                .Map(i => i.TxnTaxDetail!.TotalTax, CdmCatalog.Invoice.Tax)
                .Map(i => i.TotalAmt, CdmCatalog.Invoice.Total)
                .Map(i => i.Balance, CdmCatalog.Invoice.AmountDue)
                .Map(i => i.TxnDate, CdmCatalog.Invoice.IssueDate)
                .Map(i => i.DueDate, CdmCatalog.Invoice.DueDate)
                .Map(i => i.MetaData!.CreateTime, CdmCatalog.Invoice.CreatedAt)
                .Map(i => i.MetaData!.LastUpdatedTime, CdmCatalog.Invoice.UpdatedAt), Json),
            Define.Entity<QuickBooksPayment>("payment", CdmCatalog.Payment, e => e
                .Native("Payment")
                .Id(p => p.Id)
                .UpdatedAt(p => p.MetaData!.LastUpdatedTime)
                .Supports(EntityOperations.Create, "create_payment")
                .Map(p => p.Id, CdmCatalog.Payment.Id)
                .Map(p => p.TotalAmt, CdmCatalog.Payment.Amount)
                .Map(p => p.CurrencyRef!.Value, CdmCatalog.Payment.Currency)
                // A recorded QuickBooks payment is money received.
                .Map(p => p.Id, CdmCatalog.Payment.Status, (string? id) => id is null ? null : "succeeded")
                .Map(p => p.PaymentMethodRef!.Name, CdmCatalog.Payment.Method)
                .Map(p => p.CustomerRef!.Value, CdmCatalog.Payment.CustomerId)
                .Map(p => p.Line, CdmCatalog.Payment.InvoiceId, (IReadOnlyList<QuickBooksPaymentLine>? lines) =>
                    lines?.SelectMany(l => l.LinkedTxn ?? []).FirstOrDefault(t => t.TxnType == "Invoice")?.TxnId)
                .Map(p => p.PrivateNote, CdmCatalog.Payment.PaymentDescription)
                .Map(p => p.MetaData!.CreateTime, CdmCatalog.Payment.CreatedAt)
                .Map(p => p.MetaData!.LastUpdatedTime, CdmCatalog.Payment.UpdatedAt), Json),
            Define.Entity<QuickBooksItem>("item", CdmCatalog.Product, e => e
                .Native("Item")
                .Id(i => i.Id)
                .UpdatedAt(i => i.MetaData!.LastUpdatedTime)
                .Supports(EntityOperations.List, "query_items")
                .Map(i => i.Id, CdmCatalog.Product.Id)
                .Map(i => i.Name, CdmCatalog.Product.ProductName)
                .Map(i => i.Sku, CdmCatalog.Product.Sku)
                .Map(i => i.Description, CdmCatalog.Product.ProductDescription)
                .Map(i => i.UnitPrice, CdmCatalog.Product.Variants, (decimal? price) => price is { } p ? new JsonArray(new JsonObject { ["price"] = p }) : null)
                .Map(i => i.Type, CdmCatalog.Product.Category)
                .Map(i => i.Active, CdmCatalog.Product.Status, (bool? active) => active is null ? null : active.Value ? "active" : "archived")
                .Map(i => i.QtyOnHand, CdmCatalog.Product.Inventory, (decimal? q) => q is { } n ? (long?)decimal.ToInt64(decimal.Truncate(n)) : null)
                .Map(i => i.MetaData!.CreateTime, CdmCatalog.Product.CreatedAt)
                .Map(i => i.MetaData!.LastUpdatedTime, CdmCatalog.Product.UpdatedAt), Json),
        },
    };

    /// <summary>The company id of the connection (kept from the OAuth callback's <c>realmId</c>).</summary>
    private static string RealmId(ConnectorContext ctx) =>
        ctx.Auth.Find(RealmIdParameter) is { Length: > 0 } realm ? realm
        : throw new AuthRequiredException("The QuickBooks connection has no company (realmId). Connect again and pick a company on Intuit's consent page.");

    private static List<string> CustomerConditions(QueryCustomersInput input)
    {
        var conditions = Common(input);
        if (input.DisplayName is { } name)
        {
            conditions.Add("DisplayName = " + QuickBooksApi.Literal(name));
        }

        if (input.NameStartsWith is { } prefix)
        {
            conditions.Add("DisplayName LIKE " + QuickBooksApi.Literal(prefix + "%"));
        }

        if (input.Active is { } active)
        {
            conditions.Add("Active = " + (active ? "true" : "false"));
        }

        return conditions;
    }

    private static List<string> InvoiceConditions(QueryInvoicesInput input)
    {
        var conditions = Common(input);
        if (input.CustomerId is { } customer)
        {
            conditions.Add("CustomerRef = " + QuickBooksApi.Literal(customer));
        }

        if (input.UnpaidOnly is true)
        {
            conditions.Add("Balance > '0'");
        }

        return conditions;
    }

    private static List<string> ItemConditions(QueryItemsInput input)
    {
        var conditions = Common(input);
        if (input.Name is { } name)
        {
            conditions.Add("Name = " + QuickBooksApi.Literal(name));
        }

        if (input.Type is { } type)
        {
            conditions.Add("Type = " + QuickBooksApi.Literal(type));
        }

        return conditions;
    }

    private static List<string> Common(QuickBooksQueryInput input) =>
        input.UpdatedSince is { } since ? ["Metadata.LastUpdatedTime >= " + QuickBooksApi.Literal(since)] : [];

    private static JsonObject CustomerBody(string? displayName, string? givenName, string? familyName, string? companyName, string? email, string? phone,
        QuickBooksAddress? billAddr, string? notes, bool? active)
    {
        var body = new JsonObject();
        Set(body, "DisplayName", displayName);
        Set(body, "GivenName", givenName);
        Set(body, "FamilyName", familyName);
        Set(body, "CompanyName", companyName);
        Set(body, "Notes", notes);
        if (email is not null)
        {
            body["PrimaryEmailAddr"] = new JsonObject { ["Address"] = email };
        }

        if (phone is not null)
        {
            body["PrimaryPhone"] = new JsonObject { ["FreeFormNumber"] = phone };
        }

        if (billAddr is not null)
        {
            body["BillAddr"] = JsonSerializer.SerializeToNode(billAddr with { Id = null }, Json);
        }

        if (active is { } a)
        {
            body["Active"] = a;
        }

        return body;
    }

    private static JsonObject InvoiceBody(CreateInvoiceInput input)
    {
        var lines = new JsonArray();
        foreach (var line in input.Lines)
        {
            var detail = new JsonObject { ["ItemRef"] = new JsonObject { ["value"] = line.ItemId ?? "1" } };
            if (line.Qty is { } qty)
            {
                detail["Qty"] = qty;
            }

            if (line.UnitPrice is { } price)
            {
                detail["UnitPrice"] = price;
            }

            var node = new JsonObject { ["Amount"] = line.Amount, ["DetailType"] = "SalesItemLineDetail", ["SalesItemLineDetail"] = detail };
            Set(node, "Description", line.Description);
            lines.Add(node);
        }

        var body = new JsonObject { ["CustomerRef"] = new JsonObject { ["value"] = input.CustomerId }, ["Line"] = lines };
        Set(body, "TxnDate", Date(input.TxnDate));
        Set(body, "DueDate", Date(input.DueDate));
        Set(body, "DocNumber", input.DocNumber);
        Set(body, "PrivateNote", input.PrivateNote);
        if (input.BillEmail is { } email)
        {
            body["BillEmail"] = new JsonObject { ["Address"] = email };
        }

        return body;
    }

    private static JsonObject PaymentBody(CreatePaymentInput input)
    {
        var body = new JsonObject { ["TotalAmt"] = input.TotalAmt, ["CustomerRef"] = new JsonObject { ["value"] = input.CustomerId } };
        if (input.InvoiceId is { } invoice)
        {
            body["Line"] = new JsonArray(new JsonObject
            {
                ["Amount"] = input.TotalAmt,
                ["LinkedTxn"] = new JsonArray(new JsonObject { ["TxnId"] = invoice, ["TxnType"] = "Invoice" }),
            });
        }

        Set(body, "TxnDate", Date(input.TxnDate));
        Set(body, "PaymentRefNum", input.PaymentRefNum);
        Set(body, "PrivateNote", input.PrivateNote);
        return body;
    }

    /// <summary>
    /// One page of a LastUpdatedTime poll. The cursor is <c>{last LastUpdatedTime seen}|{STARTPOSITION}</c>: after a full
    /// page it moves to the newest time seen (records at that instant come again and are de-duplicated by their hashes),
    /// or, when the whole page shares the since-time, to the next start position.
    /// </summary>
    private static async Task<PollPage<T>> PollAsync<T>(string entity, PollRequest request, ConnectorContext ctx, CancellationToken ct, Func<T, DateTimeOffset?> updated)
    {
        var (since, start) = ParseCursor(request.Cursor, request.Since);
        var size = Math.Clamp(request.PageSize, 1, QuickBooksApi.MaxPageSize);
        List<string> conditions = since is { } s ? ["Metadata.LastUpdatedTime >= " + QuickBooksApi.Literal(s)] : [];
        var page = await QuickBooksApi.QueryAsync<T>(ctx, entity, conditions, "Metadata.LastUpdatedTime", start, size, ct).ConfigureAwait(false);
        if (page.Records.Count < size)
        {
            return new PollPage<T>(page.Records, null);
        }

        var last = page.Records.Select(updated).Max();
        var next = last is { } l && (since is null || l > since) ? Cursor(l, 1) : Cursor(since, start + page.Records.Count);
        return new PollPage<T>(page.Records, next);
    }

    private static (DateTimeOffset? Since, int Start) ParseCursor(string? cursor, DateTimeOffset? fallback)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return (fallback, 1);
        }

        var parts = cursor.Split('|', 2);
        DateTimeOffset? since = parts[0].Length == 0 ? null : DateTimeOffset.Parse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var start = parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        return (since, start);
    }

    private static string Cursor(DateTimeOffset? since, int start) =>
        (since?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) ?? "") + "|" + start.ToString(CultureInfo.InvariantCulture);

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Set(JsonObject body, string name, string? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }
    }

    private static JsonArray? Addresses(QuickBooksAddress? a)
    {
        if (a is null)
        {
            return null;
        }

        var address = new JsonObject { ["type"] = "billing" };
        foreach (var (key, value) in new[] { ("line1", a.Line1), ("line2", a.Line2), ("city", a.City), ("region", a.CountrySubDivisionCode), ("postalCode", a.PostalCode), ("country", a.Country) })
        {
            if (value is not null)
            {
                address[key] = value;
            }
        }

        return [address];
    }

    private static QuickBooksAddress? FromAddresses(JsonArray? addresses)
    {
        if (addresses?.OfType<JsonObject>().FirstOrDefault() is not { } a)
        {
            return null;
        }

        static string? S(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return new QuickBooksAddress { Line1 = S(a["line1"]), Line2 = S(a["line2"]), City = S(a["city"]), CountrySubDivisionCode = S(a["region"]), PostalCode = S(a["postalCode"]), Country = S(a["country"]) };
    }

    private static JsonArray? Lines(IReadOnlyList<QuickBooksLine>? lines)
    {
        if (lines is null)
        {
            return null;
        }

        var result = new JsonArray();
        foreach (var line in lines.Where(l => l.DetailType == "SalesItemLineDetail"))
        {
            var item = new JsonObject();
            if (line.Description is { } d)
            {
                item["description"] = d;
            }

            if (line.SalesItemLineDetail?.Qty is { } q)
            {
                item["quantity"] = q;
            }

            if (line.SalesItemLineDetail?.UnitPrice is { } p)
            {
                item["unitPrice"] = p;
            }

            if (line.Amount is { } amount)
            {
                item["amount"] = amount;
            }

            result.Add(item);
        }

        return result;
    }

    private static decimal? Subtotal(IReadOnlyList<QuickBooksLine>? lines) =>
        lines?.FirstOrDefault(l => l.DetailType == "SubTotalLineDetail")?.Amount
        ?? lines?.Where(l => l.DetailType == "SalesItemLineDetail").Sum(l => l.Amount ?? 0);
}
