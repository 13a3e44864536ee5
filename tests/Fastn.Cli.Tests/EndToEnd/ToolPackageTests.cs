using System.IO.Compression;

namespace Fastn.Cli.Tests.EndToEnd;

/// <summary>The CLI packs as the .NET tool <c>fastn</c>, so README's one-line install works from the checkout.</summary>
public sealed class ToolPackageTests
{
    [Fact]
    public async Task Pack_Cli_IsADotnetToolNamedFastn()
    {
        var repo = GeneratedConnectorEndToEndTests.RepositoryRoot();
        // The CLI was built with the same configuration as these tests (bin/{Configuration}/net10.0).
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        using var output = new TempDirectory();

        var pack = await GeneratedConnectorEndToEndTests.RunAsync(repo, "dotnet", "pack", "src/Fastn.Cli/Fastn.Cli.csproj",
            "-c", configuration, "--no-build", "-nologo", "-o", output.Path);

        pack.ExitCode.ShouldBe(0, pack.Output);
        var package = Directory.GetFiles(output.Path, "Fastn.Cli.*.nupkg").ShouldHaveSingleItem();
        using var zip = ZipFile.OpenRead(package);
        var settings = zip.Entries.SingleOrDefault(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal)).ShouldNotBeNull();
        settings.FullName.ShouldStartWith("tools/net10.0/");
        using var reader = new StreamReader(settings.Open());
        var xml = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        xml.ShouldContain("<Command Name=\"fastn\" EntryPoint=\"fastn.dll\"");
        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        (await nuspec.ReadToEndAsync(TestContext.Current.CancellationToken)).ShouldContain("<packageType name=\"DotnetTool\" />");
    }
}
