using System.Text.Json.Nodes;

namespace Fastn.Connectors.BuiltIn.Tests.Specs;

/// <summary>
/// Decodes form and multipart bodies into a JSON tree using the bracket notation Stripe (and Rack, PHP) use:
/// <c>metadata[key]=v</c> → <c>{"metadata":{"key":"v"}}</c>, <c>items[0][price]=p</c> → <c>{"items":{"0":{"price":"p"}}}</c>,
/// <c>expand[]=a&amp;expand[]=b</c> → <c>{"expand":{"0":"a","1":"b"}}</c>. Numbered objects stand for arrays; the
/// validator reads them as arrays where the schema wants one.
/// </summary>
internal static class FormBody
{
    public static JsonObject Decode(string body)
    {
        var root = new JsonObject();
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Unescape(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Unescape(pair[(eq + 1)..]);
            Insert(root, name, value);
        }

        return root;
    }

    public static JsonObject DecodeMultipart(string contentType, string body)
    {
        var boundary = contentType.Split(';').Select(p => p.Trim())
            .FirstOrDefault(p => p.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))?["boundary=".Length..].Trim('"')
            ?? throw new FormatException("multipart content type without a boundary");
        var root = new JsonObject();
        foreach (var part in body.Split("--" + boundary, StringSplitOptions.None).Skip(1))
        {
            if (part.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var headerEnd = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var separator = 4;
            if (headerEnd < 0)
            {
                headerEnd = part.IndexOf("\n\n", StringComparison.Ordinal);
                separator = 2;
            }

            if (headerEnd < 0)
            {
                throw new FormatException("a multipart part without headers");
            }

            var headers = part[..headerEnd];
            var match = System.Text.RegularExpressions.Regex.Match(headers, "name=\"?([^\";\r\n]+)\"?", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            if (!match.Success)
            {
                throw new FormatException("a multipart part without a name");
            }

            var value = part[(headerEnd + separator)..];
            value = value.EndsWith("\r\n", StringComparison.Ordinal) ? value[..^2] : value.TrimEnd('\n');
            Insert(root, match.Groups[1].Value, value);
        }

        return root;
    }

    /// <summary>Splits <c>a[b][0][]</c> into <c>a</c>, <c>b</c>, <c>0</c>, <c>""</c>.</summary>
    public static List<string> Keys(string name)
    {
        var keys = new List<string>();
        var open = name.IndexOf('[', StringComparison.Ordinal);
        if (open <= 0)
        {
            keys.Add(name);
            return keys;
        }

        keys.Add(name[..open]);
        var rest = name[open..];
        while (rest.Length > 0 && rest[0] == '[')
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            keys.Add(rest[1..close]);
            rest = rest[(close + 1)..];
        }

        return keys;
    }

    private static void Insert(JsonObject root, string name, string value)
    {
        var keys = Keys(name);
        var node = root;
        for (var i = 0; i < keys.Count; i++)
        {
            // "[]" appends: the next free number.
            var key = keys[i].Length == 0 ? node.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : keys[i];
            if (i == keys.Count - 1)
            {
                node[key] = JsonValue.Create(value);
                break;
            }

            if (node[key] is not JsonObject child)
            {
                child = [];
                node[key] = child;
            }

            node = child;
        }
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
