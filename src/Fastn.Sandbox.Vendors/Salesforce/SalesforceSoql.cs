using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fastn.Sandbox.Vendors.Salesforce;

/// <summary>A SOQL error: Salesforce's errorCode (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE) and message.</summary>
internal sealed class SoqlException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;
}

/// <summary>One WHERE condition: field, operator and literal (string, decimal, bool, DateTimeOffset, DateOnly or null).</summary>
internal sealed record SoqlCondition(string Field, string Operator, object? Value);

/// <summary>A parsed SOQL query.</summary>
internal sealed record SoqlQuery(SalesforceObjectInfo From, IReadOnlyList<string> Fields, IReadOnlyList<SoqlCondition> Where,
    IReadOnlyList<(string Field, bool Descending)> OrderBy, int? Limit, int Offset);

/// <summary>
/// The SOQL the simulation understands: <c>SELECT f1, Rel.f2 FROM Object [WHERE a op x AND …] [ORDER BY f [ASC|DESC], …] [LIMIT n] [OFFSET n]</c>,
/// with =, !=, &lt;&gt;, &lt;, &gt;, &lt;=, &gt;=, LIKE and string, number, boolean, null, date and dateTime literals.
/// </summary>
internal static partial class SalesforceSoql
{
    private static readonly HashSet<string> Operators = ["=", "!=", "<>", "<", ">", "<=", ">=", "LIKE"];

    public static SoqlQuery Parse(string soql)
    {
        var tokens = new List<string>();
        var position = 0;
        foreach (Match match in Tokens().Matches(soql))
        {
            if (match.Index != position)
            {
                break;
            }

            tokens.Add(match.Groups[1].Value);
            position = match.Index + match.Length;
        }

        if (soql[position..].Trim().Length > 0)
        {
            throw new SoqlException("MALFORMED_QUERY", $"unexpected token: '{soql[position..].Trim().Split(' ')[0]}'");
        }

        var at = 0;
        string Peek() => at < tokens.Count ? tokens[at] : "";
        bool Is(string keyword) => string.Equals(Peek(), keyword, StringComparison.OrdinalIgnoreCase);
        string Take() => at < tokens.Count ? tokens[at++] : throw new SoqlException("MALFORMED_QUERY", "unexpected end of query");
        void Expect(string keyword)
        {
            if (!Is(keyword))
            {
                throw new SoqlException("MALFORMED_QUERY", $"unexpected token: '{Peek()}'");
            }

            at++;
        }

        Expect("SELECT");
        var fields = new List<string> { Take() };
        while (Peek() == ",")
        {
            at++;
            fields.Add(Take());
        }

        Expect("FROM");
        var name = Take();
        var from = SalesforceSchema.Find(name) ?? throw new SoqlException("INVALID_TYPE", $"sObject type '{name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.");
        foreach (var field in fields)
        {
            CheckField(from, field);
        }

        var where = new List<SoqlCondition>();
        if (Is("WHERE"))
        {
            do
            {
                at++;
                var field = Take();
                CheckField(from, field);
                var op = Take().ToUpperInvariant();
                if (!Operators.Contains(op))
                {
                    throw new SoqlException("MALFORMED_QUERY", $"unexpected token: '{op}'");
                }

                where.Add(new SoqlCondition(field, op == "<>" ? "!=" : op, Literal(Take())));
            }
            while (Is("AND"));
        }

        var orderBy = new List<(string, bool)>();
        if (Is("ORDER"))
        {
            at++;
            Expect("BY");
            do
            {
                if (Peek() == ",")
                {
                    at++;
                }

                var field = Take();
                CheckField(from, field);
                var descending = false;
                if (Is("ASC") || Is("DESC"))
                {
                    descending = Take().Equals("DESC", StringComparison.OrdinalIgnoreCase);
                }

                orderBy.Add((field, descending));
            }
            while (Peek() == ",");
        }

        int? limit = null;
        var offset = 0;
        if (Is("LIMIT"))
        {
            at++;
            limit = int.TryParse(Take(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new SoqlException("MALFORMED_QUERY", "LIMIT must be a non-negative integer");
        }

        if (Is("OFFSET"))
        {
            at++;
            offset = int.TryParse(Take(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 2000 ? n : throw new SoqlException("NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is 2000");
        }

        if (at < tokens.Count)
        {
            throw new SoqlException("MALFORMED_QUERY", $"unexpected token: '{Peek()}'");
        }

        return new SoqlQuery(from, fields, where, orderBy, limit, offset);
    }

    /// <summary>Filters, sorts and pages <paramref name="records"/> as the query says.</summary>
    public static List<JsonObject> Run(SoqlQuery query, IEnumerable<JsonObject> records)
    {
        var matching = records.Where(r => query.Where.All(c => Matches(r[c.Field], c))).ToList();
        matching.Sort((a, b) =>
        {
            foreach (var (field, descending) in query.OrderBy.Append(("Id", false)))
            {
                var order = CompareNodes(a[field], b[field]);
                if (order != 0)
                {
                    return descending ? -order : order;
                }
            }

            return 0;
        });
        IEnumerable<JsonObject> result = matching.Skip(query.Offset);
        return [.. query.Limit is { } limit ? result.Take(limit) : result];
    }

    private static void CheckField(SalesforceObjectInfo from, string field)
    {
        var parts = field.Split('.');
        if (parts.Length == 1 && from.Field(field) is not null)
        {
            return;
        }

        if (parts.Length == 2 && from.Field(parts[0] + "Id") is { ReferenceTo: { } target } && SalesforceSchema.Find(target) is { } related && related.Field(parts[1]) is not null)
        {
            return;
        }

        throw new SoqlException("INVALID_FIELD", $"No such column '{field}' on entity '{from.Name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.");
    }

    private static object? Literal(string token)
    {
        if (token.StartsWith('\''))
        {
            return Regex.Unescape(token[1..^1].Replace("\\'", "'", StringComparison.Ordinal));
        }

        if (token.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (bool.TryParse(token, out var b))
        {
            return b;
        }

        if (token.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        if (DateOnly.TryParseExact(token, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        return decimal.TryParse(token, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new SoqlException("MALFORMED_QUERY", $"unexpected token: '{token}'");
    }

    private static bool Matches(JsonNode? value, SoqlCondition condition)
    {
        if (condition.Value is null)
        {
            return condition.Operator switch { "=" => value is null, "!=" => value is not null, _ => false };
        }

        if (value is null)
        {
            return condition.Operator == "!=";
        }

        if (condition.Operator == "LIKE")
        {
            var pattern = "^" + Regex.Escape(Convert.ToString(condition.Value, CultureInfo.InvariantCulture)!).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$";
            return value.GetValueKind() == JsonValueKind.String && Regex.IsMatch(value.GetValue<string>(), pattern, RegexOptions.IgnoreCase | RegexOptions.Singleline);
        }

        int? order = condition.Value switch
        {
            DateTimeOffset at => ParseStamp(value) is { } stamp ? stamp.CompareTo(at) : null,
            DateOnly date => DateOnly.TryParseExact(value.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.CompareTo(date) : null,
            decimal number => value.GetValueKind() == JsonValueKind.Number ? value.GetValue<decimal>().CompareTo(number) : null,
            bool flag => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>().CompareTo(flag) : null,
            string text => value.GetValueKind() == JsonValueKind.String ? string.Compare(value.GetValue<string>(), text, StringComparison.OrdinalIgnoreCase) : null,
            _ => null,
        };
        return order is { } o && condition.Operator switch
        {
            "=" => o == 0,
            "!=" => o != 0,
            "<" => o < 0,
            ">" => o > 0,
            "<=" => o <= 0,
            ">=" => o >= 0,
            _ => false,
        };
    }

    /// <summary>A Salesforce dateTime value (<c>2024-03-09T09:00:00.000+0000</c>).</summary>
    public static DateTimeOffset? ParseStamp(JsonNode? value)
    {
        if (value?.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetValue<string>();
        if (text.EndsWith("+0000", StringComparison.Ordinal))
        {
            text = text[..^5] + "Z";
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }

    private static int CompareNodes(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null ? b is null ? 0 : -1 : 1;
        }

        if (a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number)
        {
            return a.GetValue<decimal>().CompareTo(b.GetValue<decimal>());
        }

        // Salesforce dateTimes are all UTC in one format, so they sort as text; ids sort by their characters.
        return a.GetValueKind() == JsonValueKind.String && b.GetValueKind() == JsonValueKind.String
            ? string.CompareOrdinal(a.GetValue<string>(), b.GetValue<string>())
            : string.CompareOrdinal(a.ToJsonString(), b.ToJsonString());
    }

    [GeneratedRegex(@"\s*('(?:[^'\\]|\\.)*'|\d{4}-\d{2}-\d{2}T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2})|\d{4}-\d{2}-\d{2}|-?\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_.]*|!=|<=|>=|<>|[=<>,])", RegexOptions.CultureInvariant)]
    private static partial Regex Tokens();
}
