using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fastn.Cli.Commands.Config;

/// <summary>
/// Where the CLI finds the Fastn server and its API key: <c>FASTN_URL</c> / <c>FASTN_API_KEY</c> override
/// <c>~/.config/fastn/config.json</c> (or <c>$XDG_CONFIG_HOME/fastn/config.json</c>), written owner-only (0600).
/// </summary>
internal sealed class CliSettings
{
    public const string UrlVariable = "FASTN_URL";
    public const string ApiKeyVariable = "FASTN_API_KEY";
    public const string TenantVariable = "FASTN_TENANT";
    public const string DefaultUrl = "http://localhost:5173";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>What config.json holds.</summary>
    public sealed record ConfigFile(string? Url, string? ApiKey);

    /// <summary>The config file's path.</summary>
    public static string ConfigPath
    {
        get
        {
            var configHome = CliEnvironment.Get("XDG_CONFIG_HOME")
                ?? Path.Combine(CliEnvironment.Get("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            return Path.Combine(configHome, "fastn", "config.json");
        }
    }

    public required string Url { get; init; }

    public required string UrlSource { get; init; }

    public string? ApiKey { get; init; }

    public string? ApiKeySource { get; init; }

    /// <summary>Resolves the settings: environment first, then the config file, then the default URL.</summary>
    public static CliSettings Load()
    {
        var file = Read();
        var envUrl = CliEnvironment.Get(UrlVariable);
        var envKey = CliEnvironment.Get(ApiKeyVariable);
        return new CliSettings
        {
            Url = envUrl ?? file.Url ?? DefaultUrl,
            UrlSource = envUrl is not null ? UrlVariable : file.Url is not null ? ConfigPath : "default",
            ApiKey = envKey ?? file.ApiKey,
            ApiKeySource = envKey is not null ? ApiKeyVariable : file.ApiKey is not null ? ConfigPath : null,
        };
    }

    /// <summary>The config file's content (empty when it does not exist).</summary>
    public static ConfigFile Read()
    {
        var path = ConfigPath;
        if (!File.Exists(path))
        {
            return new ConfigFile(null, null);
        }

        try
        {
            return JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(path), Json) ?? new ConfigFile(null, null);
        }
        catch (JsonException ex)
        {
            throw new CliException($"{path} is not valid JSON ({ex.Message}). Fix or delete it, then run 'fastn config set-url' and 'fastn config set-key' again.");
        }
    }

    /// <summary>Writes the config file readable only by its owner (0600, folder 0700).</summary>
    public static string Write(ConfigFile content)
    {
        var path = ConfigPath;
        var directory = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, content, Json);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>A key shown without giving it away: its first characters only.</summary>
    public static string Mask(string key) => key.Length <= 8 ? new string('*', key.Length) : key[..7] + "…" + $" ({key.Length} characters)";
}
