using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fastn.Sandbox.Vendors.Stripe;

/// <summary>
/// Stripe's search query language for customers: clauses <c>field:'value'</c> (exact, case-insensitive),
/// <c>field~'value'</c> (substring, 3+ characters) and <c>-field:'value'</c> (negation) on email, name, phone,
/// description and <c>metadata['key']</c>, joined by <c>AND</c> or by <c>OR</c> (not both).
/// </summary>
internal static partial class StripeSearch
{
    private static readonly string[] Fields = ["email", "name", "phone", "description"];

    public static Func<JsonObject, bool> Compile(string query)
    {
        var hasAnd = AndPattern().IsMatch(query);
        var hasOr = OrPattern().IsMatch(query);
        if (hasAnd && hasOr)
        {
            throw Error(query, "queries cannot combine AND and OR");
        }

        var parts = (hasOr ? OrPattern() : AndPattern()).Split(query.Trim());
        var clauses = parts.Select(part => Clause(part.Trim(), query)).ToList();
        return hasOr ? c => clauses.Any(m => m(c)) : c => clauses.All(m => m(c));
    }

    private static Func<JsonObject, bool> Clause(string text, string query)
    {
        var match = ClausePattern().Match(text);
        if (!match.Success)
        {
            throw Error(query, $"could not parse '{text}'");
        }

        var negate = match.Groups["neg"].Success;
        var field = match.Groups["field"].Value;
        var key = match.Groups["key"].Success ? match.Groups["key"].Value : null;
        var op = match.Groups["op"].Value;
        var value = match.Groups["value"].Value.Replace("\\'", "'", StringComparison.Ordinal);
        if (field == "metadata" ? key is null : !Fields.Contains(field, StringComparer.Ordinal))
        {
            throw Error(query, $"'{field}' is not a searchable customer field");
        }

        if (op == "~" && value.Length < 3)
        {
            throw Error(query, "substring matches (~) need at least 3 characters");
        }

        return customer =>
        {
            var actual = key is null ? StripeParams.Str(customer, field) : (customer["metadata"] as JsonObject)?[key]?.GetValue<string>();
            var hit = actual is not null && (op == ":"
                ? string.Equals(actual, value, StringComparison.OrdinalIgnoreCase)
                : actual.Contains(value, StringComparison.OrdinalIgnoreCase));
            return hit != negate;
        };
    }

    private static StripeError Error(string query, string why) =>
        StripeError.Invalid("query", $"Invalid search query: {why}. See https://stripe.com/docs/search#search-query-language. Query: {query}");

    [GeneratedRegex(@"\s+AND\s+")]
    private static partial Regex AndPattern();

    [GeneratedRegex(@"\s+OR\s+")]
    private static partial Regex OrPattern();

    [GeneratedRegex(@"^(?<neg>-)?(?<field>[a-z_]+)(\['(?<key>[^']+)'\])?(?<op>[:~])'(?<value>(?:[^'\\]|\\.)*)'$")]
    private static partial Regex ClausePattern();
}
