using Fastn.Cli.Commands.Config;
using Fastn.Cli.Tests.Commands.Connect;

namespace Fastn.Cli.Tests.Commands.Config;

[Collection(CliServerCollection.Name)]
public sealed class ConfigCommandTests(CliServerFixture fixture)
{
    [Fact]
    public async Task ConfigSetUrlAndSetKey_ThenConnectorsList_UsesTheOwnerOnlyConfigFile()
    {
        using var home = new TempDirectory();
        var env = new Dictionary<string, string?> { ["HOME"] = home.Path, [CliSettings.UrlVariable] = null, [CliSettings.ApiKeyVariable] = null };

        var setUrl = await fixture.RunAsync(["config", "set-url", fixture.Server.BaseUrl + "/"], env);
        var setKey = await fixture.RunAsync(["config", "set-key", fixture.Server.AdminKey], env);
        var list = await fixture.RunAsync(["connectors", "list"], env);

        setUrl.ExitCode.ShouldBe(0, setUrl.ToString());
        setKey.ExitCode.ShouldBe(0, setKey.ToString());
        var path = Path.Combine(home.Path, ".config", "fastn", "config.json");
        setKey.Output.ShouldContain(path);
        setKey.Output.ShouldNotContain(fixture.Server.AdminKey);
        var json = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        json.ShouldContain(fixture.Server.AdminKey);
        json.ShouldContain($"\"url\": \"{fixture.Server.BaseUrl}\"");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        list.ExitCode.ShouldBe(0, list.ToString());
        list.Output.ShouldContain("acme-crm");
    }

    [Fact]
    public async Task ConfigShow_EnvironmentOverridesFile_ShowsSourcesAndMasksTheKey()
    {
        using var home = new TempDirectory();
        var fileOnly = new Dictionary<string, string?> { ["HOME"] = home.Path, [CliSettings.UrlVariable] = null, [CliSettings.ApiKeyVariable] = null };
        await fixture.RunAsync(["config", "set-key", "fk_fromthefile_1234567890"], fileOnly);
        var withEnv = new Dictionary<string, string?> { ["HOME"] = home.Path, [CliSettings.UrlVariable] = "http://fastn.internal:8080", [CliSettings.ApiKeyVariable] = null };

        var fromFile = await fixture.RunAsync(["config", "show"], fileOnly);
        var overridden = await fixture.RunAsync(["config", "show"], withEnv);

        fromFile.ExitCode.ShouldBe(0, fromFile.ToString());
        fromFile.Output.ShouldContain("http://localhost:5173");
        fromFile.Output.ShouldContain("default");
        fromFile.Output.ShouldContain("fk_from…");
        fromFile.Output.ShouldNotContain("fk_fromthefile_1234567890");
        overridden.Output.ShouldContain("http://fastn.internal:8080");
        overridden.Output.ShouldContain(CliSettings.UrlVariable);
    }

    [Fact]
    public async Task ConfigSetKey_NotAKey_RefusedAndNothingWritten()
    {
        using var home = new TempDirectory();

        var result = await fixture.RunAsync(["config", "set-key", "password123"], new Dictionary<string, string?> { ["HOME"] = home.Path });

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("starts with 'fk_'");
        File.Exists(Path.Combine(home.Path, ".config", "fastn", "config.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task ConfigSetUrl_NotHttp_Refused()
    {
        using var home = new TempDirectory();

        var result = await fixture.RunAsync(["config", "set-url", "ftp://example"], new Dictionary<string, string?> { ["HOME"] = home.Path });

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("absolute http or https");
    }

    [Fact]
    public async Task ConfigHelp_ListsTheThreeVerbs()
    {
        var result = await CliInvocation.RunAsync("config", "--help");

        result.Output.ShouldContain("set-key");
        result.Output.ShouldContain("set-url");
        result.Output.ShouldContain("show");
        result.Output.ShouldContain("FASTN_API_KEY");
    }
}
