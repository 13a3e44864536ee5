using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fastn.Sandbox.Vendors.Xero.Api;

/// <summary>The Accounting API 2.0 paths: Organisation, Contacts, Invoices, Accounts, Items.</summary>
internal static partial class XeroAccountingEndpoints
{
    public static void MapXeroAccounting(this RouteGroupBuilder api)
    {
        api.MapGet("/Organisation", (HttpContext http, XeroSimulation sim) => Read(http, sim, org => Envelope("Organisations", [org.ToJson()])));
        api.MapGet("/Contacts", ListContacts);
        api.MapPut("/Contacts", CreateContactsAsync);
        api.MapGet("/Contacts/{id}", (HttpContext http, XeroSimulation sim, string id) => Read(http, sim, org =>
            FindContact(org, id) is { } c ? Envelope("Contacts", [c.ToJson()]) : NotFound()));
        api.MapPost("/Contacts/{id}", UpdateContactAsync);
        api.MapGet("/Invoices", ListInvoices);
        api.MapPut("/Invoices", CreateInvoicesAsync);
        api.MapGet("/Invoices/{id}", (HttpContext http, XeroSimulation sim, string id) => Read(http, sim, org =>
            org.Invoices.FirstOrDefault(i => Same(i.InvoiceId, id) || i.InvoiceNumber == id) is { } inv ? Envelope("Invoices", [inv.ToJson()]) : NotFound()));
        api.MapGet("/Accounts", (HttpContext http, XeroSimulation sim) => Read(http, sim, org =>
            Filtered(http, org.Accounts.Select(a => a.ToJson()), "Accounts", "Code", paged: false)));
        api.MapGet("/Items", (HttpContext http, XeroSimulation sim) => Read(http, sim, org =>
        {
            var since = XeroQuery.ModifiedSince(http.Request);
            return Filtered(http, org.Items.Where(i => since is null || i.UpdatedAt >= since).Select(i => i.ToJson()), "Items", "Code", paged: false);
        }));
    }

    private static IResult ListContacts(HttpContext http, XeroSimulation sim) => Read(http, sim, org =>
    {
        var since = XeroQuery.ModifiedSince(http.Request);
        var ids = XeroQuery.List(http.Request, "IDs");
        var archived = http.Request.Query["includeArchived"].ToString() == "true";
        var contacts = org.Contacts
            .Where(c => since is null || c.UpdatedAt >= since)
            .Where(c => archived || c.ContactStatus != "ARCHIVED" || ids.Count > 0)
            .Where(c => ids.Count == 0 || ids.Any(id => Same(c.ContactId, id)))
            .Select(c => c.ToJson());
        return Filtered(http, contacts, "Contacts", "Name ASC", paged: true);
    });

    private static IResult ListInvoices(HttpContext http, XeroSimulation sim) => Read(http, sim, org =>
    {
        var since = XeroQuery.ModifiedSince(http.Request);
        var ids = XeroQuery.List(http.Request, "IDs");
        var numbers = XeroQuery.List(http.Request, "InvoiceNumbers");
        var contacts = XeroQuery.List(http.Request, "ContactIDs");
        var statuses = XeroQuery.List(http.Request, "Statuses");
        var paged = XeroQuery.Page(http.Request) is not null;
        var invoices = org.Invoices
            .Where(i => since is null || i.UpdatedAt >= since)
            .Where(i => ids.Count == 0 || ids.Any(id => Same(i.InvoiceId, id)))
            .Where(i => numbers.Count == 0 || numbers.Contains(i.InvoiceNumber))
            .Where(i => contacts.Count == 0 || contacts.Any(id => Same(i.Contact.ContactId, id)))
            .Where(i => statuses.Count == 0 || statuses.Contains(i.Status))
            .Select(i =>
            {
                var json = i.ToJson();
                if (!paged)
                {
                    // Without paging Xero leaves the lines out of multi-invoice responses.
                    json["LineItems"] = new JsonArray();
                }

                return json;
            });
        return Filtered(http, invoices, "Invoices", "UpdatedDateUTC ASC", paged: true);
    });

    private static async Task<IResult> CreateContactsAsync(HttpContext http, XeroSimulation sim)
    {
        var body = await ReadBodyAsync(http);
        if (body?["Contacts"] is not JsonArray items || items.Count == 0)
        {
            return PostDataInvalid("The request body must be {\"Contacts\":[{…}]}.");
        }

        var org = Organisation(http);
        var created = new List<SimContact>();
        lock (sim.Sync)
        {
            var errors = items.Select(i => ValidateContact(org, i as JsonObject, null)).ToList();
            if (errors.Any(e => e.Count > 0))
            {
                return Validation(errors.Select(e => (JsonObject?)null).ToList(), errors);
            }

            foreach (var item in items.OfType<JsonObject>())
            {
                var contact = new SimContact { ContactId = Guid.NewGuid().ToString(), Name = Str(item, "Name")!, UpdatedAt = sim.Time.GetUtcNow() };
                Apply(contact, item);
                org.Contacts.Add(contact);
                created.Add(contact);
            }
        }

        foreach (var contact in created)
        {
            sim.Publish(org.TenantId, "CONTACT", "CREATE", contact.ContactId);
        }

        lock (sim.Sync)
        {
            return Results.Json(Envelope("Contacts", [.. created.Select(c => c.ToJson())]));
        }
    }

    private static async Task<IResult> UpdateContactAsync(HttpContext http, XeroSimulation sim, string id)
    {
        var body = await ReadBodyAsync(http);
        if (body?["Contacts"] is not JsonArray { Count: 1 } items || items[0] is not JsonObject item)
        {
            return PostDataInvalid("The request body must be {\"Contacts\":[{…}]} with one contact.");
        }

        var org = Organisation(http);
        JsonObject result;
        lock (sim.Sync)
        {
            var contact = FindContact(org, id);
            if (contact is null)
            {
                return NotFound();
            }

            var errors = ValidateContact(org, item, contact);
            if (errors.Count > 0)
            {
                return Validation([new JsonObject { ["ContactID"] = contact.ContactId }], [errors]);
            }

            Apply(contact, item);
            contact.UpdatedAt = sim.Time.GetUtcNow();
            result = contact.ToJson();
        }

        sim.Publish(org.TenantId, "CONTACT", "UPDATE", result["ContactID"]!.GetValue<string>());
        return Results.Json(Envelope("Contacts", [result]));
    }

    private static async Task<IResult> CreateInvoicesAsync(HttpContext http, XeroSimulation sim)
    {
        var body = await ReadBodyAsync(http);
        if (body?["Invoices"] is not JsonArray items || items.Count == 0)
        {
            return PostDataInvalid("The request body must be {\"Invoices\":[{…}]}.");
        }

        var org = Organisation(http);
        var created = new List<JsonObject>();
        lock (sim.Sync)
        {
            var errors = items.Select(i => ValidateInvoice(org, i as JsonObject)).ToList();
            if (errors.Any(e => e.Count > 0))
            {
                return Validation(errors.Select(_ => (JsonObject?)null).ToList(), errors);
            }

            foreach (var item in items.OfType<JsonObject>())
            {
                var amountTypes = Str(item, "LineAmountTypes") ?? "Exclusive";
                var invoice = new SimInvoice
                {
                    InvoiceId = Guid.NewGuid().ToString(),
                    Type = Str(item, "Type")!,
                    InvoiceNumber = Str(item, "InvoiceNumber") ?? $"INV-{org.NextInvoiceNumber++:0000}",
                    Reference = Str(item, "Reference"),
                    Contact = FindContact(org, Str(item["Contact"] as JsonObject, "ContactID")!)!,
                    Date = ParseDate(Str(item, "Date")) ?? DateOnly.FromDateTime(sim.Time.GetUtcNow().UtcDateTime),
                    DueDate = ParseDate(Str(item, "DueDate")),
                    Status = Str(item, "Status") ?? "DRAFT",
                    LineAmountTypes = amountTypes,
                    CurrencyCode = Str(item, "CurrencyCode") ?? org.BaseCurrency,
                    Lines = [.. (item["LineItems"] as JsonArray ?? []).OfType<JsonObject>().Select(l => Line(org, l))],
                    UpdatedAt = sim.Time.GetUtcNow(),
                };
                org.Invoices.Add(invoice);
                created.Add(invoice.ToJson());
            }
        }

        foreach (var invoice in created)
        {
            sim.Publish(org.TenantId, "INVOICE", "CREATE", invoice["InvoiceID"]!.GetValue<string>());
        }

        return Results.Json(Envelope("Invoices", [.. created]));
    }

    private static SimLine Line(SimOrganisation org, JsonObject line)
    {
        var item = Str(line, "ItemCode") is { } code ? org.Items.FirstOrDefault(i => i.Code == code) : null;
        var account = Str(line, "AccountCode") ?? (item is not null ? "200" : "200");
        return new SimLine
        {
            LineItemId = Guid.NewGuid().ToString(),
            Description = Str(line, "Description") ?? item?.Name ?? "",
            Quantity = Num(line, "Quantity") ?? 1,
            UnitAmount = Num(line, "UnitAmount") ?? item?.SalesPrice ?? 0,
            ItemCode = item?.Code,
            AccountCode = account,
            TaxType = Str(line, "TaxType") ?? org.Accounts.FirstOrDefault(a => a.Code == account)?.TaxType ?? "OUTPUT2",
            DiscountRate = Num(line, "DiscountRate") ?? 0,
        };
    }

    private static List<string> ValidateContact(SimOrganisation org, JsonObject? item, SimContact? existing)
    {
        var errors = new List<string>();
        if (item is null)
        {
            errors.Add("A contact must be an object.");
            return errors;
        }

        var name = Str(item, "Name");
        if (existing is null && string.IsNullOrWhiteSpace(name))
        {
            errors.Add("The contact name must be specified.");
        }
        else if (name is not null && org.Contacts.Any(c => c != existing && c.ContactStatus == "ACTIVE" && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("The contact name " + name + " is already assigned to another contact. The contact name must be unique across all active contacts.");
        }

        if (Str(item, "EmailAddress") is { Length: > 0 } email && !EmailPattern().IsMatch(email))
        {
            errors.Add("Email address must be valid.");
        }

        if (Str(item, "ContactStatus") is { } status && status is not ("ACTIVE" or "ARCHIVED"))
        {
            errors.Add("ContactStatus must be ACTIVE or ARCHIVED.");
        }

        return errors;
    }

    private static List<string> ValidateInvoice(SimOrganisation org, JsonObject? item)
    {
        var errors = new List<string>();
        if (item is null)
        {
            errors.Add("An invoice must be an object.");
            return errors;
        }

        if (Str(item, "Type") is not ("ACCREC" or "ACCPAY"))
        {
            errors.Add("Invoice Type must be ACCREC or ACCPAY.");
        }

        var contactId = Str(item["Contact"] as JsonObject, "ContactID");
        if (contactId is null)
        {
            errors.Add("A Contact must be specified for this type of transaction.");
        }
        else if (FindContact(org, contactId) is null)
        {
            errors.Add("The Contact could not be found: no contact has ContactID " + contactId + ".");
        }

        if (item["LineItems"] is not JsonArray { Count: > 0 } lines)
        {
            errors.Add("At least one line item must be specified.");
        }
        else
        {
            foreach (var line in lines.OfType<JsonObject>())
            {
                if (string.IsNullOrWhiteSpace(Str(line, "Description")) && Str(line, "ItemCode") is null)
                {
                    errors.Add("Description must be specified on each line item.");
                }

                if (Str(line, "AccountCode") is { } code && org.Accounts.All(a => a.Code != code))
                {
                    errors.Add($"Account code '{code}' is not a valid code for this document.");
                }
            }
        }

        var status = Str(item, "Status");
        if (status is not (null or "DRAFT" or "SUBMITTED" or "AUTHORISED"))
        {
            errors.Add("Invoice Status must be DRAFT, SUBMITTED or AUTHORISED when creating.");
        }
        else if (status == "AUTHORISED" && Str(item, "DueDate") is null)
        {
            errors.Add("Due Date must be specified to approve an invoice.");
        }

        if (Str(item, "Date") is { } date && ParseDate(date) is null)
        {
            errors.Add("The date " + date + " is not valid.");
        }

        if (Str(item, "InvoiceNumber") is { } number && org.Invoices.Any(i => i.InvoiceNumber == number))
        {
            errors.Add("Invoice number " + number + " already exists. Please enter a unique invoice number.");
        }

        return errors;
    }

    private static void Apply(SimContact contact, JsonObject item)
    {
        contact.Name = Str(item, "Name") ?? contact.Name;
        contact.FirstName = Str(item, "FirstName") ?? contact.FirstName;
        contact.LastName = Str(item, "LastName") ?? contact.LastName;
        contact.EmailAddress = Str(item, "EmailAddress") ?? contact.EmailAddress;
        contact.ContactNumber = Str(item, "ContactNumber") ?? contact.ContactNumber;
        contact.AccountNumber = Str(item, "AccountNumber") ?? contact.AccountNumber;
        contact.TaxNumber = Str(item, "TaxNumber") ?? contact.TaxNumber;
        contact.Website = Str(item, "Website") ?? contact.Website;
        contact.DefaultCurrency = Str(item, "DefaultCurrency") ?? contact.DefaultCurrency;
        contact.ContactStatus = Str(item, "ContactStatus") ?? contact.ContactStatus;
        if (item["Addresses"] is JsonArray addresses)
        {
            contact.Addresses = Merge(contact.Addresses, addresses, "AddressType");
        }

        if (item["Phones"] is JsonArray phones)
        {
            contact.Phones = Merge(contact.Phones, phones, "PhoneType");
        }
    }

    // Xero replaces an address or phone of the same type and keeps the others.
    private static JsonArray Merge(JsonArray current, JsonArray changes, string typeField)
    {
        var result = current.OfType<JsonObject>().Select(o => (JsonObject)o.DeepClone()).ToList();
        foreach (var change in changes.OfType<JsonObject>())
        {
            var type = Str(change, typeField);
            result.RemoveAll(o => Str(o, typeField) == type);
            result.Add((JsonObject)change.DeepClone());
        }

        return [.. result];
    }

    private static IResult Filtered(HttpContext http, IEnumerable<JsonObject> records, string collection, string defaultOrder, bool paged)
    {
        var (filtered, error) = XeroQuery.Where(records, http.Request.Query["where"].ToString());
        if (filtered is null)
        {
            return Results.Json(new JsonObject { ["ErrorNumber"] = 16, ["Type"] = "QueryParseException", ["Message"] = error }, statusCode: StatusCodes.Status400BadRequest);
        }

        var ordered = XeroQuery.Order(filtered, http.Request.Query["order"].ToString(), defaultOrder);
        if (paged && XeroQuery.Page(http.Request) is { } page)
        {
            ordered = ordered.Skip((page - 1) * XeroQuery.PageSize).Take(XeroQuery.PageSize);
        }

        return Results.Json(Envelope(collection, [.. ordered]));
    }

    private static IResult Read(HttpContext http, XeroSimulation sim, Func<SimOrganisation, object> read)
    {
        var org = Organisation(http);
        lock (sim.Sync)
        {
            var result = read(org);
            return result as IResult ?? Results.Json(result);
        }
    }

    /// <summary>
    /// Xero's response envelope: an id, status, provider name and time, then the collection. Accounts answers with the
    /// collection alone, as the Accounting spec's example of GET /Accounts shows.
    /// </summary>
    private static JsonObject Envelope(string collection, List<JsonObject> records)
    {
        var envelope = collection == "Accounts" ? new JsonObject() : new JsonObject
        {
            ["Id"] = Guid.NewGuid().ToString(),
            ["Status"] = "OK",
            ["ProviderName"] = "Fastn (local)",
            ["DateTimeUTC"] = XeroWire.Date(DateTimeOffset.UtcNow),
        };
        envelope[collection] = new JsonArray([.. records]);
        return envelope;
    }

    private static IResult Validation(List<JsonObject?> elements, IReadOnlyList<List<string>> errors) => Results.Json(new JsonObject
    {
        ["ErrorNumber"] = 10,
        ["Type"] = "ValidationException",
        ["Message"] = "A validation exception occurred",
        ["Elements"] = new JsonArray([.. errors.Select((e, i) =>
        {
            var element = elements[i] ?? [];
            element["ValidationErrors"] = new JsonArray([.. e.Select(m => (JsonNode)new JsonObject { ["Message"] = m })]);
            return (JsonNode)element;
        })]),
    }, statusCode: StatusCodes.Status400BadRequest);

    private static IResult PostDataInvalid(string message) =>
        Results.Json(new JsonObject { ["ErrorNumber"] = 14, ["Type"] = "PostDataInvalidException", ["Message"] = message }, statusCode: StatusCodes.Status400BadRequest);

    private static IResult NotFound() => Results.Text("The resource you're looking for cannot be found", "text/plain", statusCode: StatusCodes.Status404NotFound);

    private static SimOrganisation Organisation(HttpContext http) => (SimOrganisation)http.Items[XeroApiFilter.OrganisationKey]!;

    private static SimContact? FindContact(SimOrganisation org, string id) =>
        org.Contacts.FirstOrDefault(c => Same(c.ContactId, id) || (c.ContactNumber is not null && c.ContactNumber == id));

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Str(JsonObject? o, string name) => o?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static decimal? Num(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : null;

    private static DateOnly? ParseDate(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var ms = MsDate().Match(value);
        if (ms.Success)
        {
            return DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms.Groups[1].Value, CultureInfo.InvariantCulture)).UtcDateTime);
        }

        return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? DateOnly.FromDateTime(parsed) : null;
    }

    [GeneratedRegex(@"^/Date\((-?\d+)")]
    private static partial Regex MsDate();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
