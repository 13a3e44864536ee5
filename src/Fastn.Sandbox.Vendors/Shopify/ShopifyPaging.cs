using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Fastn.Sandbox.Vendors.Shopify;

/// <summary>
/// Shopify's cursor pagination: <c>limit</c> (1–250, default 50) and an opaque <c>page_info</c> that carries the filters of the
/// first request, so a request with <c>page_info</c> takes no other filter; <c>Link</c> header with <c>rel="previous"</c> and <c>rel="next"</c>.
/// </summary>
internal static class ShopifyPaging
{
    private static readonly HashSet<string> PagingParameters = new(StringComparer.Ordinal) { "limit", "page_info", "fields" };

    /// <summary>Answers one page of <paramref name="key"/>; <paramref name="select"/> gives the whole ordered list for the filters.</summary>
    public static IResult Page(HttpContext context, ShopifyShopData shop, string key, Func<IReadOnlyDictionary<string, string>, IReadOnlyList<JsonObject>> select,
        Func<JsonObject, long>? idOf = null)
    {
        idOf ??= ShopifyShopData.Id;
        var query = context.Request.Query;
        var limit = 50;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 250))
        {
            return ShopifyAdminEndpoints.Errors(400, new JsonObject { ["limit"] = "Limit must be between 1 and 250." });
        }

        Dictionary<string, string> filters;
        string? direction = null;
        long anchor = 0;
        if (query.TryGetValue("page_info", out var pageInfo))
        {
            if (query.Keys.FirstOrDefault(k => !PagingParameters.Contains(k)) is { } extra)
            {
                return ShopifyAdminEndpoints.Errors(400, new JsonObject { ["page_info"] = $"Unsupported parameter with page_info: {extra}." });
            }

            if (Decode(pageInfo.ToString()) is not { } cursor)
            {
                return ShopifyAdminEndpoints.Errors(400, new JsonObject { ["page_info"] = "Invalid value." });
            }

            (filters, direction, anchor) = cursor;
        }
        else
        {
            filters = query.Where(q => !PagingParameters.Contains(q.Key)).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        }

        JsonArray items;
        int start, count;
        lock (shop.Lock)
        {
            var all = select(filters);
            count = all.Count;
            var at = direction is null ? -1 : IndexOf(all, anchor, idOf);
            start = direction switch
            {
                "next" => at + 1,
                "prev" => Math.Max(0, (at < 0 ? 0 : at) - limit),
                _ => 0,
            };
            var end = direction == "prev" && at >= 0 ? at : Math.Min(count, start + limit);
            items = new JsonArray([.. all.Skip(start).Take(end - start).Select(o => o.DeepClone())]);
        }

        var links = new List<string>();
        var url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}";
        if (start > 0 && items.Count > 0)
        {
            links.Add($"<{url}?limit={limit}&page_info={Encode(filters, "prev", idOf(items[0]!.AsObject()))}>; rel=\"previous\"");
        }

        if (start + items.Count < count && items.Count > 0)
        {
            links.Add($"<{url}?limit={limit}&page_info={Encode(filters, "next", idOf(items[^1]!.AsObject()))}>; rel=\"next\"");
        }

        if (links.Count > 0)
        {
            context.Response.Headers.Link = string.Join(", ", links);
        }

        return ShopifyAdminEndpoints.Json(new JsonObject { [key] = items });
    }

    private static int IndexOf(IReadOnlyList<JsonObject> all, long id, Func<JsonObject, long> idOf)
    {
        for (var i = 0; i < all.Count; i++)
        {
            if (idOf(all[i]) == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Encode(Dictionary<string, string> filters, string direction, long anchor)
    {
        var json = new JsonObject { ["d"] = direction, ["a"] = anchor, ["f"] = new JsonObject([.. filters.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))]) };
        return WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    private static (Dictionary<string, string> Filters, string Direction, long Anchor)? Decode(string pageInfo)
    {
        try
        {
            var json = JsonNode.Parse(WebEncoders.Base64UrlDecode(pageInfo)) as JsonObject;
            var direction = json?["d"]?.GetValue<string>();
            if (json is null || direction is not ("next" or "prev") || json["f"] is not JsonObject f || json["a"] is not JsonValue a || !a.TryGetValue<long>(out var anchor))
            {
                return null;
            }

            return (f.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal), direction, anchor);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
