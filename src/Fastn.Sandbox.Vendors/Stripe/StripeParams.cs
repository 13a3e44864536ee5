using System.Globalization;
using System.Text.Json.Nodes;

namespace Fastn.Sandbox.Vendors.Stripe;

/// <summary>
/// Stripe's form and query encoding read back into JSON: <c>metadata[plan]=pro</c> → <c>{"metadata":{"plan":"pro"}}</c>,
/// <c>items[0][price]=p</c> and <c>items[]=x</c> → arrays. Every leaf stays a string, as Stripe receives it.
/// </summary>
internal static class StripeParams
{
    public static JsonObject Parse(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var root = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            var path = Split(key);
            JsonObject node = root;
            for (var i = 0; i < path.Count - 1; i++)
            {
                var segment = path[i] == "" ? NextIndex(node) : path[i];
                if (node[segment] is not JsonObject child)
                {
                    child = [];
                    node[segment] = child;
                }

                node = child;
            }

            node[path[^1] == "" ? NextIndex(node) : path[^1]] = value;
        }

        return (JsonObject)ToArrays(root);
    }

    public static JsonObject ParseQuery(string? query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in (query ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((eq < 0 ? part : part[..eq]).Replace('+', ' '));
            var value = eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            pairs.Add(new(name, value));
        }

        return Parse(pairs);
    }

    public static string? Str(JsonObject p, string name) => p[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static JsonObject? Obj(JsonObject p, string name) => p[name] as JsonObject;

    public static IReadOnlyList<string>? Strings(JsonObject p, string name) =>
        p[name] is JsonArray a ? [.. a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "")] : null;

    /// <summary>Reads an integer parameter; a non-integer value is a Stripe <c>parameter_invalid_integer</c> error.</summary>
    public static long? Long(JsonObject p, string name, string? displayName = null)
    {
        var text = Str(p, name);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw StripeError.Invalid(displayName ?? name, $"Invalid integer: {text}", "parameter_invalid_integer");
    }

    public static bool? Bool(JsonObject p, string name)
    {
        var text = Str(p, name);
        return text switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => throw StripeError.Invalid(name, $"Invalid boolean: {text}", "parameter_invalid_boolean"),
        };
    }

    public static long Required(JsonObject p, string name) =>
        Long(p, name) ?? throw StripeError.Missing(name);

    public static string RequiredString(JsonObject p, string name) =>
        Str(p, name) is { Length: > 0 } s ? s : throw StripeError.Missing(name);

    /// <summary>Refuses parameters the endpoint does not know, as Stripe does (<c>Received unknown parameter: x</c>).</summary>
    public static void Allow(JsonObject p, params string[] names)
    {
        foreach (var (key, _) in p)
        {
            if (!names.Contains(key, StringComparer.Ordinal))
            {
                throw StripeError.Invalid(key, $"Received unknown parameter: {key}", "parameter_unknown");
            }
        }
    }

    private static List<string> Split(string key)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        if (open < 0 || !key.EndsWith(']'))
        {
            return [key];
        }

        var parts = new List<string> { key[..open] };
        parts.AddRange(key[(open + 1)..^1].Split("]["));
        return parts;
    }

    private static string NextIndex(JsonObject node) => node.Count.ToString(CultureInfo.InvariantCulture);

    private static JsonNode ToArrays(JsonNode node)
    {
        if (node is not JsonObject obj)
        {
            return node;
        }

        var keys = obj.Select(p => p.Key).ToList();
        foreach (var key in keys)
        {
            var child = obj[key]!;
            obj.Remove(key);
            obj[key] = ToArrays(child);
        }

        if (obj.Count > 0 && keys.All(k => k.All(char.IsAsciiDigit)))
        {
            var ordered = keys.OrderBy(k => int.Parse(k, CultureInfo.InvariantCulture)).Select(k => { var v = obj[k]; obj.Remove(k); return v; }).ToList();
            return new JsonArray([.. ordered]);
        }

        return obj;
    }
}

/// <summary>Reads JSON numbers whatever CLR type they were stored as (objects are built from <c>int</c> and <c>long</c> literals).</summary>
internal static class StripeJsonNumbers
{
    public static long AsLong(this JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<System.Text.Json.JsonElement>(out var e) && e.TryGetInt64(out var x) => x,
        _ => 0,
    };
}
