using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fastn.Sandbox.Vendors.QuickBooks;

/// <summary>
/// The Accounting API v3 paths the connector calls, under <c>/v3/company/{realmId}</c>: <c>companyinfo/{id}</c>,
/// <c>customer</c> (create, full or sparse update with SyncToken), <c>customer/{id}</c>, <c>invoice</c>, <c>invoice/{id}</c>,
/// <c>payment</c>, and the <c>query</c> endpoint. Answers in QuickBooks' envelopes with <c>time</c>, and errors as <c>Fault</c>.
/// </summary>
internal static class QuickBooksApiEndpoints
{
    public static void MapQuickBooksApi(this IEndpointRouteBuilder routes)
    {
        var company = routes.MapGroup("/v3/company/{realmId}").AddEndpointFilter(GuardAsync);
        company.MapGet("/companyinfo/{id}", (string id, QuickBooksStore store) => Read(store, "CompanyInfo", id));
        company.MapGet("/customer/{id}", (string id, QuickBooksStore store) => Read(store, "Customer", id));
        company.MapGet("/invoice/{id}", (string id, QuickBooksStore store) => Read(store, "Invoice", id));
        company.MapGet("/payment/{id}", (string id, QuickBooksStore store) => Read(store, "Payment", id));
        company.MapGet("/item/{id}", (string id, QuickBooksStore store) => Read(store, "Item", id));
        company.MapPost("/customer", (HttpContext context, QuickBooksStore store) => WriteAsync(context, store, Customer));
        company.MapPost("/invoice", (HttpContext context, QuickBooksStore store) => WriteAsync(context, store, Invoice));
        company.MapPost("/payment", (HttpContext context, QuickBooksStore store) => WriteAsync(context, store, Payment));
        company.MapGet("/query", (HttpContext context, QuickBooksStore store) => Query(context.Request.Query["query"].ToString(), store));
    }

    /// <summary>Bearer token, company and throttling checks, and the <c>intuit_tid</c> header every answer has.</summary>
    private static async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var store = http.RequestServices.GetService(typeof(QuickBooksStore)) as QuickBooksStore ?? throw new InvalidOperationException("QuickBooksStore is not registered.");
        http.Response.Headers["intuit_tid"] = Guid.NewGuid().ToString("N")[..24];
        var authorization = http.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : "";
        if (!store.IsValidAccessToken(token))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"Intuit\", error=\"invalid_token\"";
            return Fault(401, "AuthenticationFault", "message=AuthenticationFailed; errorCode=003200; statusCode=401",
                "Token expired or invalid: the access token is not valid for this app.", "3200");
        }

        if (http.Request.RouteValues["realmId"]?.ToString() != QuickBooksSandboxApp.RealmId)
        {
            return Fault(403, "AuthorizationFault", "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403",
                "The token is not authorized for this company (realmId).", "003100");
        }

        if (!store.TryCountRequest(out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Fault(429, "ThrottleExceeded", "message=ThrottleExceeded; errorCode=003001; statusCode=429",
                $"The request limit was reached: at most {QuickBooksStore.RequestsPerMinute} requests per minute per company.", "003001");
        }

        return await next(invocation);
    }

    private static IResult Read(QuickBooksStore store, string entity, string id) =>
        store.Get(entity, id) is { } record ? Envelope(entity, record) : NotFound();

    private static async Task<IResult> WriteAsync(HttpContext context, QuickBooksStore store, Func<QuickBooksStore.QuickBooksWriter, JsonObject, IResult> write)
    {
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException ex)
        {
            return Fault(400, "ValidationFault", "Request has invalid or unsupported property", "Property Name:Failed to parse json object; " + ex.Message, "2010");
        }

        return body is null
            ? Fault(400, "ValidationFault", "Request has invalid or unsupported property", "The body must be a JSON object.", "2010")
            : store.Write(w => write(w, body));
    }

    private static readonly string[] CustomerFields = ["DisplayName", "GivenName", "FamilyName", "CompanyName", "Notes", "PrimaryEmailAddr", "PrimaryPhone", "BillAddr", "ShipAddr", "Active"];

    private static IResult Customer(QuickBooksStore.QuickBooksWriter w, JsonObject body)
    {
        if (Text(body["Id"]) is { } id)
        {
            if (w.Find("Customer", id) is not { } existing)
            {
                return NotFound();
            }

            if (Text(body["SyncToken"]) != Text(existing["SyncToken"]))
            {
                return Fault(400, "ValidationFault", "Stale Object Error",
                    $"Stale Object Error : You and root were working on this at the same time. root finished before you did, so your work was not saved.", "5010", "SyncToken");
            }

            if (Text(body["DisplayName"]) is { } newName && IsDuplicateName(w, newName, id))
            {
                return DuplicateName(newName);
            }

            if (body["sparse"]?.GetValueKind() != JsonValueKind.True)
            {
                // A full update clears every writable field left out.
                foreach (var field in CustomerFields.Where(f => f != "Active"))
                {
                    existing.Remove(field);
                }
            }

            foreach (var field in CustomerFields)
            {
                if (body[field] is { } value)
                {
                    existing[field] = value.DeepClone();
                }
            }

            SetNames(existing);
            w.Touch(existing);
            return Envelope("Customer", existing);
        }

        var displayName = Text(body["DisplayName"]) ?? string.Join(' ', new[] { Text(body["GivenName"]), Text(body["FamilyName"]) }.Where(s => s is not null));
        if (displayName.Length == 0)
        {
            displayName = Text(body["CompanyName"]) ?? "";
        }

        if (displayName.Length == 0)
        {
            return Fault(400, "ValidationFault", "Required param missing, need to supply the required value for the API",
                "Required parameter DisplayName (or GivenName, FamilyName or CompanyName) is missing in the request", "2020", "DisplayName");
        }

        if (IsDuplicateName(w, displayName, null))
        {
            return DuplicateName(displayName);
        }

        if (Text(body["PrimaryEmailAddr"]?["Address"]) is { } email && !email.Contains('@', StringComparison.Ordinal))
        {
            return Fault(400, "ValidationFault", "Invalid Email Address format",
                $"Email Address does not conform to the syntax rules of RFC 822. Supplied value:{email}", "6140", "PrimaryEmailAddr.Address");
        }

        var customer = new JsonObject { ["DisplayName"] = displayName, ["Active"] = true, ["Taxable"] = false, ["Balance"] = 0m, ["BalanceWithJobs"] = 0m,
            ["CurrencyRef"] = new JsonObject { ["value"] = "USD", ["name"] = "United States Dollar" }, ["PreferredDeliveryMethod"] = "Print" };
        foreach (var field in CustomerFields.Where(f => f != "DisplayName" && body[f] is not null))
        {
            customer[field] = body[field]!.DeepClone();
        }

        SetNames(customer);
        return Envelope("Customer", w.Add("Customer", customer));
    }

    private static IResult Invoice(QuickBooksStore.QuickBooksWriter w, JsonObject body)
    {
        if (w.Find("Customer", Text(body["CustomerRef"]?["value"])) is not { } customer)
        {
            return body["CustomerRef"] is null
                ? Fault(400, "ValidationFault", "Required param missing, need to supply the required value for the API", "Required parameter CustomerRef is missing in the request", "2020", "CustomerRef")
                : Fault(400, "ValidationFault", "Invalid Reference Id", $"Invalid Reference Id : Something you're using isn't available. Reference Id: {Text(body["CustomerRef"]?["value"])}", "2500", "CustomerRef");
        }

        if (body["Line"] is not JsonArray { Count: > 0 } lines)
        {
            return Fault(400, "ValidationFault", "Required param missing, need to supply the required value for the API", "Required parameter Line is missing in the request", "2020", "Line");
        }

        var salesLines = new List<JsonObject>();
        foreach (var line in lines.OfType<JsonObject>())
        {
            var copy = (JsonObject)line.DeepClone();
            var itemId = Text(copy["SalesItemLineDetail"]?["ItemRef"]?["value"]) ?? "1";
            if (w.Find("Item", itemId) is not { } item)
            {
                return Fault(400, "ValidationFault", "Invalid Reference Id", $"Invalid Reference Id : Something you're using isn't available. Reference Id: {itemId}", "2500", "Line.SalesItemLineDetail.ItemRef");
            }

            if (copy["SalesItemLineDetail"] is JsonObject detail && detail["ItemRef"] is JsonObject itemRef)
            {
                itemRef["name"] = item["Name"]!.DeepClone();
            }

            salesLines.Add(copy);
        }

        return Envelope("Invoice", NewInvoice(w, customer, salesLines, Text(body["TxnDate"]), Text(body["DueDate"]), Text(body["DocNumber"]), Text(body["PrivateNote"]), body["BillEmail"]));
    }

    /// <summary>Adds an invoice: line numbers and ids, the subtotal line, totals, balance, and the customer's balance raised.</summary>
    internal static JsonObject NewInvoice(QuickBooksStore.QuickBooksWriter w, JsonObject customer, IReadOnlyList<JsonObject> salesLines, string? txnDate, string? dueDate,
        string? docNumber, string? privateNote, JsonNode? billEmail)
    {
        var total = 0m;
        var lines = new JsonArray();
        var number = 1;
        foreach (var line in salesLines)
        {
            line["Id"] = number.ToString(CultureInfo.InvariantCulture);
            line["LineNum"] = number++;
            total += line["Amount"]?.GetValue<decimal>() ?? 0m;
            lines.Add(line);
        }

        lines.Add(new JsonObject { ["Amount"] = total, ["DetailType"] = "SubTotalLineDetail", ["SubTotalLineDetail"] = new JsonObject() });
        var date = txnDate ?? DateOnly.FromDateTime(w.Now.ToOffset(TimeSpan.FromHours(-7)).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var invoice = new JsonObject
        {
            ["DocNumber"] = docNumber ?? w.NextDocNumber(),
            ["TxnDate"] = date,
            ["DueDate"] = dueDate ?? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["CurrencyRef"] = new JsonObject { ["value"] = "USD", ["name"] = "United States Dollar" },
            ["Line"] = lines,
            ["TxnTaxDetail"] = new JsonObject { ["TotalTax"] = 0m },
            ["CustomerRef"] = new JsonObject { ["value"] = customer["Id"]!.DeepClone(), ["name"] = customer["DisplayName"]!.DeepClone() },
            ["BillAddr"] = customer["BillAddr"]?.DeepClone(),
            ["TotalAmt"] = total,
            ["Balance"] = total,
            ["EmailStatus"] = billEmail is null ? "NotSet" : "NeedToSend",
            ["PrintStatus"] = "NeedToPrint",
        };
        if (privateNote is not null)
        {
            invoice["PrivateNote"] = privateNote;
        }

        if (billEmail is not null)
        {
            invoice["BillEmail"] = billEmail.DeepClone();
        }

        customer["Balance"] = (customer["Balance"]?.GetValue<decimal>() ?? 0m) + total;
        customer["BalanceWithJobs"] = customer["Balance"]!.DeepClone();
        return w.Add("Invoice", invoice);
    }

    private static IResult Payment(QuickBooksStore.QuickBooksWriter w, JsonObject body)
    {
        if (w.Find("Customer", Text(body["CustomerRef"]?["value"])) is not { } customer)
        {
            return Fault(400, "ValidationFault", "Invalid Reference Id", $"Invalid Reference Id : Something you're using isn't available. Reference Id: {Text(body["CustomerRef"]?["value"])}", "2500", "CustomerRef");
        }

        if (body["TotalAmt"] is not JsonValue totalNode || !totalNode.TryGetValue<decimal>(out var total) || total < 0)
        {
            return Fault(400, "ValidationFault", "Required param missing, need to supply the required value for the API", "Required parameter TotalAmt is missing in the request", "2020", "TotalAmt");
        }

        var applied = 0m;
        var lines = new JsonArray();
        foreach (var line in body["Line"] as JsonArray ?? [])
        {
            var amount = line?["Amount"]?.GetValue<decimal>() ?? 0m;
            foreach (var txn in line?["LinkedTxn"] as JsonArray ?? [])
            {
                var invoice = w.Find("Invoice", Text(txn?["TxnId"]));
                if (invoice is null || Text(invoice["CustomerRef"]?["value"]) != Text(customer["Id"]))
                {
                    return Fault(400, "ValidationFault", "Invalid Reference Id", $"Invalid Reference Id : the invoice {Text(txn?["TxnId"])} does not exist for this customer.", "2500", "Line.LinkedTxn.TxnId");
                }

                var balance = invoice["Balance"]!.GetValue<decimal>();
                if (amount > balance)
                {
                    return Fault(400, "ValidationFault", "A business validation error has occurred while processing your request",
                        $"Business Validation Error: the payment line amount {amount} is more than the invoice's open balance {balance}.", "6000", "Line.Amount");
                }

                invoice["Balance"] = balance - amount;
                w.Touch(invoice);
            }

            applied += amount;
            lines.Add(line!.DeepClone());
        }

        customer["Balance"] = (customer["Balance"]?.GetValue<decimal>() ?? 0m) - applied;
        customer["BalanceWithJobs"] = customer["Balance"]!.DeepClone();
        var payment = new JsonObject
        {
            ["CustomerRef"] = new JsonObject { ["value"] = customer["Id"]!.DeepClone(), ["name"] = customer["DisplayName"]!.DeepClone() },
            ["DepositToAccountRef"] = new JsonObject { ["value"] = "4" },
            ["TotalAmt"] = total,
            ["UnappliedAmt"] = total - applied,
            ["ProcessPayment"] = false,
            ["TxnDate"] = Text(body["TxnDate"]) ?? DateOnly.FromDateTime(w.Now.ToOffset(TimeSpan.FromHours(-7)).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["CurrencyRef"] = new JsonObject { ["value"] = "USD", ["name"] = "United States Dollar" },
            ["Line"] = lines,
        };
        foreach (var field in new[] { "PaymentRefNum", "PrivateNote", "PaymentMethodRef" })
        {
            if (body[field] is { } value)
            {
                payment[field] = value.DeepClone();
            }
        }

        return Envelope("Payment", w.Add("Payment", payment));
    }

    private static IResult Query(string statement, QuickBooksStore store)
    {
        if (QuickBooksQuery.Parse(statement) is not { } query)
        {
            return Fault(400, "ValidationFault", "Error parsing query", $"QueryParserError: Encountered an unparsable query: {statement}", "4000");
        }

        var entity = query.Entity switch
        {
            var e when e.Equals("Customer", StringComparison.OrdinalIgnoreCase) => "Customer",
            var e when e.Equals("Invoice", StringComparison.OrdinalIgnoreCase) => "Invoice",
            var e when e.Equals("Payment", StringComparison.OrdinalIgnoreCase) => "Payment",
            var e when e.Equals("Item", StringComparison.OrdinalIgnoreCase) => "Item",
            var e when e.Equals("CompanyInfo", StringComparison.OrdinalIgnoreCase) => "CompanyInfo",
            _ => null,
        };
        if (entity is null)
        {
            return Fault(400, "ValidationFault", "Invalid query", $"QueryValidationError: Unknown entity: {query.Entity}", "4001");
        }

        List<JsonObject> matches;
        try
        {
            matches = query.Run(store.All(entity), entity is "Customer" or "Item");
        }
        catch (FormatException ex)
        {
            return Fault(400, "ValidationFault", "Invalid query", "QueryValidationError: " + ex.Message, "4001");
        }

        var response = new JsonObject();
        if (query.Count)
        {
            response["totalCount"] = matches.Count;
        }
        else
        {
            var page = matches.Skip(query.StartPosition - 1).Take(query.MaxResults).ToList();
            if (page.Count > 0)
            {
                response[entity] = new JsonArray([.. page]);
                response["startPosition"] = query.StartPosition;
                response["maxResults"] = page.Count;
            }
        }

        return Results.Text(new JsonObject { ["QueryResponse"] = response, ["time"] = QuickBooksStore.Timestamp(store.Time.GetUtcNow()) }.ToJsonString(), "application/json");
    }

    private static void SetNames(JsonObject customer)
    {
        customer["FullyQualifiedName"] = customer["DisplayName"]?.DeepClone();
        customer["PrintOnCheckName"] = customer["DisplayName"]?.DeepClone();
    }

    private static bool IsDuplicateName(QuickBooksStore.QuickBooksWriter w, string name, string? exceptId) =>
        w.All("Customer").Any(c => Text(c["Id"]) != exceptId && string.Equals(Text(c["DisplayName"]), name, StringComparison.OrdinalIgnoreCase));

    private static IResult DuplicateName(string name) =>
        Fault(400, "ValidationFault", "Duplicate Name Exists Error", $"The name supplied already exists. : Another customer, vendor or employee is already using this name ({name}). Please use a different name.", "6240", "DisplayName");

    private static IResult NotFound() =>
        Fault(400, "ValidationFault", "Object Not Found", "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.", "610");

    private static IResult Envelope(string entity, JsonObject record) =>
        Results.Text(new JsonObject { [entity] = record.DeepClone(), ["time"] = QuickBooksStore.Timestamp(DateTimeOffset.UtcNow) }.ToJsonString(), "application/json");

    internal static IResult Fault(int status, string type, string message, string detail, string code, string? element = null)
    {
        var error = new JsonObject { ["Message"] = message, ["Detail"] = detail, ["code"] = code };
        if (element is not null)
        {
            error["element"] = element;
        }

        return Results.Text(new JsonObject { ["Fault"] = new JsonObject { ["Error"] = new JsonArray(error), ["type"] = type }, ["time"] = QuickBooksStore.Timestamp(DateTimeOffset.UtcNow) }.ToJsonString(),
            "application/json", statusCode: status);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
