using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Slack;
using Fastn.Connectors.BuiltIn.Tests.Specs;
using Fastn.Connectors.Http;
using Fastn.Connectors.Testing;
using Fastn.Connectors.Triggers;
using Fastn.Sandbox.Vendors.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fastn.Connectors.BuiltIn.Tests.Slack;

/// <summary>The connector against the simulation over real HTTP, with every request and response checked against Slack's spec.</summary>
public sealed class SlackSimulationTests
{
    private static readonly string[] AllScopes = [.. SlackConnector.Scopes];

    [Fact]
    public async Task EveryAction_AgainstSimulation_ConformsToSpecAndWorks()
    {
        await using var sim = await SlackSimulation.StartAsync();
        var spec = OpenApiSpec.Load("slack");
        using var transport = new SocketsHttpHandler();
        using var checker = new SpecCheckingHandler(spec, transport);
        using var host = Host(sim, sim.Workspace.IssueToken(AllScopes), checker);

        var auth = (await Run(host, "test_auth", new JsonObject()))!;
        auth["team_id"]!.GetValue<string>().ShouldBe(SlackWorkspace.TeamId);
        auth["user_id"]!.GetValue<string>().ShouldBe(SlackWorkspace.BotUserId);

        var first = (await Run(host, "list_channels", new JsonObject { ["limit"] = 2 }))!;
        first["channels"]!.AsArray().Count.ShouldBe(2);
        var cursor = first["next_cursor"]!.GetValue<string>();
        var second = (await Run(host, "list_channels", new JsonObject { ["limit"] = 100, ["cursor"] = cursor }))!;
        second["next_cursor"].ShouldBeNull();
        second["channels"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ShouldContain("sales");

        var users = await host.PollAllAsync("user_changed", cancellationToken: TestContext.Current.CancellationToken);
        users.Count.ShouldBe(25);
        var people = (await Run(host, "list_users", new JsonObject { ["limit"] = 5 }))!;
        var someone = people["members"]!.AsArray()[1]!;
        var email = someone["profile"]!["email"]!.GetValue<string>();
        var found = (await Run(host, "find_user_by_email", new JsonObject { ["email"] = email.ToUpperInvariant() }))!;
        found["id"]!.GetValue<string>().ShouldBe(someone["id"]!.GetValue<string>());
        var info = (await Run(host, "get_user", new JsonObject { ["user"] = found["id"]!.GetValue<string>() }))!;
        info["real_name"]!.GetValue<string>().ShouldBe(someone["real_name"]!.GetValue<string>());

        var channel = (await Run(host, "create_channel", new JsonObject { ["name"] = "incident-42" }))!;
        var channelId = channel["id"]!.GetValue<string>();
        channelId.ShouldStartWith("C");
        var sent = (await Run(host, "send_message", new JsonObject { ["channel"] = channelId, ["text"] = "Deploy *started*" }))!;
        var ts = sent["ts"]!.GetValue<string>();
        await Run(host, "update_message", new JsonObject { ["channel"] = channelId, ["ts"] = ts, ["text"] = "Deploy *finished*" });
        var reacted = (await Run(host, "add_reaction", new JsonObject { ["channel"] = channelId, ["timestamp"] = ts, ["name"] = "rocket" }))!;
        reacted["already_reacted"]!.GetValue<bool>().ShouldBeFalse();
        var again = (await Run(host, "add_reaction", new JsonObject { ["channel"] = channelId, ["timestamp"] = ts, ["name"] = "rocket" }))!;
        again["already_reacted"]!.GetValue<bool>().ShouldBeTrue();

        var history = (await Run(host, "get_channel_history", new JsonObject { ["channel"] = channelId }))!;
        var newest = history["messages"]!.AsArray()[0]!;
        newest["text"]!.GetValue<string>().ShouldBe("Deploy *finished*");
        newest["channel"]!.GetValue<string>().ShouldBe(channelId);
        newest["reactions"]![0]!["name"]!.GetValue<string>().ShouldBe("rocket");
        history["messages"]!.AsArray()[^1]!["subtype"]!.GetValue<string>().ShouldBe("channel_join");

        var general = (await Run(host, "get_channel_history", new JsonObject { ["channel"] = "#general", ["limit"] = 10 }))!;
        general["messages"]!.AsArray().Count.ShouldBe(10);
        general["has_more"]!.GetValue<bool>().ShouldBeTrue();

        var notMember = await Should.ThrowAsync<ConnectorValidationException>(() =>
            Run(host, "send_message", new JsonObject { ["channel"] = "#sales", ["text"] = "hi" }));
        notMember.Path.ShouldBe("$.channel");
        notMember.Message.ShouldContain("not_in_channel");
        var taken = await Should.ThrowAsync<ConnectorValidationException>(() =>
            Run(host, "create_channel", new JsonObject { ["name"] = "incident-42" }));
        taken.Path.ShouldBe("$.name");

        checker.RequestCount.ShouldBeGreaterThanOrEqualTo(15);
        checker.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Actions_TokenWithoutScope_ReportMissingScope()
    {
        await using var sim = await SlackSimulation.StartAsync();
        using var transport = new SocketsHttpHandler();
        using var host = Host(sim, sim.Workspace.IssueToken("chat:write"), transport);

        var error = await Should.ThrowAsync<UpstreamException>(() => Run(host, "list_users", new JsonObject()));

        error.Message.ShouldContain("users:read");
    }

    [Fact]
    public async Task Actions_UnknownOrExpiredToken_RequireReconnect()
    {
        await using var sim = await SlackSimulation.StartAsync();
        using var transport = new SocketsHttpHandler();
        using var unknown = Host(sim, "xoxb-not-a-token", transport);
        (await Should.ThrowAsync<AuthRequiredException>(() => Run(unknown, "test_auth", new JsonObject()))).Message.ShouldContain("invalid_auth");

        using var expiring = Host(sim, sim.Workspace.IssueToken(AllScopes), transport);
        sim.Workspace.ExpireAllTokens();
        (await Should.ThrowAsync<AuthRequiredException>(() => Run(expiring, "test_auth", new JsonObject()))).Message.ShouldContain("token_expired");
    }

    [Fact]
    public void IsTokenExpired_OnlyForTokenExpiredError_IsTrue()
    {
        var rule = ((Fastn.Connectors.Authentication.OAuth2Auth)SlackConnector.Definition.Auth.Default!).IsTokenExpired.ShouldNotBeNull();

        rule(System.Net.HttpStatusCode.OK, """{"ok":false,"error":"token_expired"}""").ShouldBeTrue();
        rule(System.Net.HttpStatusCode.OK, """{"ok":false,"error":"invalid_auth"}""").ShouldBeFalse();
        rule(System.Net.HttpStatusCode.OK, """{"ok":true,"messages":[{"text":"my token_expired today"}]}""").ShouldBeFalse();
    }

    [Fact]
    public async Task Actions_PastTierLimit_AreRateLimitedWithRetryAfter()
    {
        await using var sim = await SlackSimulation.StartAsync();
        using var transport = new SocketsHttpHandler();
        using var host = Host(sim, sim.Workspace.IssueToken(AllScopes), transport);
        sim.Workspace.ForceRateLimit("chat.postMessage", 1);

        var error = await Should.ThrowAsync<RateLimitedException>(() =>
            Run(host, "send_message", new JsonObject { ["channel"] = "#general", ["text"] = "hi" }));

        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
        (await Run(host, "send_message", new JsonObject { ["channel"] = "#general", ["text"] = "hi" }))!["ts"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Events_Delivery_IsSignedTheSlackWayAndVerifies()
    {
        var received = new TaskCompletionSource<WebhookRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        var trigger = (WebhookTriggerDefinition)SlackConnector.Definition.FindTrigger("event")!;
        await using var sim = await SlackSimulation.StartAsync(app => app.MapPost("/receiver", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var request = new WebhookRequest(buffer.ToArray(), context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()));
            var verification = trigger.Verify(request, new WebhookVerificationContext { SigningSecret = SlackSandboxApp.SigningSecret });
            if (!verification.IsValid)
            {
                return Results.Unauthorized();
            }

            if (verification.Handshake is { } handshake)
            {
                return Results.Text(handshake.Body, handshake.ContentType, Encoding.UTF8, handshake.StatusCode);
            }

            received.TrySetResult(request);
            return Results.Ok();
        }));
        var url = sim.SandboxBaseUrl.Replace("/sandbox", "/receiver", StringComparison.Ordinal);
        var ct = TestContext.Current.CancellationToken;

        var handshakeResult = await sim.Events.VerifyRequestUrlAsync(url, ct);
        handshakeResult.Verified.ShouldBeTrue(handshakeResult.Body);
        var delivery = await sim.Events.DeliverAsync(new JsonObject { ["type"] = "member_joined_channel", ["user"] = "U0123ABCDE", ["channel"] = "C0123ABCDE" }, null, 0, ct);

        delivery.Status.ShouldBe(200);
        var request = await received.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var events = trigger.Extract(request);
        events.ShouldHaveSingleItem().Id.ShouldBe(delivery.EventId);
        events[0].Type.ShouldBe("member_joined_channel");
        sim.Workspace.RequestUrl.ShouldBe(url);
    }

    private static Task<JsonNode?> Run(ConnectorTestHost host, string action, JsonNode input) =>
        host.RunActionAsync(action, input, TestContext.Current.CancellationToken);

    private static ConnectorTestHost Host(SlackSimulation sim, string token, HttpMessageHandler handler)
    {
        var definition = SlackConnector.Create(sim.SandboxBaseUrl);
        return new ConnectorTestHost(definition, ConnectorTestHost.CredentialsFor(definition.Auth.Default!, accessToken: token), handler);
    }
}
