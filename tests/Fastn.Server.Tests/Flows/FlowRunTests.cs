using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Server.Tests.Infrastructure;
using Fastn.Server.Tests.PlatformCore;

namespace Fastn.Server.Tests.Flows;

/// <summary>
/// Flows end to end over real HTTP on the SQLite server: save-time validation by path, runs whose every step is
/// recorded, event-triggered runs started once per event, durable delays, sandboxed templates, limits, test runs
/// streamed as server-sent events, re-runs from the failed step and tenant isolation.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class FlowRunTests(ServerFixture fixture)
{
    private const string Secret = "flow-hook-secret";

    private FastnTestServer Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task ManualRun_EveryStepRecordedInOrder_ActionThroughTheTenantsConnection() => ManualRunScenarioAsync(Server);

    [Fact]
    public async Task Flows_Postgres_RunsRecordStepsDelaysResumeAndLimitsHold()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var stub = await StubApp.StartAsync();
        await using var server = await FastnTestServer.StartAsync(new FastnTestServerOptions
        {
            PostgresConnectionString = database.ConnectionString,
            Connectors = [StubConnectors.QueryKey(stub.BaseUrl)],
            AllowedPrivateHosts = [stub.Authority],
        });

        await ManualRunScenarioAsync(server);
        await DelayScenarioAsync(server);
        await ConcurrencyLimitScenarioAsync(server);
    }

    private static async Task ManualRunScenarioAsync(FastnTestServer server)
    {
        var tenant = Scenarios.NewTenant();
        var connection = await Scenarios.ConnectStubAsync(server, tenant, StubConnectors.Query, "k-flow-" + tenant);
        var flow = await DeployAsync(server, Flow("manual-steps", """{ "type": "manual" }""", """
            [
              { "type": "transform", "id": "greeting", "value": { "text": "Hello {{ trigger.payload.name }}", "count": "{{ trigger.payload.items.length }}" } },
              { "type": "condition", "id": "many", "if": "steps.greeting.output.count > 1",
                "then": [ { "type": "transform", "id": "big", "value": "{{ 'many: ' + steps.greeting.output.count }}" } ],
                "else": [ { "type": "transform", "id": "small", "value": "few" } ] },
              { "type": "forEach", "id": "each", "items": "trigger.payload.items", "concurrency": 2,
                "steps": [ { "type": "transform", "id": "double", "value": "{{ item * 2 + index }}" } ] },
              { "type": "action", "id": "call", "connector": "stub-query", "action": "echo", "input": {} }
            ]
            """, output: """{ "greeting": "{{ steps.greeting.output.text }}", "branch": "{{ steps.many.output }}", "doubled": "{{ steps.each.output }}", "app": "{{ steps.call.output.app }}" }"""));

        var run = await RunAsync(server, flow, tenant, new { name = "Ada", items = new[] { 1, 2, 3 } });

        run.GetProperty("status").GetString().ShouldBe("succeeded", run.ToString());
        var output = run.GetProperty("output");
        output.GetProperty("greeting").GetString().ShouldBe("Hello Ada");
        output.GetProperty("branch").GetString().ShouldBe("many: 3");
        output.GetProperty("doubled").EnumerateArray().Select(e => e.GetInt32()).ShouldBe([2, 5, 8]);
        output.GetProperty("app").GetString().ShouldBe("stub");
        var steps = run.GetProperty("steps").EnumerateArray().ToList();
        steps.Select(s => s.GetProperty("path").GetString()).ShouldBe(
            ["greeting", "many", "many.then.big", "each[0].double", "each[1].double", "each[2].double", "each", "call"], ignoreOrder: true);
        steps.ShouldAllBe(s => s.GetProperty("status").GetString() == "succeeded");
        var call = steps.Single(s => s.GetProperty("path").GetString() == "call");
        call.GetProperty("input").GetProperty("connectionId").GetString().ShouldBe(connection);
        call.GetProperty("callId").GetString().ShouldNotBeNullOrEmpty();
        steps.Select(s => s.GetProperty("path").GetString()).ToList().IndexOf("call").ShouldBe(steps.Count - 1, "steps finish in order");
    }

    [Fact]
    public async Task Save_InvalidDefinition_EveryProblemWithItsPath_NothingStored()
    {
        var name = "bad-" + Guid.NewGuid().ToString("N")[..8];
        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/flows", null, JsonNode.Parse($$$"""
            {
              "name": "{{{name}}}",
              "trigger": { "type": "event", "connector": "stub-query", "trigger": "no_such_trigger" },
              "steps": [
                { "type": "action", "id": "call", "connector": "stub-query", "action": "launch_rockets" },
                { "type": "transform", "id": "later", "value": "{{ steps.ghost.output }}" },
                { "type": "transform", "id": "later", "value": "{{ (1 + }}" }
              ]
            }
            """));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("path").GetString(), e.GetProperty("message").GetString()!)).ToList();
        errors.ShouldContain(e => e.Item1 == "$.trigger.trigger" && e.Item2.Contains("item_event"));
        errors.ShouldContain(e => e.Item1 == "$.steps[0].action" && e.Item2.Contains("echo"));
        errors.ShouldContain(e => e.Item1 == "$.steps[1].value" && e.Item2.Contains("does not exist"));
        errors.ShouldContain(e => e.Item1 == "$.steps[2].id");
        errors.ShouldContain(e => e.Item1 == "$.steps[2].value" && e.Item2.Contains("does not parse"));
        using var list = await Server.SendAsync(HttpMethod.Get, "api/v1/flows");
        (await list.ReadJsonAsync()).EnumerateArray().ShouldNotContain(f => f.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task EventTrigger_SignedWebhook_StartsOneRunPerEventWithThePayload()
    {
        var tenant = Scenarios.NewTenant();
        var connection = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, "k-evt-" + tenant);
        using var subscribed = await Server.SendAsync(HttpMethod.Post, "api/v1/subscriptions", tenant, new { connectionId = connection, trigger = "item_event", signingSecret = Secret });
        var webhookUrl = (await subscribed.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("webhookUrl").GetString()!;
        var flow = await DeployAsync(Flow("on-item", """{ "type": "event", "connector": "stub-query", "trigger": "item_event", "eventTypes": ["item.created"] }""", """
            [ { "type": "transform", "id": "name", "value": "{{ trigger.payload.name + ' via ' + trigger.type }}" } ]
            """));

        var body = JsonSerializer.Serialize(new { events = new object[] { new { id = "it-1", type = "item.created", data = new { name = "Widget" } }, new { id = "it-2", type = "item.updated", data = new { name = "Other" } } } });
        for (var i = 0; i < 2; i++)
        {
            using var delivered = await PostSignedAsync(webhookUrl, body);
            delivered.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var runs = await EventuallyAsync(async () =>
        {
            var page = await GetJsonAsync($"api/v1/runs?flowId={flow}", tenant);
            var items = page.GetProperty("runs").EnumerateArray().ToList();
            return items.Count > 0 && items.All(r => r.GetProperty("status").GetString() == "succeeded") ? items : null;
        });

        runs.Count.ShouldBe(1, "item.updated is filtered out, and the repeated delivery starts nothing");
        var run = await GetJsonAsync($"api/v1/runs/{runs[0].GetProperty("id").GetString()}", tenant);
        run.GetProperty("startedBy").GetString().ShouldBe("event");
        run.GetProperty("output").GetString().ShouldBe("Widget via item.created");
        run.GetProperty("trigger").GetProperty("connectionId").GetString().ShouldBe(connection);
    }

    [Fact]
    public Task Delay_ParksTheRunInTheStoreAndResumesOnTime() => DelayScenarioAsync(Server);

    private static async Task DelayScenarioAsync(FastnTestServer server)
    {
        var tenant = Scenarios.NewTenant();
        var flow = await DeployAsync(server, Flow("delayed", """{ "type": "manual" }""", """
            [ { "type": "transform", "id": "before", "value": 1 }, { "type": "delay", "id": "wait", "duration": "2s" }, { "type": "transform", "id": "after", "value": "{{ steps.before.output + 1 }}" } ]
            """));

        var parked = await RunAsync(server, flow, tenant, new { });
        parked.GetProperty("status").GetString().ShouldBe("waiting");
        parked.GetProperty("wakeAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        parked.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("path").GetString()).ShouldBe(["before"]);

        var done = await EndedAsync(server, parked.GetProperty("id").GetString(), tenant);
        done.GetProperty("output").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Template_ThatLoopsForever_FailsItsStepWithTheReason()
    {
        var tenant = Scenarios.NewTenant();
        var flow = await DeployAsync(Flow("looping", """{ "type": "manual" }""", """
            [ { "type": "transform", "id": "spin", "value": "{{ (() => { while (true) {} })() }}" }, { "type": "transform", "id": "never", "value": 1 } ]
            """));

        var run = await RunAsync(flow, tenant, new { });

        run.GetProperty("status").GetString().ShouldBe("failed");
        run.GetProperty("error").GetProperty("path").GetString().ShouldBe("spin.value");
        run.GetProperty("error").GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("loop forever");
        run.GetProperty("steps").EnumerateArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ForEach_OverTheItemLimit_FailsBeforeAnyIteration()
    {
        var tenant = Scenarios.NewTenant();
        var flow = await DeployAsync(Flow("too-many", """{ "type": "manual" }""", """
            [ { "type": "forEach", "id": "each", "items": "trigger.payload.items", "steps": [ { "type": "transform", "id": "x", "value": "{{ item }}" } ] } ]
            """));

        var run = await RunAsync(flow, tenant, new { items = Enumerable.Range(0, 10_001).ToArray() });

        run.GetProperty("status").GetString().ShouldBe("failed");
        var step = run.GetProperty("steps").EnumerateArray().ShouldHaveSingleItem();
        step.GetProperty("path").GetString().ShouldBe("each");
        step.GetProperty("error").GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("the limit is 10000");
    }

    [Fact]
    public async Task TestRun_StreamsEachStepThenTheRun()
    {
        var tenant = Scenarios.NewTenant();
        var flow = await CreateDraftAsync(Flow("streamed", """{ "type": "manual" }""", """
            [ { "type": "transform", "id": "one", "value": "{{ trigger.payload.n }}" }, { "type": "transform", "id": "two", "value": "{{ steps.one.output * 10 }}" } ]
            """));

        using var request = Server.Request(HttpMethod.Post, $"api/v1/flows/{flow}/test", tenant, new { source = "payload", payload = new { n = 4 } });
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await Server.Http.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        var text = await response.Content.ReadAsStringAsync(Ct);
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split('\n')).ToList();
        events.Select(e => e[0]).ShouldBe(["event: step", "event: step", "event: run"]);
        var run = JsonDocument.Parse(events[^1][1]["data: ".Length..]).RootElement;
        run.GetProperty("status").GetString().ShouldBe("succeeded");
        run.GetProperty("isTest").GetBoolean().ShouldBeTrue();
        run.GetProperty("output").GetInt32().ShouldBe(40);
    }

    [Fact]
    public async Task Rerun_FromTheFailedStep_KeepsEarlierResultsAndRunsTheRest()
    {
        var tenant = Scenarios.NewTenant();
        var flow = await DeployAsync(Flow("rerun", """{ "type": "manual" }""", """
            [ { "type": "transform", "id": "stamp", "value": "{{ run.id }}" }, { "type": "action", "id": "call", "connector": "stub-query", "action": "echo" } ]
            """, output: """{ "stamp": "{{ steps.stamp.output }}", "app": "{{ steps.call.output.app }}" }"""));

        var failed = await RunAsync(flow, tenant, new { });
        failed.GetProperty("status").GetString().ShouldBe("failed");
        failed.GetProperty("error").GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("has no active stub-query connection");
        var firstId = failed.GetProperty("id").GetString()!;

        await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, "k-rerun-" + tenant);
        using var rerun = await Server.SendAsync(HttpMethod.Post, $"api/v1/runs/{firstId}/rerun", tenant, new { from = "failed" });
        var second = (await rerun.ReadJsonAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;

        var done = await EndedAsync(Server, second, tenant);
        done.GetProperty("status").GetString().ShouldBe("succeeded", done.ToString());
        done.GetProperty("rerunOf").GetString().ShouldBe(firstId);
        done.GetProperty("output").GetProperty("stamp").GetString().ShouldBe(firstId, "the kept step is not run again");
        done.GetProperty("output").GetProperty("app").GetString().ShouldBe("stub");
    }

    [Fact]
    public async Task Runs_OfAnotherTenant_AreNotFound()
    {
        var tenant = Scenarios.NewTenant();
        var flow = await DeployAsync(Flow("isolated", """{ "type": "manual" }""", """[ { "type": "transform", "id": "x", "value": "secret-ish" } ]"""));
        var run = await RunAsync(flow, tenant, new { });
        var id = run.GetProperty("id").GetString();

        using var other = await Server.SendAsync(HttpMethod.Get, $"api/v1/runs/{id}", Scenarios.NewTenant());
        await other.ShouldBeProblemAsync(HttpStatusCode.NotFound, "fastn:not-found");
        var page = await GetJsonAsync($"api/v1/runs?flowId={flow}", Scenarios.NewTenant());
        page.GetProperty("runs").EnumerateArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task StepPicker_ListsConnectionsThenConnectorsThenActions()
    {
        var tenant = Scenarios.NewTenant();
        var connection = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, "k-pick-" + tenant);

        var picker = await GetJsonAsync("api/v1/flows/step-picker", tenant);

        var entry = picker.GetProperty("connections").EnumerateArray().ShouldHaveSingleItem();
        entry.GetProperty("connectionId").GetString().ShouldBe(connection);
        var connector = entry.GetProperty("connector");
        connector.GetProperty("name").GetString().ShouldBe(StubConnectors.Query);
        connector.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ShouldContain("echo");
        connector.GetProperty("actions").EnumerateArray().First().GetProperty("label").GetString().ShouldNotBeNullOrEmpty();
        connector.GetProperty("triggers").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldContain("item_event");
    }

    [Fact]
    public async Task HttpTrigger_RespondWithOutput_AnswersWithTheFlowsOutput()
    {
        var tenant = Scenarios.NewTenant();
        var sync = await DeployAsync(Flow("http-sync", """{ "type": "http", "respondWithOutput": true }""", """
            [ { "type": "transform", "id": "sum", "value": "{{ trigger.payload.a + trigger.payload.b }}" } ]
            """, output: """{ "sum": "{{ steps.sum.output }}" }"""));
        var async = await DeployAsync(Flow("http-async", """{ "type": "http" }""", """[ { "type": "transform", "id": "x", "value": 1 } ]"""));
        var manual = await DeployAsync(Flow("not-http", """{ "type": "manual" }""", """[ { "type": "transform", "id": "x", "value": 1 } ]"""));

        using (var answered = await Server.SendAsync(HttpMethod.Post, $"api/v1/flows/{sync}/invoke", tenant, new { a = 2, b = 3 }))
        {
            (await answered.ReadJsonAsync()).GetProperty("sum").GetInt32().ShouldBe(5);
        }

        using (var accepted = await Server.SendAsync(HttpMethod.Post, $"api/v1/flows/{async}/invoke", tenant, new { }))
        {
            (await accepted.ReadJsonAsync(HttpStatusCode.Accepted)).GetProperty("startedBy").GetString().ShouldBe("http");
        }

        using var refused = await Server.SendAsync(HttpMethod.Post, $"api/v1/flows/{manual}/invoke", tenant, new { });
        await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "fastn:conflict");

        // An unpublished draft change does not change how the published trigger answers.
        var draft = (await GetJsonAsync($"api/v1/flows/{sync}", tenant)).GetProperty("draft");
        var edited = JsonNode.Parse(draft.GetRawText())!;
        edited["trigger"]!["respondWithOutput"] = false;
        using (var saved = await Server.SendAsync(HttpMethod.Put, $"api/v1/flows/{sync}", null, edited))
        {
            (await saved.ReadJsonAsync()).GetProperty("hasUnpublishedChanges").GetBoolean().ShouldBeTrue();
        }

        using var stillSync = await Server.SendAsync(HttpMethod.Post, $"api/v1/flows/{sync}/invoke", tenant, new { a = 1, b = 1 });
        (await stillSync.ReadJsonAsync()).GetProperty("sum").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Schedule_FiresOnItsCronUntilDisabled()
    {
        var tenant = Scenarios.NewTenant();
        var flow = await DeployAsync(Flow("every-second", $$$"""{ "type": "schedule", "cron": "* * * * * *", "tenant": "{{{tenant}}}" }""", """
            [ { "type": "transform", "id": "when", "value": "{{ trigger.payload.scheduledFor }}" } ]
            """));

        var runs = await EventuallyAsync(async () =>
        {
            var page = await GetJsonAsync($"api/v1/runs?flowId={flow}&status=succeeded", tenant);
            var items = page.GetProperty("runs").EnumerateArray().ToList();
            return items.Count >= 2 ? items : null;
        });
        runs.ShouldAllBe(r => r.GetProperty("startedBy").GetString() == "schedule");
        runs.Select(r => r.GetProperty("output").GetString()).Distinct().Count().ShouldBe(runs.Count, "each occurrence fires once");

        using (var disabled = await Server.SendAsync(HttpMethod.Post, $"api/v1/flows/{flow}/disable"))
        {
            (await disabled.ReadJsonAsync()).GetProperty("enabled").GetBoolean().ShouldBeFalse();
        }

        await Task.Delay(1500, Ct);
        var before = (await GetJsonAsync($"api/v1/runs?flowId={flow}", tenant)).GetProperty("runs").GetArrayLength();
        await Task.Delay(2500, Ct);
        (await GetJsonAsync($"api/v1/runs?flowId={flow}", tenant)).GetProperty("runs").GetArrayLength().ShouldBe(before, "a disabled schedule fires no more");
    }

    [Fact]
    public async Task Cancel_AWaitingRun_StaysCancelled()
    {
        var tenant = Scenarios.NewTenant();
        var flow = await DeployAsync(Flow("cancelled", """{ "type": "manual" }""", """
            [ { "type": "delay", "id": "wait", "duration": "1h" }, { "type": "transform", "id": "never", "value": 1 } ]
            """));
        var parked = await RunAsync(flow, tenant, new { });
        parked.GetProperty("status").GetString().ShouldBe("waiting");
        var id = parked.GetProperty("id").GetString();

        using (var cancelled = await Server.SendAsync(HttpMethod.Post, $"api/v1/runs/{id}/cancel", tenant))
        {
            (await cancelled.ReadJsonAsync()).GetProperty("status").GetString().ShouldBe("cancelled");
        }

        using (var again = await Server.SendAsync(HttpMethod.Post, $"api/v1/runs/{id}/resume", tenant))
        {
            await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "fastn:conflict");
        }

        var run = await GetJsonAsync($"api/v1/runs/{id}", tenant);
        run.GetProperty("status").GetString().ShouldBe("cancelled");
        run.GetProperty("steps").EnumerateArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ConnectionNeedsReauth_RunPausesThenResumesAfterReconnecting()
    {
        var tenant = Scenarios.NewTenant();
        var acme = await AcmeBrowser.ConnectAsync(Server, tenant);
        await Scenarios.RevokeAtAcmeAsync(Server, (await Scenarios.StoredSecretsAsync(Server, acme))["refresh_token"]);
        var flow = await DeployAsync(Flow("reauth", """{ "type": "manual" }""", """
            [ { "type": "transform", "id": "first", "value": 1 }, { "type": "action", "id": "list", "connector": "acme-crm", "action": "list_contacts", "input": { "limit": 1 } } ]
            """, output: """{ "count": "{{ steps.list.output.data.length }}" }"""));

        var paused = await RunAsync(flow, tenant, new { });

        paused.GetProperty("status").GetString().ShouldBe("paused", paused.ToString());
        paused.GetProperty("statusReason").GetString().ShouldNotBeNull().ShouldContain(acme);
        paused.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("path").GetString()).ShouldBe(["first"]);

        await AcmeBrowser.ConnectAsync(Server, tenant, connectionId: acme);
        using (var resumed = await Server.SendAsync(HttpMethod.Post, $"api/v1/runs/{paused.GetProperty("id").GetString()}/resume", tenant))
        {
            resumed.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var done = await EndedAsync(Server, paused.GetProperty("id").GetString(), tenant);
        done.GetProperty("status").GetString().ShouldBe("succeeded", done.ToString());
        done.GetProperty("output").GetProperty("count").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task ConnectionDeletedWhileTheRunWaits_StepFailsWithTheReason()
    {
        var tenant = Scenarios.NewTenant();
        var connection = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, "k-del-" + tenant);
        var flow = await DeployAsync(Flow("deleted-connection", """{ "type": "manual" }""", $$$"""
            [ { "type": "delay", "id": "wait", "duration": "1s" }, { "type": "action", "id": "call", "connector": "stub-query", "action": "echo", "connection": "{{{connection}}}" } ]
            """));
        var parked = await RunAsync(flow, tenant, new { });
        using (var deleted = await Server.SendAsync(HttpMethod.Delete, $"api/v1/connections/{connection}", tenant))
        {
            deleted.IsSuccessStatusCode.ShouldBeTrue();
        }

        var done = await EndedAsync(Server, parked.GetProperty("id").GetString(), tenant);
        done.GetProperty("status").GetString().ShouldBe("failed");
        done.GetProperty("error").GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("was it deleted");
    }

    [Fact]
    public async Task StepOutput_OverTheLimit_FailsTheStepNotTheNode()
    {
        var tenant = Scenarios.NewTenant();
        var flow = await DeployAsync(Flow("huge-output", """{ "type": "manual" }""", """
            [ { "type": "transform", "id": "big", "value": "{{ 'x'.repeat(2 * 1024 * 1024) }}" } ]
            """));

        var run = await RunAsync(flow, tenant, new { });

        run.GetProperty("status").GetString().ShouldBe("failed");
        var step = run.GetProperty("steps").EnumerateArray().ShouldHaveSingleItem();
        step.GetProperty("error").GetProperty("code").GetString().ShouldBe("fastn:output-too-large");
        step.GetProperty("output").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Publish_NewVersion_RunningRunsKeepTheirVersion()
    {
        var tenant = Scenarios.NewTenant();
        var definition = Flow("versioned", """{ "type": "manual" }""", """
            [ { "type": "delay", "id": "wait", "duration": "1s" }, { "type": "transform", "id": "v", "value": "one" } ]
            """);
        var flow = await DeployAsync(definition);
        var first = await RunAsync(flow, tenant, new { });
        definition["steps"]![1]!["value"] = "two";
        using (var updated = await Server.SendAsync(HttpMethod.Post, "api/v1/flows/deploy", null, definition))
        {
            (await updated.ReadJsonAsync()).GetProperty("publishedVersion").GetInt32().ShouldBe(2);
        }

        var second = await RunAsync(flow, tenant, new { });
        foreach (var (run, expected, version) in new[] { (first, "one", 1), (second, "two", 2) })
        {
            var done = await EndedAsync(Server, run.GetProperty("id").GetString(), tenant);
            done.GetProperty("flowVersion").GetInt32().ShouldBe(version);
            done.GetProperty("output").GetString().ShouldBe(expected);
        }

        using var versions = await Server.SendAsync(HttpMethod.Get, $"api/v1/flows/{flow}/versions");
        (await versions.ReadJsonAsync()).EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ShouldBe([2, 1]);
    }

    [Fact]
    public Task MaxConcurrentRuns_RunsBeyondTheLimitWaitTheirTurn() => ConcurrencyLimitScenarioAsync(Server);

    private static async Task ConcurrencyLimitScenarioAsync(FastnTestServer server)
    {
        var tenant = Scenarios.NewTenant();
        await Scenarios.ConnectStubAsync(server, tenant, StubConnectors.Query, "k-limit-" + tenant);
        // The stub's "hang" never answers; the action gives up after 1 s, so each run is running for about a second.
        var definition = Flow("one-at-a-time", """{ "type": "manual" }""", """[ { "type": "action", "id": "slow", "connector": "stub-query", "action": "hang" } ]""");
        definition["options"] = new JsonObject { ["maxConcurrentRuns"] = 1 };
        var flow = await DeployAsync(server, definition);

        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var started = await server.SendAsync(HttpMethod.Post, $"api/v1/flows/{flow}/runs", tenant, new { payload = new { } });
            ids.Add((await started.ReadJsonAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString()!);
        }

        var sawQueuedBehindTheLimit = false;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var runs = (await GetJsonAsync(server, $"api/v1/runs?flowId={flow}", tenant)).GetProperty("runs").EnumerateArray().ToList();
            runs.Count(r => r.GetProperty("status").GetString() == "running").ShouldBeLessThanOrEqualTo(1, "the limit is one run at a time");
            sawQueuedBehindTheLimit |= runs.Any(r => r.GetProperty("status").GetString() == "queued"
                && r.GetProperty("statusReason").GetString()?.Contains("maxConcurrentRuns", StringComparison.Ordinal) == true);
            if (runs.All(r => r.GetProperty("isFinished").GetBoolean()))
            {
                break;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, "the runs did not all end within 30 s");
            await Task.Delay(50, Ct);
        }

        sawQueuedBehindTheLimit.ShouldBeTrue("a run waited for its turn, saying why");
        foreach (var id in ids)
        {
            var run = await GetJsonAsync(server, $"api/v1/runs/{id}", tenant);
            run.GetProperty("status").GetString().ShouldBe("failed");
            run.GetProperty("error").GetProperty("category").GetString().ShouldNotBeNullOrEmpty();
        }
    }

    [Fact]
    public async Task TestRun_SampleFetchedFromTheApp_PollTriggersFirstRecord_WebhookTriggersSayWhyNot()
    {
        var tenant = Scenarios.NewTenant();
        await AcmeBrowser.ConnectAsync(Server, tenant);
        var polled = await CreateDraftAsync(Flow("sampled", """{ "type": "event", "connector": "acme-crm", "trigger": "contact_changed" }""", """
            [ { "type": "transform", "id": "email", "value": "{{ trigger.payload.record.email }}" } ]
            """));
        var pushed = await CreateDraftAsync(Flow("pushed", """{ "type": "event", "connector": "stub-query", "trigger": "item_event" }""", """
            [ { "type": "transform", "id": "x", "value": 1 } ]
            """));

        using (var tested = await Server.SendAsync(HttpMethod.Post, $"api/v1/flows/{polled}/test", tenant, new { source = "sample" }))
        {
            var run = await tested.ReadJsonAsync();
            run.GetProperty("status").GetString().ShouldBe("succeeded", run.ToString());
            run.GetProperty("trigger").GetProperty("source").GetString().ShouldBe("sample");
            run.GetProperty("output").GetString().ShouldNotBeNull().ShouldContain("@");
        }

        using var refused = await Server.SendAsync(HttpMethod.Post, $"api/v1/flows/{pushed}/test", tenant, new { source = "sample" });
        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("webhook trigger");
    }

    private static JsonObject Flow(string name, string trigger, string steps, string? output = null)
    {
        var flow = new JsonObject
        {
            ["schema"] = "fastn.flow/v1",
            ["name"] = name + "-" + Guid.NewGuid().ToString("N")[..8],
            ["trigger"] = JsonNode.Parse(trigger),
            ["steps"] = JsonNode.Parse(steps),
        };
        if (output is not null)
        {
            flow["output"] = JsonNode.Parse(output);
        }

        return flow;
    }

    private async Task<string> CreateDraftAsync(JsonObject definition)
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/flows", null, definition);
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private Task<string> DeployAsync(JsonObject definition) => DeployAsync(Server, definition);

    private static async Task<string> DeployAsync(FastnTestServer server, JsonObject definition)
    {
        using var response = await server.SendAsync(HttpMethod.Post, "api/v1/flows/deploy", null, definition);
        var flow = await response.ReadJsonAsync();
        flow.GetProperty("publishedVersion").GetInt32().ShouldBe(1);
        flow.GetProperty("enabled").GetBoolean().ShouldBeTrue();
        return flow.GetProperty("id").GetString()!;
    }

    private Task<JsonElement> RunAsync(string flow, string tenant, object payload) => RunAsync(Server, flow, tenant, payload);

    private static async Task<JsonElement> RunAsync(FastnTestServer server, string flow, string tenant, object payload)
    {
        using var response = await server.SendAsync(HttpMethod.Post, $"api/v1/flows/{flow}/runs?wait=true", tenant, new { payload });
        return await response.ReadJsonAsync();
    }

    private Task<JsonElement> GetJsonAsync(string path, string tenant) => GetJsonAsync(Server, path, tenant);

    private static async Task<JsonElement> GetJsonAsync(FastnTestServer server, string path, string tenant)
    {
        using var response = await server.SendAsync(HttpMethod.Get, path, tenant);
        return await response.ReadJsonAsync();
    }

    private async Task<HttpResponseMessage> PostSignedAsync(string url, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add(StubConnectors.SignatureHeader, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body))));
        return await Server.Http.SendAsync(request, Ct);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, "the condition did not hold within 20 s");
            await Task.Delay(100, Ct);
        }
    }

    // Polls the run until it has ended (succeeded, failed or cancelled).
    private static async Task<JsonElement> EndedAsync(FastnTestServer server, string? runId, string tenant)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var run = await GetJsonAsync(server, $"api/v1/runs/{runId}", tenant);
            if (run.GetProperty("isFinished").GetBoolean())
            {
                return run;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the run did not end within 20 s: {run}");
            await Task.Delay(100, Ct);
        }
    }
}
