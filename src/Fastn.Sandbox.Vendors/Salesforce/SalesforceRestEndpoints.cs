using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fastn.Sandbox.Vendors.Salesforce;

/// <summary>
/// The org's REST API under <c>/instance/services/data/v60.0</c> (the token response's instance_url is <c>{app}/instance</c>):
/// query and queryMore, sObject rows (get, create, update), describe and limits, with Salesforce's error arrays, the
/// <c>Sforce-Limit-Info</c> header, INVALID_SESSION_ID for a dead session and REQUEST_LIMIT_EXCEEDED past the daily limit.
/// </summary>
internal static class SalesforceRestEndpoints
{
    public static void MapSalesforceRest(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/instance" + SalesforceRecords.ApiPath).AddEndpointFilter(GuardAsync);
        api.MapGet("/query", Query);
        api.MapGet("/query/{locator}", QueryMore);
        api.MapGet("/limits", Limits);
        api.MapGet("/sobjects/{type}/describe", Describe);
        api.MapGet("/sobjects/{type}/deleted", DeletedFeed);
        api.MapGet("/sobjects/{type}/{id}", GetRecord);
        api.MapDelete("/sobjects/{type}/{id}", Delete);
        api.MapPost("/sobjects/{type}", CreateAsync);
        api.MapMethods("/sobjects/{type}/{id}", ["PATCH"], UpdateAsync);
    }

    /// <summary>A Salesforce error body: <c>[{message, errorCode, fields}]</c>.</summary>
    public static IResult Error(int status, string errorCode, string message, IReadOnlyList<string>? fields = null)
    {
        var error = new JsonObject { ["message"] = message, ["errorCode"] = errorCode };
        if (fields is not null)
        {
            error["fields"] = new JsonArray([.. fields.Select(f => (JsonNode?)f)]);
        }

        return Results.Text(new JsonArray(error).ToJsonString(), "application/json", statusCode: status);
    }

    private static async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var org = http.RequestServices.GetService(typeof(SalesforceOrg)) as SalesforceOrg ?? throw new InvalidOperationException("SalesforceOrg is not registered.");
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim()
            : header.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase) ? header[6..].Trim() : "";
        if (!org.IsValidSession(token))
        {
            http.Response.Headers.WWWAuthenticate = "Token";
            return Error(401, "INVALID_SESSION_ID", "Session expired or invalid");
        }

        var allowed = org.CountApiRequest();
        http.Response.Headers["Sforce-Limit-Info"] = $"api-usage={Math.Min(org.ApiRequests, SalesforceOrg.DailyApiRequests)}/{SalesforceOrg.DailyApiRequests}";
        if (!allowed)
        {
            return Error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        }

        return await next(context);
    }

    private static IResult Query(HttpContext context, SalesforceOrg org)
    {
        var q = context.Request.Query["q"].ToString();
        if (q.Length == 0)
        {
            return Error(400, "MALFORMED_QUERY", "A query string has to be specified");
        }

        SoqlQuery query;
        try
        {
            query = SalesforceSoql.Parse(q);
        }
        catch (SoqlException ex)
        {
            return Error(400, ex.ErrorCode, ex.Message);
        }

        var rows = SalesforceSoql.Run(query, org.All(query.From)).Select(r => SalesforceRecords.Row(query, r, org.Find)).ToList();
        var locator = org.SaveLocator(rows);
        return Page(rows, locator, 0, BatchSize(context));
    }

    private static IResult QueryMore(string locator, HttpContext context, SalesforceOrg org)
    {
        var dash = locator.LastIndexOf('-');
        if (dash < 0 || !int.TryParse(locator[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) || org.Locator(locator[..dash]) is not { } rows)
        {
            return Error(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }

        return Page(rows, locator[..dash], offset, BatchSize(context));
    }

    private static IResult Page(IReadOnlyList<JsonObject> rows, string locator, int offset, int batch)
    {
        var end = Math.Min(rows.Count, offset + batch);
        var done = end >= rows.Count;
        var result = new JsonObject { ["totalSize"] = rows.Count, ["done"] = done };
        if (!done)
        {
            result["nextRecordsUrl"] = $"{SalesforceRecords.ApiPath}/query/{locator}-{end}";
        }

        result["records"] = new JsonArray([.. rows.Skip(offset).Take(end - offset).Select(r => (JsonNode?)r.DeepClone())]);
        return Json(result);
    }

    /// <summary>The batch size from <c>Sforce-Query-Options: batchSize=n</c> (200–2000, default 2000).</summary>
    private static int BatchSize(HttpContext context)
    {
        foreach (var option in context.Request.Headers["Sforce-Query-Options"].ToString().Split(',', StringSplitOptions.TrimEntries))
        {
            if (option.StartsWith("batchSize=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(option["batchSize=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                return Math.Clamp(size, 200, 2000);
            }
        }

        return 2000;
    }

    private static IResult GetRecord(string type, string id, HttpContext context, SalesforceOrg org)
    {
        if (SalesforceSchema.Find(type) is not { } info)
        {
            return Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        if (!SalesforceIds.IsValid(id) || org.Find(id) is not { } record || SalesforceSchema.ForId(record["Id"]!.GetValue<string>()) != info)
        {
            return Error(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + id);
        }

        var fields = context.Request.Query["fields"].ToString();
        string[]? selected = null;
        if (fields.Length > 0)
        {
            selected = fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (selected.FirstOrDefault(f => info.Field(f) is null) is { } bad)
            {
                return Error(400, "INVALID_FIELD", $"No such column '{bad}' on entity '{info.Name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.");
            }
        }

        return Json(SalesforceRecords.Render(info, record, selected));
    }

    private static async Task<IResult> CreateAsync(string type, HttpContext context, SalesforceOrg org)
    {
        if (SalesforceSchema.Find(type) is not { } info)
        {
            return Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        if (await BodyAsync(context) is not { } body)
        {
            return Error(400, "JSON_PARSER_ERROR", "The request body must be a JSON object.");
        }

        try
        {
            var fields = SalesforceRecords.Validate(info, body, create: true, org.Find);
            if (info == SalesforceSchema.Lead && fields["Status"] is null)
            {
                fields["Status"] = SalesforceSchema.LeadStatuses[0];
            }

            var record = org.Insert(info, fields);
            var id = record["Id"]!.GetValue<string>();
            context.Response.Headers.Location = $"{SalesforceRecords.ApiPath}/sobjects/{info.Name}/{id}";
            return Json(new JsonObject { ["id"] = id, ["success"] = true, ["errors"] = new JsonArray() }, 201);
        }
        catch (SalesforceWriteException ex)
        {
            return Error(400, ex.ErrorCode, ex.Message, ex.Fields);
        }
    }

    private static async Task<IResult> UpdateAsync(string type, string id, HttpContext context, SalesforceOrg org)
    {
        if (SalesforceSchema.Find(type) is not { } info)
        {
            return Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        if (await BodyAsync(context) is not { } body)
        {
            return Error(400, "JSON_PARSER_ERROR", "The request body must be a JSON object.");
        }

        if (!SalesforceIds.IsValid(id))
        {
            return Error(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + id);
        }

        try
        {
            var fields = SalesforceRecords.Validate(info, body, create: false, org.Find);
            return org.Update(info, SalesforceIds.Normalize(id), fields)
                ? Results.NoContent()
                : Error(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + id);
        }
        catch (SalesforceWriteException ex)
        {
            return Error(400, ex.ErrorCode, ex.Message, ex.Fields);
        }
    }

    private static IResult Delete(string type, string id, SalesforceOrg org) =>
        SalesforceSchema.Find(type) is { } info && SalesforceIds.IsValid(id) && org.Delete(info, SalesforceIds.Normalize(id))
            ? Results.NoContent()
            : Error(404, "NOT_FOUND", "The requested resource does not exist");

    /// <summary><c>GET /sobjects/{type}/deleted/?start=&amp;end=</c>: records deleted in the window, which must lie within the last 30 days.</summary>
    private static IResult DeletedFeed(string type, HttpContext context, SalesforceOrg org)
    {
        if (SalesforceSchema.Find(type) is not { } info)
        {
            return Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        if (!DateTimeOffset.TryParse(context.Request.Query["start"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
            || !DateTimeOffset.TryParse(context.Request.Query["end"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var end))
        {
            return Error(400, "MALFORMED_QUERY", "start and end must be ISO 8601 dateTimes, e.g. 2024-05-05T00:00:00+00:00");
        }

        var now = org.Time.GetUtcNow();
        if (start < now.AddDays(-30) || end <= start)
        {
            return Error(400, "INVALID_REPLICATION_DATE", "startDate must chronologically precede endDate and be within the last 30 days");
        }

        var deleted = org.Deleted(info, start, end);
        return Json(new JsonObject
        {
            ["deletedRecords"] = new JsonArray([.. deleted.Select(d => (JsonNode?)new JsonObject { ["deletedDate"] = SalesforceOrg.Timestamp(d.DeletedAt), ["id"] = d.Id })]),
            ["earliestDateAvailable"] = SalesforceOrg.Timestamp(now.AddDays(-30)),
            ["latestDateCovered"] = SalesforceOrg.Timestamp(end < now ? end : now),
        });
    }

    private static IResult Describe(string type)
    {
        if (SalesforceSchema.Find(type) is not { } info)
        {
            return Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        var fields = new JsonArray();
        foreach (var f in info.Fields)
        {
            fields.Add(new JsonObject
            {
                ["name"] = f.Name,
                ["label"] = f.Label,
                ["type"] = f.Type,
                ["length"] = f.Length,
                ["nillable"] = !f.Required && f.Type is not ("id" or "boolean"),
                ["createable"] = f.Createable,
                ["updateable"] = f.Createable,
                ["custom"] = false,
                ["referenceTo"] = new JsonArray([.. (f.ReferenceTo is null ? [] : new[] { f.ReferenceTo }).Select(r => (JsonNode?)r)]),
                ["picklistValues"] = new JsonArray([.. (f.Picklist ?? []).Select((v, i) => (JsonNode?)new JsonObject
                {
                    ["active"] = true, ["defaultValue"] = i == 0 && info == SalesforceSchema.Lead && f.Name == "Status", ["label"] = v, ["validFor"] = null, ["value"] = v,
                })]),
            });
        }

        return Json(new JsonObject
        {
            ["name"] = info.Name,
            ["label"] = info.Label,
            ["labelPlural"] = info.LabelPlural,
            ["keyPrefix"] = info.KeyPrefix,
            ["custom"] = false,
            ["createable"] = true,
            ["updateable"] = true,
            ["deletable"] = true,
            ["queryable"] = true,
            ["urls"] = new JsonObject
            {
                ["sobject"] = $"{SalesforceRecords.ApiPath}/sobjects/{info.Name}",
                ["describe"] = $"{SalesforceRecords.ApiPath}/sobjects/{info.Name}/describe",
                ["rowTemplate"] = $"{SalesforceRecords.ApiPath}/sobjects/{info.Name}/{{ID}}",
            },
            ["fields"] = fields,
        });
    }

    private static IResult Limits(SalesforceOrg org)
    {
        static JsonObject Limit(long max, long remaining) => new() { ["Max"] = max, ["Remaining"] = remaining };
        return Json(new JsonObject
        {
            ["ConcurrentAsyncGetReportInstances"] = Limit(200, 200),
            ["DailyApiRequests"] = Limit(SalesforceOrg.DailyApiRequests, Math.Max(0, SalesforceOrg.DailyApiRequests - org.ApiRequests)),
            ["DailyAsyncApexExecutions"] = Limit(250000, 250000),
            ["DailyBulkApiBatches"] = Limit(15000, 15000),
            ["DataStorageMB"] = Limit(5, 4),
            ["FileStorageMB"] = Limit(20, 20),
            ["HourlyTimeBasedWorkflow"] = Limit(1000, 1000),
            ["SingleEmail"] = Limit(15, 15),
        });
    }

    private static async Task<JsonObject?> BodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult Json(JsonNode body, int status = 200) => Results.Text(body.ToJsonString(), "application/json;charset=UTF-8", statusCode: status);
}
