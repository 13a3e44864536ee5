using System.Reflection;
using System.Text.Json;

namespace Fastn.Cli.Commands.New;

/// <summary>Finds a Fastn checkout and central package management around a folder.</summary>
internal static class FastnCheckout
{
    public const string SolutionFile = "Fastn.slnx";

    public const string GlobalJsonFile = "global.json";

    /// <summary>The <c>global.json</c> test runner under which <c>dotnet test</c> on the .NET 10 SDK runs xUnit v3 projects.</summary>
    public const string TestingPlatformRunner = "Microsoft.Testing.Platform";

    public static string ConnectorsProject(string root) => Path.Combine(root, "src", "Fastn.Connectors", "Fastn.Connectors.csproj");

    public static string TestingProject(string root) => Path.Combine(root, "src", "Fastn.Connectors.Testing", "Fastn.Connectors.Testing.csproj");

    /// <summary>Whether <paramref name="root"/> looks like a Fastn checkout (the solution and both SDK projects).</summary>
    public static bool IsCheckout(string root) =>
        File.Exists(Path.Combine(root, SolutionFile)) && File.Exists(ConnectorsProject(root)) && File.Exists(TestingProject(root));

    /// <summary>The nearest Fastn checkout containing <paramref name="directory"/> (which need not exist yet), or <see langword="null"/>.</summary>
    public static string? FindAbove(string directory) =>
        Ancestors(directory).FirstOrDefault(IsCheckout);

    /// <summary>
    /// The <c>Directory.Packages.props</c> MSBuild would import for a project under <paramref name="directory"/>,
    /// if it turns on central package management; otherwise <see langword="null"/>.
    /// </summary>
    public static string? FindCentralPackageProps(string directory)
    {
        var props = Ancestors(directory).Select(d => Path.Combine(d, "Directory.Packages.props")).FirstOrDefault(File.Exists);
        return props is not null && File.ReadAllText(props).Contains("<ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>", StringComparison.OrdinalIgnoreCase)
            ? props
            : null;
    }

    /// <summary>The <c>global.json</c> the SDK would read for a project under <paramref name="directory"/>, or <see langword="null"/>.</summary>
    public static string? FindGlobalJson(string directory) =>
        Ancestors(directory).Select(d => Path.Combine(d, GlobalJsonFile)).FirstOrDefault(File.Exists);

    /// <summary>Whether the <c>global.json</c> at <paramref name="path"/> selects <see cref="TestingPlatformRunner"/> for <c>dotnet test</c>.</summary>
    public static bool SelectsTestingPlatform(string path)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("test", out var test) && test.ValueKind == JsonValueKind.Object
                && test.TryGetProperty("runner", out var runner) && runner.ValueKind == JsonValueKind.String
                && string.Equals(runner.GetString(), TestingPlatformRunner, StringComparison.OrdinalIgnoreCase);
        }
        catch (JsonException)
        {
            // The SDK reports a malformed global.json itself; here it only means "not selected".
            return false;
        }
    }

    /// <summary>The version of this CLI, used for the Fastn packages when there is no checkout.</summary>
    public static string CliVersion()
    {
        var assembly = typeof(FastnCheckout).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "1.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? version[..plus] : version;
    }

    private static IEnumerable<string> Ancestors(string directory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
        {
            yield return dir.FullName;
        }
    }
}
