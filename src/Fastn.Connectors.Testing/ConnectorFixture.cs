using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.Testing;

/// <summary>
/// A recorded-response test of one action, stored as a JSON file: the input, the exact HTTP exchange with
/// the app, and the output (or typed error) the action must produce. See <c>docs/testing-connectors.md</c>.
/// </summary>
public sealed class ConnectorFixture
{
    /// <summary>The action the fixture runs (<c>create_contact</c>).</summary>
    public required string Action { get; set; }

    /// <summary>What the fixture shows, one line.</summary>
    public string? Description { get; set; }

    /// <summary>The auth method id to use (default: the connector's default method).</summary>
    public string? AuthMethod { get; set; }

    /// <summary>Non-secret test credential values (<c>access_token</c> becomes the OAuth2 token).</summary>
    public Dictionary<string, string> Credentials { get; set; } = [];

    /// <summary>The action's input.</summary>
    public JsonNode? Input { get; set; }

    /// <summary>The requests the action must make, in order, with the responses the app gives.</summary>
    public List<FixtureInteraction> Interactions { get; set; } = [];

    /// <summary>The output the action must return; a fixture gives this or <see cref="ExpectedError"/>, and replay refuses one with neither.</summary>
    public JsonNode? ExpectedOutput { get; set; }

    /// <summary>The typed error the action must throw instead of returning.</summary>
    public FixtureExpectedError? ExpectedError { get; set; }

    /// <summary>The file the fixture was loaded from (not stored).</summary>
    [JsonIgnore]
    public string? FilePath { get; set; }

    /// <summary>A short name for messages: the file name, or the action.</summary>
    [JsonIgnore]
    public string DisplayName => FilePath is null ? Action : Path.GetFileName(FilePath);

    /// <summary>The JSON conventions of fixture files: camelCase, indented, nulls omitted.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads a fixture file; throws <see cref="InvalidDataException"/> naming the file when it is malformed.</summary>
    public static ConnectorFixture Load(string path)
    {
        try
        {
            var fixture = JsonSerializer.Deserialize<ConnectorFixture>(File.ReadAllText(path), JsonOptions)
                ?? throw new InvalidDataException($"Fixture '{path}' is empty.");
            fixture.FilePath = path;
            return fixture;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Fixture '{path}' is not a valid fixture file: {ex.Message}", ex);
        }
    }

    /// <summary>Reads every <c>*.json</c> file under <paramref name="directory"/> (none when it does not exist), sorted by path.</summary>
    public static IReadOnlyList<ConnectorFixture> LoadAll(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(Load)]
            : [];

    /// <summary>Writes the fixture as indented JSON.</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions) + "\n");
    }
}
