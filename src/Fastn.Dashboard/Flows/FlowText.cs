using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fastn.Dashboard.Flows;

/// <summary>Small text helpers the flow pages share: pretty JSON, durations, times and step ids.</summary>
internal static class FlowText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The node as indented JSON ("null" for none).</summary>
    public static string Pretty(JsonNode? node) => node is null ? "null" : node.ToJsonString(Indented);

    /// <summary>A time as the other pages show it.</summary>
    public static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "";

    /// <summary>Milliseconds as "12 ms" or "1.2 s".</summary>
    public static string Duration(double? ms) => ms switch
    {
        null => "",
        < 1000 => ms.Value.ToString("0.#", CultureInfo.InvariantCulture) + " ms",
        _ => (ms.Value / 1000).ToString("0.##", CultureInfo.InvariantCulture) + " s",
    };

    /// <summary>A run's duration, once it started.</summary>
    public static string Duration(DateTimeOffset? started, DateTimeOffset? finished) =>
        started is { } s && finished is { } f ? Duration((f - s).TotalMilliseconds) : "";

    /// <summary>The snake_case form of a name (letters and digits, joined by underscores, starting with a letter).</summary>
    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder();
        var previousLower = false;
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (char.IsAsciiLetterUpper(c) && previousLower && builder.Length > 0 && builder[^1] != '_')
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
                previousLower = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
            }
            else
            {
                if (builder.Length > 0 && builder[^1] != '_')
                {
                    builder.Append('_');
                }

                previousLower = false;
            }
        }

        var text = builder.ToString().Trim('_');
        return text.Length == 0 ? "step" : char.IsAsciiLetter(text[0]) ? text : "step_" + text;
    }

    /// <summary>A step id from <paramref name="name"/> that no step of <paramref name="steps"/> uses yet.</summary>
    public static string UniqueStepId(string name, JsonArray steps)
    {
        var used = steps.Select(s => s?["id"]?.GetValueKind() == JsonValueKind.String ? s["id"]!.GetValue<string>() : null).Where(s => s is not null).ToHashSet(StringComparer.Ordinal);
        var id = SnakeCase(name);
        if (!used.Contains(id))
        {
            return id;
        }

        for (var n = 2; ; n++)
        {
            if (!used.Contains($"{id}_{n}"))
            {
                return $"{id}_{n}";
            }
        }
    }

    /// <summary>The required property names of a JSON schema, in order.</summary>
    public static IEnumerable<string> Required(JsonObject schema) =>
        schema["required"] is JsonArray required ? required.Where(r => r?.GetValueKind() == JsonValueKind.String).Select(r => r!.GetValue<string>()) : [];

    /// <summary>The problems a <see cref="Engine.Errors.FastnException"/> carries in <c>errors</c>, or its own message and path.</summary>
    public static IReadOnlyList<(string Path, string Message)> Problems(Engine.Errors.FastnException problem)
    {
        if (problem.Extensions.TryGetValue("errors", out var errors) && errors is not null)
        {
            var node = JsonSerializer.SerializeToNode(errors);
            if (node is JsonArray list && list.Count > 0)
            {
                return [.. list.Select(e => (e?["path"]?.ToString() ?? "$", e?["message"]?.ToString() ?? ""))];
            }
        }

        return [(problem.Path ?? "$", problem.Detail)];
    }

    /// <summary>The CSS modifier of a run or step status.</summary>
    public static string StatusClass(string status) => status switch
    {
        "succeeded" => "fd-run-ok",
        "failed" or "cancelled" => "fd-run-bad",
        "skipped" => "fd-run-muted",
        _ => "fd-run-busy",
    };
}
