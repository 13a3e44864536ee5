using System.Text.Json.Nodes;
using Fastn.Cli.Tests.Commands.Connect;
using Fastn.Client.Models;

namespace Fastn.Cli.Tests.Commands.Cdm;

[Collection(CliServerCollection.Name)]
public sealed class CdmCommandTests(CliServerFixture fixture)
{
    [Fact]
    public async Task Capabilities_ListsConnectorsAndCdmCoverage_ThenOneConnectorsEntities()
    {
        var all = await fixture.RunAsync(["capabilities"]);
        all.ExitCode.ShouldBe(0, all.ToString());
        all.Output.ShouldContain(CliEchoConnector.Name);
        all.Output.ShouldContain("CDMContact");
        all.Output.ShouldContain("cli-echo.person");

        var one = await fixture.RunAsync(["capabilities", CliEchoConnector.Name]);
        one.ExitCode.ShouldBe(0, one.ToString());
        one.Output.ShouldContain("list_people");
        one.Output.ShouldContain("read-only");
        one.Output.ShouldContain("person");

        var unknown = await fixture.RunAsync(["capabilities", "no-such-app"]);
        unknown.ExitCode.ShouldBe(1);
        unknown.Error.ShouldContain("no-such-app");
    }

    [Fact]
    public async Task CdmList_PagesWithTheCursor_PrintsJson_AndRefusesABadFilter()
    {
        var tenant = CliServerFixture.NewTenant();
        using (var client = fixture.Server.Client(tenant))
        {
            await client.CreateConnectionAsync(new CreateConnectionRequest(CliEchoConnector.Name, new Dictionary<string, string> { ["api_key"] = "k" }), TestContext.Current.CancellationToken);
        }

        var first = await fixture.RunAsync(["cdm", "list", "contacts", "--tenant", tenant, "--limit", "2"]);
        first.ExitCode.ShouldBe(0, first.ToString());
        first.Output.ShouldContain("ada@example.com");
        first.Output.ShouldContain("alan@example.com");
        first.Output.ShouldNotContain("grace@example.com");
        first.Output.ShouldContain("2 records.");
        var cursor = first.Output.Split("--cursor ")[1].Split('\n')[0].Trim();

        var second = await fixture.RunAsync(["cdm", "list", "contacts", "--tenant", tenant, "--cursor", cursor, "--json"]);
        second.ExitCode.ShouldBe(0, second.ToString());
        var page = JsonNode.Parse(second.Output)!;
        page["records"]!.AsArray().Select(r => r!["email"]!.GetValue<string>()).ShouldBe(["grace@example.com"]);
        page["nextCursor"].ShouldBeNull();

        var bad = await fixture.RunAsync(["cdm", "list", "contacts", "--tenant", tenant, "--filter", "email=ada@example.com"]);
        bad.ExitCode.ShouldBe(1);
        bad.Error.ShouldContain("cannot filter CDMContact records");

        var malformed = await fixture.RunAsync(["cdm", "list", "contacts", "--tenant", tenant, "--filter", "email"]);
        malformed.ExitCode.ShouldBe(1);
        malformed.Error.ShouldContain("is not field=value");
    }
}
