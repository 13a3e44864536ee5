using Fastn.Cli.Tests.Commands.Connect;

namespace Fastn.Cli.Tests.Commands.Connectors;

[Collection(CliServerCollection.Name)]
public sealed class ConnectorsCommandTests(CliServerFixture fixture)
{
    [Fact]
    public async Task ConnectorsList_RealServer_TableWithAcmeAndCounts()
    {
        var result = await fixture.RunAsync(["connectors", "list"]);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Name");
        result.Output.ShouldContain("acme-crm");
        result.Output.ShouldContain("Acme CRM");
        result.Output.ShouldContain("OAuth2");
        result.Output.ShouldContain(CliEchoConnector.Name);
        result.Output.ShouldContain("connectors. Details: fastn connectors show <name>");
    }

    [Fact]
    public async Task ConnectorsList_SearchAndCategory_OnlyMatchingRows()
    {
        var byCategory = await fixture.RunAsync(["connectors", "list", "--category", "testing"]);
        var bySearch = await fixture.RunAsync(["connectors", "list", "--search", "acme"]);
        var none = await fixture.RunAsync(["connectors", "list", "--search", "zzz-nothing-matches"]);

        byCategory.ExitCode.ShouldBe(0, byCategory.ToString());
        byCategory.Output.ShouldContain(CliEchoConnector.Name);
        byCategory.Output.ShouldNotContain("acme-crm");
        byCategory.Output.ShouldContain("1 connector.");
        bySearch.Output.ShouldContain("acme-crm");
        bySearch.Output.ShouldNotContain(CliEchoConnector.Name);
        none.ExitCode.ShouldBe(0);
        none.Output.ShouldContain("No connectors match.");
    }

    [Fact]
    public async Task ConnectorsList_UnknownAuthKind_ProblemOnStderrExitOne()
    {
        var result = await fixture.RunAsync(["connectors", "list", "--auth-kind", "pigeon"]);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("fastn:validation, HTTP 400");
        result.Error.ShouldContain("pigeon");
        result.Error.ShouldContain("path: authKind");
    }

    [Fact]
    public async Task ConnectorsShow_Acme_AuthActionsTriggersEntitiesCoverage()
    {
        var result = await fixture.RunAsync(["connectors", "show", "acme-crm"]);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Acme CRM (acme-crm");
        result.Output.ShouldContain("Auth methods");
        result.Output.ShouldContain("OAuth2");
        result.Output.ShouldContain("contacts.read");
        result.Output.ShouldContain("list_contacts");
        result.Output.ShouldContain("delete_contact");
        result.Output.ShouldContain("destructive");
        result.Output.ShouldContain("contact_changed");
        result.Output.ShouldContain("contact.created");
        result.Output.ShouldContain("CDMContact");
        result.Output.ShouldMatch(@"\d+% \(\d+/\d+ fields\)");
        result.Output.ShouldContain("fastn connect acme-crm --tenant <id>");
    }

    [Fact]
    public async Task ConnectorsShow_ApiKeyConnector_ListsTheSecretField()
    {
        var result = await fixture.RunAsync(["connectors", "show", CliEchoConnector.Name]);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("ApiKey");
        result.Output.ShouldContain("api_key (secret)");
        result.Output.ShouldContain("Header 'X-Api-Key'");
    }

    [Fact]
    public async Task ConnectorsShow_Unknown_NotFoundOnStderrExitOne()
    {
        var result = await fixture.RunAsync(["connectors", "show", "no-such-app"]);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("fastn:not-found, HTTP 404");
        result.Error.ShouldContain("no-such-app");
    }

    [Fact]
    public async Task ConnectorsList_BadApiKey_AuthenticationProblemExitOne()
    {
        var result = await fixture.RunAsync(["connectors", "list"], new Dictionary<string, string?> { ["FASTN_API_KEY"] = "fk_wrong" });

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("fastn:unauthenticated, HTTP 401");
    }

    [Fact]
    public async Task ConnectorsList_NoApiKeyConfigured_SaysHowToSetOne()
    {
        var result = await fixture.RunAsync(["connectors", "list"], new Dictionary<string, string?> { ["FASTN_API_KEY"] = null });

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("No API key configured");
        result.Error.ShouldContain("fastn config set-key");
    }

    [Fact]
    public async Task ConnectorsList_ServerNotRunning_SaysItCouldNotReachIt()
    {
        var result = await fixture.RunAsync(["connectors", "list"], new Dictionary<string, string?> { ["FASTN_URL"] = "http://127.0.0.1:9" });

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("could not reach the Fastn server at http://127.0.0.1:9");
    }

    [Fact]
    public async Task ConnectorsHelp_EveryVerbDescribed()
    {
        var root = await CliInvocation.RunAsync("connectors", "--help");
        var list = await CliInvocation.RunAsync("connectors", "list", "--help");
        var show = await CliInvocation.RunAsync("connectors", "show", "--help");

        root.Output.ShouldContain("list");
        root.Output.ShouldContain("show");
        list.Output.ShouldContain("--search <text>");
        list.Output.ShouldContain("--category <name>");
        show.Output.ShouldContain("fastn connectors show <name> [options]");
    }
}
