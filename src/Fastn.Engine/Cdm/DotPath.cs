using System.Text.Json.Nodes;

namespace Fastn.Engine.Cdm;

/// <summary>Reads a dot-separated path (<c>properties.email</c>), the form entity mappings name native fields in.</summary>
internal static class DotPath
{
    public static JsonNode? Get(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node;
    }
}
