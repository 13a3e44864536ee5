using Fastn.Cli.Commands.New.Templates;

namespace Fastn.Cli.Commands.New;

/// <summary>
/// Creates a connector project and its conformance test project from the templates: resolves how the
/// SDK is referenced, renders every file, then writes them (refusing to overwrite unless forced).
/// </summary>
internal static class ConnectorScaffolder
{
    /// <summary>Decides between project references into a Fastn checkout and package references.</summary>
    /// <exception cref="ScaffoldException">The given Fastn source is not a Fastn checkout.</exception>
    public static SdkReferences ResolveReferences(ScaffoldRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? source;
        if (request.FastnSource is { } given)
        {
            source = Path.GetFullPath(given);
            if (!FastnCheckout.IsCheckout(source))
            {
                throw new ScaffoldException(
                    $"'{given}' is not a Fastn checkout: expected {FastnCheckout.SolutionFile}, src/Fastn.Connectors and src/Fastn.Connectors.Testing in it.");
            }
        }
        else
        {
            source = FastnCheckout.FindAbove(request.ConnectorDirectory);
        }

        return new SdkReferences(source, FastnCheckout.CliVersion(), FastnCheckout.FindCentralPackageProps(request.ConnectorDirectory));
    }

    /// <summary>Renders every file of the connector, by path relative to the connector folder.</summary>
    public static IReadOnlyList<GeneratedFile> Render(ScaffoldRequest request, SdkReferences references)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = new TemplateModel(request.Name, string.IsNullOrWhiteSpace(request.DisplayName) ? request.Name.DefaultDisplayName : request.DisplayName.Trim(),
            AuthTemplates.For(request.Auth), references);
        var connector = model.ConnectorProject;
        var tests = model.TestProject;
        var files = new List<GeneratedFile>
        {
            new("README.md", ReadmeTemplate.Render(model)),
            new($"{connector}/{connector}.csproj", ProjectTemplates.Connector(model, Path.Combine(request.ConnectorDirectory, connector))),
            new($"{connector}/{model.ConnectorClass}.cs", ConnectorTemplates.Connector(model)),
        };
        files.AddRange(ConnectorTemplates.Models(model).Select(m => new GeneratedFile($"{connector}/Models/{m.FileName}", m.Content)));
        files.Add(new($"{tests}/{tests}.csproj", ProjectTemplates.Tests(model, Path.Combine(request.ConnectorDirectory, tests))));
        files.Add(new($"{tests}/{request.Name.Pascal}ConformanceTests.cs", ConnectorTemplates.ConformanceTests(model)));
        files.AddRange(FixtureTemplates.For(model).Select(f => new GeneratedFile($"{tests}/Fixtures/{request.Name.Kebab}/{f.FileName}", f.Content)));
        if (FastnCheckout.FindGlobalJson(request.ConnectorDirectory) is null)
        {
            files.Add(new(FastnCheckout.GlobalJsonFile, ProjectTemplates.GlobalJson));
        }

        return files;
    }

    /// <summary>Renders and writes the connector.</summary>
    /// <exception cref="ScaffoldException">The folder exists and <see cref="ScaffoldRequest.Force"/> is off, or the Fastn source is wrong.</exception>
    public static ScaffoldResult Write(ScaffoldRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var directory = Path.GetFullPath(request.ConnectorDirectory);
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any() && !request.Force)
        {
            throw new ScaffoldException($"The folder '{directory}' already exists and is not empty: choose another name or --output, or pass --force to overwrite the generated files.");
        }

        if (File.Exists(directory))
        {
            throw new ScaffoldException($"'{directory}' is a file: choose another name or --output.");
        }

        var references = ResolveReferences(request);
        var files = Render(request, references);
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }

        var centralProps = references.CentralPackageProps is { } props ? File.ReadAllText(props) : null;
        IEnumerable<(string Id, string Version)> packages = references.UsesProjectReferences
            ? ProjectTemplates.TestPackages
            : [.. ProjectTemplates.TestPackages, (ProjectTemplates.ConnectorsPackage, references.PackageVersion), (ProjectTemplates.TestingPackage, references.PackageVersion)];
        var missing = centralProps is null
            ? []
            : packages.Where(p => !centralProps.Contains($"\"{p.Id}\"", StringComparison.OrdinalIgnoreCase)).ToList();

        // A global.json above the connector (a repository's own) wins over one written here, so say when it keeps `dotnet test` on VSTest.
        var globalJson = FastnCheckout.FindGlobalJson(directory);
        var globalJsonWithoutRunner = globalJson is not null && !FastnCheckout.SelectsTestingPlatform(globalJson) ? globalJson : null;

        var name = request.Name.Pascal;
        return new ScaffoldResult(directory, [.. files.Select(f => f.RelativePath)], references,
            $"{name}.Connector", $"{name}.Connector.Tests", $"{name}.Connector.{name}Connector", missing, globalJsonWithoutRunner);
    }
}
