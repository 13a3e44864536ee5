using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Fastn.Sandbox.Vendors.Xero.Api;

/// <summary>The parts of Xero's query language the simulation understands: <c>where</c> (== and != joined by AND), <c>order</c>, paging.</summary>
internal static partial class XeroQuery
{
    public const int PageSize = 100;

    /// <summary>Filters by <c>where</c>; <see langword="null"/> with an error message when it cannot be parsed.</summary>
    public static (IEnumerable<JsonObject>? Records, string? Error) Where(IEnumerable<JsonObject> records, string? where)
    {
        if (string.IsNullOrWhiteSpace(where))
        {
            return (records, null);
        }

        var clauses = new List<(string Field, bool Equal, JsonNode? Value)>();
        foreach (var part in where.Split(" AND ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Clause().Match(part);
            if (!match.Success)
            {
                return (null, $"Unsupported where clause '{part}'. Use Field==\"value\", Field!=\"value\" or Field==true joined by AND.");
            }

            var raw = match.Groups[3].Value;
            JsonNode? value = raw.StartsWith('"') ? JsonValue.Create(raw[1..^1])
                : raw is "true" or "false" ? JsonValue.Create(raw == "true")
                : decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n)
                : null;
            if (value is null)
            {
                return (null, $"Cannot parse the value '{raw}' in the where clause.");
            }

            clauses.Add((match.Groups[1].Value, match.Groups[2].Value == "==", value));
        }

        return (records.Where(r => clauses.All(c => Matches(Get(r, c.Field), c.Value) == c.Equal)), null);
    }

    public static IEnumerable<JsonObject> Order(IEnumerable<JsonObject> records, string? order, string defaultField)
    {
        var parts = (string.IsNullOrWhiteSpace(order) ? defaultField : order).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var field = parts[0];
        var descending = parts.Length > 1 && parts[1].Equals("DESC", StringComparison.OrdinalIgnoreCase);
        return descending ? records.OrderByDescending(r => SortKey(Get(r, field)), StringComparer.Ordinal)
            : records.OrderBy(r => SortKey(Get(r, field)), StringComparer.Ordinal);
    }

    public static DateTimeOffset? ModifiedSince(HttpRequest request)
    {
        var header = request.Headers.IfModifiedSince.ToString();
        return header.Length > 0 && DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var since)
            ? since : null;
    }

    public static int? Page(HttpRequest request) =>
        int.TryParse(request.Query["page"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? Math.Max(page, 1) : null;

    public static IReadOnlyList<string> List(HttpRequest request, string name) =>
        [.. request.Query[name].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.Trim('"'))];

    private static JsonNode? Get(JsonObject record, string path)
    {
        JsonNode? node = record;
        foreach (var name in path.Split('.'))
        {
            node = (node as JsonObject)?.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        }

        return node;
    }

    private static bool Matches(JsonNode? actual, JsonNode? expected) =>
        actual is JsonValue a && expected is JsonValue e && (a.GetValueKind() == System.Text.Json.JsonValueKind.String && e.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? string.Equals(a.GetValue<string>(), e.GetValue<string>(), StringComparison.OrdinalIgnoreCase)
            : JsonNode.DeepEquals(a, e) || (decimal.TryParse(a.ToJsonString(), CultureInfo.InvariantCulture, out var x) && decimal.TryParse(e.ToJsonString(), CultureInfo.InvariantCulture, out var y) && x == y));

    private static string SortKey(JsonNode? node)
    {
        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            var date = MsDate().Match(s);
            return date.Success ? long.Parse(date.Groups[1].Value, CultureInfo.InvariantCulture).ToString("D20", CultureInfo.InvariantCulture) : s.ToUpperInvariant();
        }

        return node is JsonValue n && decimal.TryParse(n.ToJsonString(), CultureInfo.InvariantCulture, out var d)
            ? (d + 1_000_000_000_000m).ToString("000000000000000.0000", CultureInfo.InvariantCulture)
            : node?.ToJsonString() ?? "";
    }

    [GeneratedRegex("""^([A-Za-z][A-Za-z0-9.]*)\s*(==|!=)\s*("[^"]*"|true|false|-?[0-9.]+)$""")]
    private static partial Regex Clause();

    [GeneratedRegex(@"^/Date\((-?\d+)")]
    private static partial Regex MsDate();
}
