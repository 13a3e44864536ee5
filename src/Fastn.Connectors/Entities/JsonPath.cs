using System.Text.Json.Nodes;

namespace Fastn.Connectors.Entities;

/// <summary>Reads and writes dot-separated paths (<c>address.city</c>) in JSON objects.</summary>
internal static class JsonPath
{
    public static JsonNode? Get(JsonObject root, string path)
    {
        JsonNode? current = root;
        foreach (var part in path.Split('.'))
        {
            if (current is not JsonObject obj || !obj.TryGetPropertyValue(part, out current))
            {
                return null;
            }
        }

        return current;
    }

    public static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var current = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (current[parts[i]] is not JsonObject next)
            {
                next = [];
                current[parts[i]] = next;
            }

            current = next;
        }

        current[parts[^1]] = value;
    }
}
