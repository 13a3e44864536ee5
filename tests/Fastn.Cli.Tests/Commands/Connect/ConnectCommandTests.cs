using System.Text.RegularExpressions;

namespace Fastn.Cli.Tests.Commands.Connect;

[Collection(CliServerCollection.Name)]
public sealed partial class ConnectCommandTests(CliServerFixture fixture)
{
    private FastnServerHost Server => fixture.Server;

    [Fact]
    public async Task Connect_CredentialOption_CreatesTheConnection()
    {
        var tenant = CliServerFixture.NewTenant();

        var result = await fixture.RunAsync(["connect", CliEchoConnector.Name, "--tenant", tenant, "--credential", "api_key=k-123", "--display-name", "Main"]);

        result.ExitCode.ShouldBe(0, result.ToString());
        using var client = Server.Client(tenant);
        var connection = (await client.ListConnectionsAsync(cancellationToken: TestContext.Current.CancellationToken)).ShouldHaveSingleItem();
        connection.DisplayName.ShouldBe("Main");
        result.Output.ShouldContain($"Connected {CliEchoConnector.Name} for tenant {tenant}: connection {connection.Id} (Active)");
        result.Output.ShouldContain($"fastn run {connection.Id} <action>");
        result.Output.ShouldNotContain("k-123");
    }

    [Fact]
    public async Task Connect_MissingCredentialNotInteractive_NamesTheFieldAndOption()
    {
        var tenant = CliServerFixture.NewTenant();

        var result = await fixture.RunAsync(["connect", CliEchoConnector.Name, "--tenant", tenant]);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("--credential api_key=");
        using var client = Server.Client(tenant);
        (await client.ListConnectionsAsync(cancellationToken: TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Connect_NoTenant_AsksForOne()
    {
        var result = await fixture.RunAsync(["connect", CliEchoConnector.Name, "--credential", "api_key=k"]);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("--tenant <id>");
    }

    [Fact]
    public async Task Connect_TenantFromEnvironment_Used()
    {
        var tenant = CliServerFixture.NewTenant();

        var result = await fixture.RunAsync(["connect", CliEchoConnector.Name, "--credential", "api_key=k"], new Dictionary<string, string?> { ["FASTN_TENANT"] = tenant });

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain($"for tenant {tenant}");
    }

    [Fact]
    public async Task Connect_UnknownAuthMethod_ListsTheMethods()
    {
        var result = await fixture.RunAsync(["connect", "acme-crm", "--tenant", CliServerFixture.NewTenant(), "--auth-method", "nope"]);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("has no auth method 'nope'");
    }

    [Fact]
    public async Task Connect_OAuthUserSignsIn_PrintsUrlWaitsAndReportsTheConnection()
    {
        var tenant = CliServerFixture.NewTenant();
        var ct = TestContext.Current.CancellationToken;
        using var output = new LockedStringWriter();

        var cli = fixture.RunAsync(["connect", "acme-crm", "--tenant", tenant, "--timeout", "60"], output: output);
        var url = await WaitForUrlAsync(output, cli);
        var callback = await AcmeBrowser.AuthorizeAsync(Server.Http, url);
        var page = await AcmeBrowser.OpenCallbackAsync(Server.Http, callback);
        var result = await cli.WaitAsync(TimeSpan.FromSeconds(30), ct);

        result.ExitCode.ShouldBe(0, result.ToString());
        page.ConnectionId.ShouldNotBeNull();
        result.Output.ShouldContain($"Sign in to Acme CRM for tenant {tenant} at:");
        result.Output.ShouldContain($"connection {page.ConnectionId} (Active)");
        result.Output.ShouldNotContain("opened in your browser");
    }

    [Fact]
    public async Task Connect_OAuthNobodySignsIn_TimesOutWithExitOne()
    {
        var result = await fixture.RunAsync(["connect", "acme-crm", "--tenant", CliServerFixture.NewTenant(), "--timeout", "1"]);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldContain("/sandbox/acme/oauth/authorize?");
        result.Error.ShouldContain("No new acme-crm connection appeared within 1 s");
    }

    [Fact]
    public async Task ConnectHelp_DescribesArgumentAndOptions()
    {
        var result = await CliInvocation.RunAsync("connect", "--help");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("fastn connect <connector> [options]");
        result.Output.ShouldContain("--tenant <id>");
        result.Output.ShouldContain("--param <key=value>");
        result.Output.ShouldContain("--credential <key=value>");
        result.Output.ShouldContain("--auth-method <id>");
        result.Output.ShouldContain("--no-browser");
    }

    private static async Task<string> WaitForUrlAsync(LockedStringWriter output, Task<CliInvocation> cli)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (AuthorizeUrl().Match(output.ToString()) is { Success: true } match)
            {
                return match.Value;
            }

            if (cli.IsCompleted)
            {
                throw new InvalidOperationException("fastn connect ended before printing a URL: " + (await cli));
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("fastn connect printed no authorization URL: " + output);
    }

    [GeneratedRegex(@"http://\S+/oauth/authorize\?\S+")]
    private static partial Regex AuthorizeUrl();
}
