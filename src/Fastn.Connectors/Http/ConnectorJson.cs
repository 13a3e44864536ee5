using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.Http;

/// <summary>The JSON conventions connectors use unless they say otherwise: camelCase, enums as strings.</summary>
public static class ConnectorJson
{
    /// <summary>Shared, read-only options: camelCase names, case-insensitive reads, nulls omitted, enums as strings.</summary>
    public static JsonSerializerOptions Options { get; } = Create(JsonNamingPolicy.CamelCase);

    /// <summary>snake_case options for apps that use it (Stripe, Slack, GitHub).</summary>
    public static JsonSerializerOptions SnakeCase { get; } = Create(JsonNamingPolicy.SnakeCaseLower);

    /// <summary>Creates read-only options with the given naming policy.</summary>
    public static JsonSerializerOptions Create(JsonNamingPolicy? naming)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = naming,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            // Apps send numbers as numbers; accepting strings would also make schemas say "string or integer".
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(naming));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
