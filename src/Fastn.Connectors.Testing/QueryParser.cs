namespace Fastn.Connectors.Testing;

/// <summary>Parses <c>?a=1&amp;b=x%20y</c> into unescaped pairs.</summary>
internal static class QueryParser
{
    public static Dictionary<string, string> Parse(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Unescape(at >= 0 ? pair[..at] : pair);
            result[name] = at >= 0 ? Unescape(pair[(at + 1)..]) : "";
        }

        return result;
    }

    private static string Unescape(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
