using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Fastn.Cli.Tests.EndToEnd;

/// <summary>
/// Generates connectors into the repository's <c>connectors/</c> folder (so the repository's strict build
/// settings apply), builds them with the real <c>dotnet</c> and runs the generated conformance tests.
/// </summary>
public sealed partial class GeneratedConnectorEndToEndTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task NewConnector_OAuth2InRepositoryConnectorsFolder_BuildsAndPassesItsConformanceTests()
    {
        var repo = RepositoryRoot();
        var solution = await File.ReadAllTextAsync(Path.Combine(repo, "Fastn.slnx"), TestContext.Current.CancellationToken);
        using var temp = new TempDirectory(Path.Combine(repo, "connectors"));

        var generated = await CliInvocation.RunAsync("new", "connector", "e2e-oauth-app", "--auth", "oauth2", "--output", temp.Path);

        generated.ExitCode.ShouldBe(0, generated.ToString());
        generated.Output.ShouldContain("project references into the Fastn checkout");
        var testProject = Path.Combine(temp.Path, "e2e-oauth-app", "E2eOauthApp.Connector.Tests");
        var build = await BuildAsync(testProject);
        build.ExitCode.ShouldBe(0, build.Output);

        var binDirectory = Path.Combine(testProject, "bin", "Debug", "net10.0");
        var run = await RunAsync(binDirectory, "dotnet", "E2eOauthApp.Connector.Tests.dll", "-noColor");

        run.ExitCode.ShouldBe(0, run.Output);
        var summary = Summary().Match(run.Output);
        summary.Success.ShouldBeTrue(run.Output);
        int.Parse(summary.Groups["total"].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(8, run.Output);
        run.Output.ShouldContain("Errors: 0, Failed: 0");
        (await File.ReadAllTextAsync(Path.Combine(repo, "Fastn.slnx"), TestContext.Current.CancellationToken)).ShouldBe(solution);
    }

    [Fact]
    public async Task NewConnector_ApiKeyInRepositoryConnectorsFolder_BuildsWithRepositoryRules()
    {
        var repo = RepositoryRoot();
        using var temp = new TempDirectory(Path.Combine(repo, "connectors"));

        var generated = await CliInvocation.RunAsync("new", "connector", "e2e-key-app", "--auth", "apikey", "--output", temp.Path);

        generated.ExitCode.ShouldBe(0, generated.ToString());
        var build = await BuildAsync(Path.Combine(temp.Path, "e2e-key-app", "E2eKeyApp.Connector.Tests"));
        build.ExitCode.ShouldBe(0, build.Output);
        File.Exists(Path.Combine(temp.Path, "e2e-key-app", "E2eKeyApp.Connector", "bin", "Debug", "net10.0", "E2eKeyApp.Connector.dll")).ShouldBeTrue();
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fastn.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Fastn.slnx above {AppContext.BaseDirectory}.");
    }

    private static async Task<(int ExitCode, string Output)> BuildAsync(string project)
    {
        // Other builds may hold the shared SDK projects' outputs for a moment: one retry covers it.
        var build = await RunAsync(project, "dotnet", "build", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        return build.ExitCode == 0 ? build : await RunAsync(project, "dotnet", "build", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false");
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, string fileName, params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(BuildTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {string.Join(' ', args)}' did not finish within {BuildTimeout}:\n{output}");
        }

        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    [GeneratedRegex(@"Total: (?<total>\d+), Errors: 0, Failed: 0")]
    private static partial Regex Summary();
}
