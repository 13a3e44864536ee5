using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fastn.Sandbox.Vendors.HubSpot.Crm;

/// <summary>
/// The CRM v3 objects API for contacts, companies and deals, v4 default associations and account details, in HubSpot's shapes:
/// records <c>{id, properties, createdAt, updatedAt, archived}</c>, pages <c>{results, paging{next{after, link}}}</c>.
/// </summary>
internal static class HubSpotCrmEndpoints
{
    private static readonly Dictionary<int, (string From, string To)> AssociationTypes = new()
    {
        [1] = (CrmStore.Contacts, CrmStore.Companies), [279] = (CrmStore.Contacts, CrmStore.Companies), [280] = (CrmStore.Companies, CrmStore.Contacts),
        [3] = (CrmStore.Deals, CrmStore.Contacts), [4] = (CrmStore.Contacts, CrmStore.Deals),
        [5] = (CrmStore.Deals, CrmStore.Companies), [341] = (CrmStore.Deals, CrmStore.Companies), [342] = (CrmStore.Companies, CrmStore.Deals),
    };

    private static readonly HashSet<string> DateProperties = ["createdate", "lastmodifieddate", "hs_lastmodifieddate", "closedate"];

    public static void MapHubSpotCrm(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/account-info/v3/details", AccountDetails);
        var objects = routes.MapGroup("/crm/v3/objects/{objectType}");
        objects.MapGet(string.Empty, List);
        objects.MapPost(string.Empty, CreateAsync);
        objects.MapPost("/search", SearchAsync);
        objects.MapGet("/{objectId}", Get);
        objects.MapPatch("/{objectId}", UpdateAsync);
        objects.MapDelete("/{objectId}", Archive);
        routes.MapPut("/crm/v4/objects/{fromType}/{fromId}/associations/default/{toType}/{toId}", AssociateDefault);
    }

    private static IResult AccountDetails(HttpContext context, HubSpotState state) =>
        HubSpotApiGuard.Check(context, state, null) ?? Json(new JsonObject
        {
            ["portalId"] = HubSpotSandboxApp.PortalId,
            ["accountType"] = "STANDARD",
            ["timeZone"] = "US/Eastern",
            ["companyCurrency"] = "USD",
            ["additionalCurrencies"] = new JsonArray("EUR", "GBP"),
            ["utcOffset"] = "-04:00",
            ["utcOffsetMilliseconds"] = -14_400_000,
            ["uiDomain"] = "app.hubspot.com",
            ["dataHostingLocation"] = "na1",
        });

    private static IResult List(string objectType, HttpContext context, HubSpotState state, SandboxUrls urls)
    {
        if (!CrmStore.IsType(objectType))
        {
            return HubSpotErrors.Error(400, "VALIDATION_ERROR", $"Unable to infer object type from: {objectType}");
        }

        if (HubSpotApiGuard.Check(context, state, Scope(objectType, write: false)) is { } denied)
        {
            return denied;
        }

        var query = context.Request.Query;
        if (!TryLimit(query["limit"].ToString(), 10, 100, out var limit))
        {
            return HubSpotErrors.Validation("limit must be between 1 and 100");
        }

        long.TryParse(query["after"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var after);
        var records = state.Crm.All(objectType, query["archived"].ToString() == "true").Where(r => r.Id >= after).Take(limit + 1).ToList();
        var page = new JsonObject
        {
            ["results"] = new JsonArray([.. records.Take(limit).Select(r => (JsonNode)Render(r, state.Crm, Csv(query["properties"]), Csv(query["associations"])))]),
        };
        if (records.Count > limit)
        {
            var next = records[limit].Id.ToString(CultureInfo.InvariantCulture);
            page["paging"] = new JsonObject
            {
                ["next"] = new JsonObject
                {
                    ["after"] = next,
                    ["link"] = $"{urls.AppBaseUrl(context, HubSpotSandboxApp.AppName)}/crm/v3/objects/{objectType}?limit={limit}&after={next}",
                },
            };
        }

        return Json(page);
    }

    private static IResult Get(string objectType, string objectId, HttpContext context, HubSpotState state)
    {
        if (!CrmStore.IsType(objectType))
        {
            return HubSpotErrors.NotFound();
        }

        if (HubSpotApiGuard.Check(context, state, Scope(objectType, write: false)) is { } denied)
        {
            return denied;
        }

        var query = context.Request.Query;
        var idProperty = query["idProperty"].ToString();
        var record = idProperty.Length > 0 && idProperty != "hs_object_id"
            ? state.Crm.FindBy(objectType, idProperty, objectId)
            : long.TryParse(objectId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? state.Crm.Get(objectType, id, query["archived"].ToString() == "true") : null;
        return record is null ? HubSpotErrors.NotFound() : Json(Render(record, state.Crm, Csv(query["properties"]), Csv(query["associations"])));
    }

    private static async Task<IResult> CreateAsync(string objectType, HttpContext context, HubSpotState state)
    {
        if (!CrmStore.IsType(objectType))
        {
            return HubSpotErrors.Error(400, "VALIDATION_ERROR", $"Unable to infer object type from: {objectType}");
        }

        if (HubSpotApiGuard.Check(context, state, Scope(objectType, write: true)) is { } denied)
        {
            return denied;
        }

        var (body, bad) = await ReadAsync(context);
        if (bad is not null)
        {
            return bad;
        }

        var (properties, invalid) = Properties(objectType, body!["properties"], state.Crm, null);
        if (invalid is not null)
        {
            return invalid;
        }

        var links = new List<(string ToType, long ToId, int TypeId)>();
        foreach (var association in (body["associations"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var to = association["to"]?["id"]?.ToString();
            var typeId = (association["types"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault()?["associationTypeId"]?.GetValue<int>();
            if (typeId is not { } t || !AssociationTypes.TryGetValue(t, out var pair) || pair.From != objectType
                || !long.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out var toId) || state.Crm.Get(pair.To, toId) is null)
            {
                return HubSpotErrors.Validation($"Association to {to} with type {typeId} is not valid for {objectType}.");
            }

            links.Add((pair.To, toId, t));
        }

        var created = state.Crm.Create(objectType, properties!);
        foreach (var (toType, toId, typeId) in links)
        {
            state.Crm.Associate(objectType, created.Id, toType, toId, typeId);
            state.Crm.Associate(toType, toId, objectType, created.Id, Reverse(typeId));
        }

        return Json(Render(created, state.Crm, [.. properties!.Keys], []), StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string objectType, string objectId, HttpContext context, HubSpotState state)
    {
        if (!CrmStore.IsType(objectType))
        {
            return HubSpotErrors.NotFound();
        }

        if (HubSpotApiGuard.Check(context, state, Scope(objectType, write: true)) is { } denied)
        {
            return denied;
        }

        if (!long.TryParse(objectId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || state.Crm.Get(objectType, id) is null)
        {
            return HubSpotErrors.NotFound();
        }

        var (body, bad) = await ReadAsync(context);
        if (bad is not null)
        {
            return bad;
        }

        var (properties, invalid) = Properties(objectType, body!["properties"], state.Crm, id);
        if (invalid is not null)
        {
            return invalid;
        }

        return state.Crm.Update(objectType, id, properties!) is { } updated ? Json(Render(updated, state.Crm, [.. properties!.Keys], [])) : HubSpotErrors.NotFound();
    }

    private static IResult Archive(string objectType, string objectId, HttpContext context, HubSpotState state)
    {
        if (!CrmStore.IsType(objectType))
        {
            return HubSpotErrors.NotFound();
        }

        if (HubSpotApiGuard.Check(context, state, Scope(objectType, write: true)) is { } denied)
        {
            return denied;
        }

        // HubSpot answers 204 whether or not the record still existed.
        if (long.TryParse(objectId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            state.Crm.Archive(objectType, id);
        }

        return Results.NoContent();
    }

    private static async Task<IResult> SearchAsync(string objectType, HttpContext context, HubSpotState state)
    {
        if (!CrmStore.IsType(objectType))
        {
            return HubSpotErrors.Error(400, "VALIDATION_ERROR", $"Unable to infer object type from: {objectType}");
        }

        if (HubSpotApiGuard.Check(context, state, Scope(objectType, write: false), search: true) is { } denied)
        {
            return denied;
        }

        var (body, bad) = await ReadAsync(context);
        if (bad is not null)
        {
            return bad;
        }

        var limit = body!["limit"]?.GetValueKind() == JsonValueKind.Number ? body["limit"]!.GetValue<int>() : 10;
        if (limit is < 1 or > 200)
        {
            return HubSpotErrors.Validation("limit must be between 1 and 200");
        }

        var groups = (body["filterGroups"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        if (groups.Count > 5 || groups.Any(g => (g["filters"] as JsonArray)?.Count > 6))
        {
            return HubSpotErrors.Validation("A search may have at most 5 filterGroups with at most 6 filters each.");
        }

        var queryText = body["query"]?.GetValueKind() == JsonValueKind.String ? body["query"]!.GetValue<string>() : null;
        var matches = state.Crm.All(objectType)
            .Where(r => groups.Count == 0 || groups.Any(g => ((g["filters"] as JsonArray)?.OfType<JsonObject>() ?? []).All(f => Matches(r, f))))
            .Where(r => queryText is null || r.Properties.Values.Any(v => v is not null && v.Contains(queryText, StringComparison.OrdinalIgnoreCase)));
        matches = Sort(matches, (body["sorts"] as JsonArray)?.FirstOrDefault());
        var all = matches.ToList();
        var offset = int.TryParse(body["after"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
        var properties = (body["properties"] as JsonArray)?.Select(p => p?.ToString() ?? "").Where(p => p.Length > 0).ToList() ?? [];
        var page = new JsonObject
        {
            ["total"] = all.Count,
            ["results"] = new JsonArray([.. all.Skip(offset).Take(limit).Select(r => (JsonNode)Render(r, state.Crm, properties, []))]),
        };
        if (offset + limit < all.Count)
        {
            page["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = (offset + limit).ToString(CultureInfo.InvariantCulture) } };
        }

        return Json(page);
    }

    private static IResult AssociateDefault(string fromType, string fromId, string toType, string toId, HttpContext context, HubSpotState state)
    {
        if (!CrmStore.IsType(fromType) || !CrmStore.IsType(toType))
        {
            return HubSpotErrors.Validation($"Unknown object type in {fromType} → {toType}.");
        }

        if (HubSpotApiGuard.Check(context, state, Scope(fromType, write: true)) is { } denied)
        {
            return denied;
        }

        var typeId = AssociationTypes.Where(a => a.Value == (fromType, toType)).Select(a => a.Key).DefaultIfEmpty(0).Max(k => k is 1 or 5 ? 0 : k);
        if (!long.TryParse(fromId, NumberStyles.None, CultureInfo.InvariantCulture, out var from) || state.Crm.Get(fromType, from) is null
            || !long.TryParse(toId, NumberStyles.None, CultureInfo.InvariantCulture, out var to) || state.Crm.Get(toType, to) is null || typeId == 0)
        {
            return HubSpotErrors.Error(400, "VALIDATION_ERROR", $"One or more of the records {fromType} {fromId} and {toType} {toId} do not exist.");
        }

        var started = state.Time.GetUtcNow();
        state.Crm.Associate(fromType, from, toType, to, typeId);
        state.Crm.Associate(toType, to, fromType, from, Reverse(typeId));
        JsonObject Result(string a, string b, int type) => new()
        {
            ["from"] = new JsonObject { ["id"] = a },
            ["to"] = new JsonObject { ["id"] = b },
            ["associationSpec"] = new JsonObject { ["associationCategory"] = "HUBSPOT_DEFINED", ["associationTypeId"] = type },
        };
        return Json(new JsonObject
        {
            ["status"] = "COMPLETE",
            ["results"] = new JsonArray(Result(fromId, toId, typeId), Result(toId, fromId, Reverse(typeId))),
            ["startedAt"] = CrmStore.Iso(started),
            ["completedAt"] = CrmStore.Iso(state.Time.GetUtcNow()),
        });
    }

    private static int Reverse(int typeId) => typeId switch
    {
        1 or 279 => 280,
        280 => 279,
        3 => 4,
        4 => 3,
        5 or 341 => 342,
        342 => 341,
        _ => typeId,
    };

    private static string Scope(string objectType, bool write) => $"crm.objects.{objectType}.{(write ? "write" : "read")}";

    private static JsonObject Render(CrmRecord record, CrmStore crm, IReadOnlyList<string> properties, IReadOnlyList<string> associations)
    {
        var names = (properties.Count == 0 ? CrmStore.DefaultProperties[record.Type] : properties)
            .Concat(["createdate", CrmStore.ModifiedProperty(record.Type), "hs_object_id"]).Distinct(StringComparer.Ordinal);
        var props = new JsonObject();
        foreach (var name in names)
        {
            props[name] = record.Properties.GetValueOrDefault(name);
        }

        var json = new JsonObject
        {
            ["id"] = record.Id.ToString(CultureInfo.InvariantCulture),
            ["properties"] = props,
            ["createdAt"] = CrmStore.Iso(record.CreatedAt),
            ["updatedAt"] = CrmStore.Iso(record.UpdatedAt),
            ["archived"] = record.Archived,
        };
        var linked = new JsonObject();
        foreach (var type in associations.Where(CrmStore.IsType))
        {
            var refs = crm.Associations(record.Type, record.Id, type);
            if (refs.Count > 0)
            {
                linked[type] = new JsonObject
                {
                    ["results"] = new JsonArray([.. refs.Select(r => (JsonNode)new JsonObject
                    {
                        ["id"] = r.Id.ToString(CultureInfo.InvariantCulture),
                        ["type"] = $"{Singular(record.Type)}_to_{Singular(type)}",
                    })]),
                };
            }
        }

        if (linked.Count > 0)
        {
            json["associations"] = linked;
        }

        return json;
    }

    private static string Singular(string type) => type switch { CrmStore.Companies => "company", CrmStore.Contacts => "contact", _ => "deal" };

    /// <summary>Validates a <c>properties</c> object the way HubSpot does; values of any JSON scalar become strings.</summary>
    private static (Dictionary<string, string?>? Properties, IResult? Error) Properties(string objectType, JsonNode? node, CrmStore crm, long? updating)
    {
        if (node is not JsonObject obj)
        {
            return (null, HubSpotErrors.Validation("Invalid input JSON: properties is required and must be an object."));
        }

        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, raw) in obj)
        {
            var value = raw?.GetValueKind() switch
            {
                JsonValueKind.String => raw.GetValue<string>(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => raw.ToJsonString(),
                _ => null,
            };
            if (!CrmStore.KnownProperties[objectType].Contains(name))
            {
                return (null, HubSpotErrors.InvalidProperty(name, "PROPERTY_DOESNT_EXIST", $"Property \"{name}\" does not exist"));
            }

            if (name is "hs_object_id" or "createdate" or "lastmodifieddate" or "hs_lastmodifieddate" or "hs_deal_stage_probability")
            {
                return (null, HubSpotErrors.InvalidProperty(name, "READ_ONLY_VALUE", $"{name} is a read only property; its value cannot be set."));
            }

            if (!string.IsNullOrEmpty(value))
            {
                if (name == "email" && !IsEmail(value))
                {
                    return (null, HubSpotErrors.InvalidProperty(name, "INVALID_EMAIL", $"Email address {value} is invalid"));
                }

                if (name == "numberofemployees" && !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                {
                    return (null, HubSpotErrors.InvalidProperty(name, "INVALID_INTEGER", $"{value} was not a valid long."));
                }

                if (name is "amount" or "annualrevenue" && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                {
                    return (null, HubSpotErrors.InvalidProperty(name, "INVALID_FLOAT", $"{value} was not a valid number."));
                }

                if (name == "dealstage" && !CrmStore.StageProbability.ContainsKey(value))
                {
                    return (null, HubSpotErrors.InvalidProperty(name, "INVALID_OPTION", $"{value} was not one of the allowed options: {string.Join(", ", CrmStore.StageProbability.Keys)}"));
                }

                if (name == "closedate" && !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) && !long.TryParse(value, out _))
                {
                    return (null, HubSpotErrors.InvalidProperty(name, "INVALID_DATE", $"{value} is not a valid date."));
                }
            }

            result[name] = value;
        }

        if (objectType == CrmStore.Contacts && result.GetValueOrDefault("email") is { Length: > 0 } email
            && crm.FindBy(CrmStore.Contacts, "email", email) is { } existing && existing.Id != updating)
        {
            return (null, HubSpotErrors.Error(409, "CONFLICT", $"Contact already exists. Existing ID: {existing.Id}"));
        }

        return (result, null);
    }

    private static bool Matches(CrmRecord record, JsonObject filter)
    {
        var name = filter["propertyName"]?.ToString() ?? "";
        var op = filter["operator"]?.ToString() ?? "EQ";
        var actual = name == "hs_object_id" ? record.Id.ToString(CultureInfo.InvariantCulture) : record.Properties.GetValueOrDefault(name);
        var value = filter["value"]?.ToString();
        var values = (filter["values"] as JsonArray)?.Select(v => v?.ToString()).ToList() ?? [];
        return op switch
        {
            "HAS_PROPERTY" => actual is not null,
            "NOT_HAS_PROPERTY" => actual is null,
            "EQ" => actual is not null && Compare(name, actual, value) == 0,
            "NEQ" => actual is null || Compare(name, actual, value) != 0,
            "LT" => actual is not null && Compare(name, actual, value) < 0,
            "LTE" => actual is not null && Compare(name, actual, value) <= 0,
            "GT" => actual is not null && Compare(name, actual, value) > 0,
            "GTE" => actual is not null && Compare(name, actual, value) >= 0,
            "BETWEEN" => actual is not null && Compare(name, actual, value) >= 0 && Compare(name, actual, filter["highValue"]?.ToString()) <= 0,
            "IN" => actual is not null && values.Any(v => Compare(name, actual, v) == 0),
            "NOT_IN" => actual is null || values.All(v => Compare(name, actual, v) != 0),
            "CONTAINS_TOKEN" => actual is not null && value is not null && actual.Contains(value.Trim('*'), StringComparison.OrdinalIgnoreCase),
            "NOT_CONTAINS_TOKEN" => actual is null || value is null || !actual.Contains(value.Trim('*'), StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    private static IEnumerable<CrmRecord> Sort(IEnumerable<CrmRecord> records, JsonNode? sort)
    {
        string? name;
        var descending = false;
        if (sort is JsonObject s)
        {
            name = s["propertyName"]?.ToString();
            descending = s["direction"]?.ToString() == "DESCENDING";
        }
        else
        {
            name = sort?.ToString();
            if (name?.StartsWith('-') == true)
            {
                descending = true;
                name = name[1..];
            }
        }

        if (string.IsNullOrEmpty(name))
        {
            return records.OrderBy(r => r.Id);
        }

        var comparer = Comparer<string?>.Create((a, b) => a is null ? (b is null ? 0 : -1) : b is null ? 1 : Compare(name, a, b));
        var ordered = descending ? records.OrderByDescending(r => r.Properties.GetValueOrDefault(name), comparer) : records.OrderBy(r => r.Properties.GetValueOrDefault(name), comparer);
        return ordered.ThenBy(r => r.Id);
    }

    /// <summary>Dates compare as instants (filter values are epoch milliseconds or ISO), numbers as numbers, text case-insensitively.</summary>
    private static int Compare(string property, string actual, string? value)
    {
        if (value is null)
        {
            return 1;
        }

        if (DateProperties.Contains(property) && Instant(actual) is { } a && Instant(value) is { } b)
        {
            return a.CompareTo(b);
        }

        if (decimal.TryParse(actual, NumberStyles.Number, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var y))
        {
            return x.CompareTo(y);
        }

        return string.Compare(actual, value, StringComparison.OrdinalIgnoreCase);
    }

    private static long? Instant(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUnixTimeMilliseconds() : null;

    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal) && !value.Contains("..", StringComparison.Ordinal);

    private static bool TryLimit(string text, int fallback, int max, out int limit)
    {
        limit = fallback;
        return text.Length == 0 || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= max);
    }

    private static List<string> Csv(string? text) => [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static async Task<(JsonObject? Body, IResult? Error)> ReadAsync(HttpContext context)
    {
        try
        {
            var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return node is JsonObject obj ? (obj, null) : (null, HubSpotErrors.InvalidJson("the body must be a JSON object"));
        }
        catch (JsonException ex)
        {
            return (null, HubSpotErrors.InvalidJson(ex.Message));
        }
    }

    private static IResult Json(JsonObject body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(), "application/json;charset=utf-8", statusCode: status);
}
