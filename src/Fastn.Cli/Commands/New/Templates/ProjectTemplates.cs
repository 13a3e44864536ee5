using System.Security;
using System.Text;

namespace Fastn.Cli.Commands.New.Templates;

/// <summary>The generated <c>.csproj</c> files: SDK by project reference into a Fastn checkout or by package.</summary>
internal static class ProjectTemplates
{
    /// <summary>The test packages and the versions used when no central package management supplies them.</summary>
    public static IReadOnlyList<(string Id, string Version)> TestPackages { get; } =
    [
        ("xunit.v3", "4.0.2"),
        ("xunit.runner.visualstudio", "4.0.1"),
        ("Microsoft.NET.Test.Sdk", "18.11.0"),
    ];

    public const string ConnectorsPackage = "Fastn.Connectors";

    /// <summary>
    /// The <c>global.json</c> written when no folder above the connector has one: on the .NET 10 SDK, <c>dotnet test</c>
    /// runs xUnit v3 projects only when it selects the Microsoft.Testing.Platform runner (VSTest mode refuses them).
    /// </summary>
    public const string GlobalJson = $$"""
        {
          "sdk": {
            "version": "10.0.100",
            "rollForward": "latestFeature"
          },
          "test": {
            "runner": "{{FastnCheckout.TestingPlatformRunner}}"
          }
        }

        """;

    public const string TestingPackage = "Fastn.Connectors.Testing";

    /// <param name="model">The template values.</param>
    /// <param name="projectDirectory">The absolute folder of the project being written (for relative references).</param>
    public static string Connector(TemplateModel model, string projectDirectory)
    {
        var references = model.References;
        var sdk = references.FastnSource is { } source
            ? ProjectReference(projectDirectory, FastnCheckout.ConnectorsProject(source))
            : PackageReference(ConnectorsPackage, references.PackageVersion, references);
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">

              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>{model.ConnectorProject}</RootNamespace>
                <Description>Fastn connector for {SecurityElement.Escape(model.DisplayName)}.</Description>
                <!-- A plugin: `dotnet publish` puts every dependency next to the assembly for the server's connectors/ folder. -->
                <EnableDynamicLoading>true</EnableDynamicLoading>
              </PropertyGroup>

              <ItemGroup>
                {sdk}
              </ItemGroup>

            </Project>

            """;
    }

    public static string Tests(TemplateModel model, string projectDirectory)
    {
        var references = model.References;
        var packages = new StringBuilder();
        foreach (var (id, version) in TestPackages)
        {
            packages.Append("    ").Append(PackageReference(id, version, references)).Append('\n');
        }

        var sdk = references.FastnSource is { } source
            ? ProjectReference(projectDirectory, FastnCheckout.TestingProject(source))
            : PackageReference(TestingPackage, references.PackageVersion, references);
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">

              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>{model.TestProject}</RootNamespace>
                <!-- xUnit v3 test projects are executables: `dotnet bin/Debug/net10.0/{model.TestProject}.dll` runs the tests. -->
                <OutputType>Exe</OutputType>
                <IsPackable>false</IsPackable>
                <IsTestProject>true</IsTestProject>
              </PropertyGroup>

              <ItemGroup>
            {packages}    {sdk}
                <ProjectReference Include="../{model.ConnectorProject}/{model.ConnectorProject}.csproj" />
              </ItemGroup>

              <ItemGroup>
                <!-- Recorded-response fixtures: the conformance tests read them from {"{output}"}/Fixtures/{model.Name.Kebab}. -->
                <None Update="Fixtures/**" CopyToOutputDirectory="PreserveNewest" />
              </ItemGroup>

            </Project>

            """;
    }

    private static string ProjectReference(string fromDirectory, string project) =>
        $"""<ProjectReference Include="{Path.GetRelativePath(fromDirectory, project).Replace('\\', '/')}" />""";

    // Under central package management the version comes from Directory.Packages.props.
    private static string PackageReference(string id, string version, SdkReferences references) =>
        references.CentralVersions
            ? $"""<PackageReference Include="{id}" />"""
            : $"""<PackageReference Include="{id}" Version="{version}" />""";
}
