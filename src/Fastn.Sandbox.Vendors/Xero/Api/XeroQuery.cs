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

    /// <summary>The request's <c>If-Modified-Since</c>, or <see langword="null"/> when it is absent or malformed.</summary>
    public static DateTimeOffset? ModifiedSince(HttpRequest request) => ParseModifiedSince(request.Headers.IfModifiedSince.ToString());

    /// <summary>
    /// Reads <c>If-Modified-Since</c> as Xero does: the spec's <c>date-time</c> (<c>2025-10-15T13:52:29.452Z</c>, or with an
    /// offset), a bare <c>2025-10-15T13:52:29</c> taken as UTC (Xero documents the value as a UTC timestamp), or HTTP's own
    /// date format. Anything else is ignored, as HTTP has a recipient do with an invalid <c>If-Modified-Since</c> (RFC 9110
    /// §13.1.3) and as the spec documents no error for it: the request returns every record.
    /// </summary>
    public static DateTimeOffset? ParseModifiedSince(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var value = header.Trim();
        if (IsoDateTime().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var since))
        {
            return since;
        }

        return DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var httpDate)
            ? httpDate
            : null;
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

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"^/Date\((-?\d+)")]
    private static partial Regex MsDate();
}
