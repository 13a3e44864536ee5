using System.Net;
using Fastn.Server.Hosting;
using Fastn.Server.Tests.Infrastructure;

namespace Fastn.Server.Tests.PlatformCore;

/// <summary>Issue 9 §1: the operator's offline way to mint an admin key when every admin key is lost.</summary>
[Collection(ServerCollection.Name)]
public sealed class AdminCommandTests(ServerFixture fixture)
{
    private FastnTestServer Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateKey_AgainstTheServersDataDirectory_PrintsOnlyAKeyThatIsAdminOnTheRunningServer()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await AdminCommand.RunAsync(["admin", "create-key", "--data", Server.DataDirectory, "--name", "break-glass"], output, error, Ct);

        exit.ShouldBe(0, error.ToString());
        var key = output.ToString().Trim();
        key.ShouldStartWith("fk_");
        key.ShouldNotContain("\n");
        error.ToString().ShouldNotContain(key, Case.Sensitive, "the key goes to standard output only");
        using var keys = await Server.SendAsync(HttpMethod.Get, "api/v1/api-keys", apiKey: key);
        keys.StatusCode.ShouldBe(HttpStatusCode.OK, "an admin-only endpoint accepts the minted key");
        (await keys.Content.ReadAsStringAsync(Ct)).ShouldContain("break-glass");
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("admin|delete-everything")]
    [InlineData("admin|create-key|--name")]
    public async Task BadArguments_UsageOnStandardError_ExitTwo(string joined)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await AdminCommand.RunAsync(joined.Split('|'), output, error, Ct);

        exit.ShouldBe(2);
        output.ToString().ShouldBeEmpty();
        error.ToString().ShouldContain("create-key");
    }

    [Fact]
    public async Task CreateKey_UnknownWorkspace_SaysHowToFixAndCreatesNothing()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await AdminCommand.RunAsync(["admin", "create-key", "--data", Server.DataDirectory, "--workspace", "nope"], output, error, Ct);

        exit.ShouldBe(2);
        output.ToString().ShouldBeEmpty();
        error.ToString().ShouldContain("There is no workspace 'nope'");
    }
}
