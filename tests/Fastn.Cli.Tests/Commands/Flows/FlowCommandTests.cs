using System.Text.Json.Nodes;
using Fastn.Cli.Tests.Commands.Connect;
using Fastn.Client.Models;

namespace Fastn.Cli.Tests.Commands.Flows;

[Collection(CliServerCollection.Name)]
public sealed class FlowCommandTests(CliServerFixture fixture)
{
    private static string Definition(string name) => $$$"""
        {
          "schema": "fastn.flow/v1",
          "name": "{{{name}}}",
          "trigger": { "type": "manual" },
          "steps": [
            { "type": "transform", "id": "who", "value": "{{ trigger.payload.name }}" },
            { "type": "action", "id": "greet", "connector": "{{{CliEchoConnector.Name}}}", "action": "greet", "input": { "name": "{{ steps.who.output }}" } }
          ],
          "output": "{{ steps.greet.output.greeting }}"
        }
        """;

    [Fact]
    public async Task DeployThenRun_PublishesAndPrintsEachStepAndTheOutput()
    {
        var tenant = CliServerFixture.NewTenant();
        using (var client = fixture.Server.Client(tenant))
        {
            await client.CreateConnectionAsync(new CreateConnectionRequest(CliEchoConnector.Name, new Dictionary<string, string> { ["api_key"] = "k" }), TestContext.Current.CancellationToken);
        }

        using var folder = new TempDirectory();
        var name = "cli-greet-" + Guid.NewGuid().ToString("N")[..8];
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "greet.json"), Definition(name), TestContext.Current.CancellationToken);
        var payload = Path.Combine(folder.Path, "payload.json");
        await File.WriteAllTextAsync(payload, """{"name":"Ada"}""", TestContext.Current.CancellationToken);

        var deploy = await fixture.RunAsync(["flow", "deploy", folder.Path + "/greet.json"]);
        deploy.ExitCode.ShouldBe(0, deploy.ToString());
        deploy.Output.ShouldContain("Deployed");
        deploy.Output.ShouldContain("version 1");

        var run = await fixture.RunAsync(["flow", "run", name, "--payload", payload, "--tenant", tenant]);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain("who");
        run.Output.ShouldContain("greet");
        run.Output.ShouldContain("succeeded");
        run.Output.ShouldContain("\"Hello, Ada\"");
    }

    [Fact]
    public async Task Validate_BadDefinition_ListsProblemsWithPathsExitOne()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "bad.json");
        var bad = JsonNode.Parse(Definition("cli-bad"))!;
        bad["steps"]![1]!["action"] = "shout";
        await File.WriteAllTextAsync(file, bad.ToJsonString(), TestContext.Current.CancellationToken);

        var result = await fixture.RunAsync(["flow", "validate", file]);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldContain("invalid");
        result.Output.ShouldContain("$.steps[1].action");
        result.Output.ShouldContain("greet");
    }

    [Fact]
    public async Task Run_UnknownFlow_ClearErrorExitOne()
    {
        var result = await fixture.RunAsync(["flow", "run", "no-such-flow", "--tenant", CliServerFixture.NewTenant()]);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("no flow 'no-such-flow'");
    }
}
