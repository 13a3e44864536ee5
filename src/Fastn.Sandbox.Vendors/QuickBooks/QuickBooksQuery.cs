using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fastn.Sandbox.Vendors.QuickBooks;

/// <summary>
/// A parsed statement of QuickBooks' query language: <c>select * | count(*) from Entity [where a op v and …]
/// [orderby Field [asc|desc]] [startposition n] [maxresults m]</c>, with <c>=</c>, <c>&lt;</c>, <c>&gt;</c>, <c>&lt;=</c>,
/// <c>&gt;=</c>, <c>like</c> ('%' wildcards) and <c>in ('a','b')</c>.
/// </summary>
internal sealed partial record QuickBooksQuery(string Entity, bool Count, IReadOnlyList<(string Field, string Op, IReadOnlyList<string> Values)> Conditions,
    string? OrderBy, bool Descending, int StartPosition, int MaxResults)
{
    public static QuickBooksQuery? Parse(string statement)
    {
        var match = StatementPattern().Match(statement);
        if (!match.Success)
        {
            return null;
        }

        var conditions = new List<(string, string, IReadOnlyList<string>)>();
        if (match.Groups["where"].Success)
        {
            var where = match.Groups["where"].Value;
            var at = 0;
            while (true)
            {
                var c = ConditionPattern().Match(where, at);
                if (!c.Success || c.Index != at)
                {
                    return null;
                }

                var values = c.Groups["list"].Success
                    ? ListItemPattern().Matches(c.Groups["list"].Value).Select(m => Unquote(m.Value)).ToList()
                    : [Unquote(c.Groups["value"].Value)];
                conditions.Add((c.Groups["field"].Value, c.Groups["op"].Value.ToLowerInvariant(), values));
                at = c.Index + c.Length;
                if (at >= where.Length)
                {
                    break;
                }

                var and = AndPattern().Match(where, at);
                if (!and.Success || and.Index != at)
                {
                    return null;
                }

                at += and.Length;
            }
        }

        var start = match.Groups["start"].Success ? int.Parse(match.Groups["start"].Value, CultureInfo.InvariantCulture) : 1;
        var max = match.Groups["max"].Success ? int.Parse(match.Groups["max"].Value, CultureInfo.InvariantCulture) : 100;
        return new QuickBooksQuery(match.Groups["entity"].Value, match.Groups["count"].Success, conditions,
            match.Groups["order"].Success ? match.Groups["order"].Value : null,
            match.Groups["dir"].Value.Equals("desc", StringComparison.OrdinalIgnoreCase), Math.Max(start, 1), Math.Clamp(max, 1, 1000));
    }

    /// <summary>Filters and sorts; list entities hide inactive records unless the query filters on Active.</summary>
    public List<JsonObject> Run(IEnumerable<JsonObject> records, bool hidesInactive)
    {
        var filterActive = hidesInactive && !Conditions.Any(c => c.Field.Equals("Active", StringComparison.OrdinalIgnoreCase));
        var result = records.Where(r => (!filterActive || r["Active"]?.GetValueKind() != JsonValueKind.False) && Conditions.All(c => Matches(r, c))).ToList();
        var order = OrderBy ?? "Id";
        Comparison<JsonObject> compare = (a, b) => CompareValues(Resolve(a, order), Resolve(b, order));
        result.Sort((a, b) => Descending ? compare(b, a) : compare(a, b));
        return result;
    }

    private static bool Matches(JsonObject record, (string Field, string Op, IReadOnlyList<string> Values) condition)
    {
        var actual = Resolve(record, condition.Field);
        return condition.Op switch
        {
            "=" => CompareValues(actual, condition.Values[0]) == 0,
            "<" => CompareValues(actual, condition.Values[0]) < 0,
            ">" => CompareValues(actual, condition.Values[0]) > 0,
            "<=" => CompareValues(actual, condition.Values[0]) <= 0,
            ">=" => CompareValues(actual, condition.Values[0]) >= 0,
            "like" => actual is not null && Regex.IsMatch(actual, "^" + Regex.Escape(condition.Values[0]).Replace("%", ".*", StringComparison.Ordinal) + "$",
                RegexOptions.IgnoreCase | RegexOptions.Singleline, TimeSpan.FromSeconds(1)),
            "in" => condition.Values.Any(v => CompareValues(actual, v) == 0),
            _ => throw new FormatException($"Unsupported operator {condition.Op}."),
        };
    }

    /// <summary>A field's value as text: <c>Metadata.LastUpdatedTime</c> → MetaData.LastUpdatedTime; a reference → its value.</summary>
    private static string? Resolve(JsonObject record, string path)
    {
        JsonNode? node = record;
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject o)
            {
                return null;
            }

            var key = o.Select(p => p.Key).FirstOrDefault(k => k.Equals(part, StringComparison.OrdinalIgnoreCase));
            if (key is null)
            {
                if (!KnownFields.Contains(part))
                {
                    throw new FormatException($"property '{path}' is not queryable");
                }

                return null;
            }

            node = o[key];
        }

        if (node is JsonObject reference && reference["value"] is { } value)
        {
            node = value;
        }

        return node switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
            _ => node.ToJsonString(),
        };
    }

    private static readonly HashSet<string> KnownFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "Id", "DisplayName", "GivenName", "FamilyName", "CompanyName", "PrimaryEmailAddr", "Address", "Active", "Balance", "MetaData", "CreateTime",
        "LastUpdatedTime", "CustomerRef", "DocNumber", "TxnDate", "DueDate", "TotalAmt", "Name", "Type", "Sku", "Notes", "PrivateNote",
    };

    private static int CompareValues(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        if (decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y))
        {
            return x.CompareTo(y);
        }

        if (a.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var da)
            && DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var db))
        {
            return da.CompareTo(db);
        }

        return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
    }

    private static string Unquote(string value) =>
        value.StartsWith('\'') ? value[1..^1].Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal) : value;

    [GeneratedRegex(@"^\s*select\s+(?:\*|(?<count>count\(\*\)))\s+from\s+(?<entity>\w+)(?:\s+where\s+(?<where>.+?))?(?:\s+orderby\s+(?<order>[\w.]+)(?:\s+(?<dir>asc|desc))?)?(?:\s+startposition\s+(?<start>\d+))?(?:\s+maxresults\s+(?<max>\d+))?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex StatementPattern();

    [GeneratedRegex(@"(?<field>[\w.]+)\s*(?<op><=|>=|=|<|>|like\b|in\b)\s*(?:(?<value>'(?:[^'\\]|\\.)*'|true|false|-?\d+(?:\.\d+)?)|\((?<list>[^)]*)\))", RegexOptions.IgnoreCase)]
    private static partial Regex ConditionPattern();

    [GeneratedRegex(@"'(?:[^'\\]|\\.)*'|-?\d+(?:\.\d+)?")]
    private static partial Regex ListItemPattern();

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndPattern();
}
