using System.Text.Json.Nodes;
using Fastn.Cli.Tests.Commands.Connect;
using Fastn.Client.Models;

namespace Fastn.Cli.Tests.Commands.Run;

[Collection(CliServerCollection.Name)]
public sealed class RunCommandTests(CliServerFixture fixture)
{
    private async Task<(string Tenant, string ConnectionId)> ConnectEchoAsync()
    {
        var tenant = CliServerFixture.NewTenant();
        using var client = fixture.Server.Client(tenant);
        var connection = await client.CreateConnectionAsync(new CreateConnectionRequest(CliEchoConnector.Name, new Dictionary<string, string> { ["api_key"] = "k" }),
            TestContext.Current.CancellationToken);
        return (tenant, connection.Id);
    }

    [Fact]
    public async Task Run_InputJson_PrintsTheOutputJson()
    {
        var (tenant, id) = await ConnectEchoAsync();

        var result = await fixture.RunAsync(["run", id, "echo", "--tenant", tenant, "--input-json", """{"limit":5,"name":"x"}"""]);

        result.ExitCode.ShouldBe(0, result.ToString());
        var output = JsonNode.Parse(result.Output).ShouldBeOfType<JsonObject>();
        output["limit"]!.GetValue<int>().ShouldBe(5);
        output["name"]!.GetValue<string>().ShouldBe("x");
    }

    [Fact]
    public async Task Run_InputFileWithoutTenant_FindsTheTenantFromTheConnection()
    {
        var (_, id) = await ConnectEchoAsync();
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "input.json");
        await File.WriteAllTextAsync(file, """{"name":"Ada"}""", TestContext.Current.CancellationToken);

        var result = await fixture.RunAsync(["run", id, "greet", "--input", file]);

        result.ExitCode.ShouldBe(0, result.ToString());
        JsonNode.Parse(result.Output)!["greeting"]!.GetValue<string>().ShouldBe("Hello, Ada");
    }

    [Fact]
    public async Task Run_AcmeListContacts_RealActionOutput()
    {
        var tenant = CliServerFixture.NewTenant();
        var id = await AcmeBrowser.ConnectAsync(fixture.Server, tenant);

        var result = await fixture.RunAsync(["run", id, "list_contacts", "--tenant", tenant, "--input-json", """{"limit":2}"""]);

        result.ExitCode.ShouldBe(0, result.ToString());
        JsonNode.Parse(result.Output)!["data"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Run_InvalidInput_ValidationProblemWithPathExitOne()
    {
        var (tenant, id) = await ConnectEchoAsync();

        var result = await fixture.RunAsync(["run", id, "greet", "--tenant", tenant, "--input-json", "{}"]);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldBeEmpty();
        result.Error.ShouldContain("fastn:validation, HTTP 400");
        result.Error.ShouldContain("path: ");
        result.Error.ShouldContain("name");
    }

    [Fact]
    public async Task Run_UnknownConnection_NotFoundExitOne()
    {
        var result = await fixture.RunAsync(["run", "conn_missing", "echo", "--tenant", CliServerFixture.NewTenant()]);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("fastn:not-found, HTTP 404");
    }

    [Fact]
    public async Task Run_UnknownConnectionWithoutTenant_SaysItIsNotInTheWorkspace()
    {
        var result = await fixture.RunAsync(["run", "conn_missing", "echo"]);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("There is no connection 'conn_missing' in this workspace");
    }

    [Fact]
    public async Task Run_InputNotJson_ClearErrorExitOne()
    {
        var (tenant, id) = await ConnectEchoAsync();

        var result = await fixture.RunAsync(["run", id, "echo", "--tenant", tenant, "--input-json", "{not json"]);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("The input from --input-json is not valid JSON");
    }

    [Fact]
    public async Task Run_BothInputOptions_ParseErrorBeforeAnyCall()
    {
        var result = await fixture.RunAsync(["run", "conn_x", "echo", "--input", "a.json", "--input-json", "{}"]);

        result.ExitCode.ShouldNotBe(0, result.ToString());
        result.Error.ShouldContain("not both");
    }

    [Fact]
    public async Task RunHelp_DescribesArgumentsAndOptions()
    {
        var result = await CliInvocation.RunAsync("run", "--help");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("fastn run <connection> <action> [options]");
        result.Output.ShouldContain("--input <file.json>");
        result.Output.ShouldContain("--input-json <json>");
        result.Output.ShouldContain("--tenant <id>");
    }

    [Fact]
    public async Task RootHelp_ListsEveryServerVerb()
    {
        var result = await CliInvocation.RunAsync("--help");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("connectors");
        result.Output.ShouldContain("connect");
        result.Output.ShouldContain("run");
        result.Output.ShouldContain("config");
        result.Output.ShouldContain("Run an action on a connection");
    }
}
