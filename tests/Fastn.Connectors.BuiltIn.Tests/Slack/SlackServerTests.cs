using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;
using Fastn.Sandbox.Vendors.Slack;

namespace Fastn.Connectors.BuiltIn.Tests.Slack;

/// <summary>Slack through the running server: OAuth v2 consent on the simulation, then every action over REST.</summary>
public sealed class SlackServerTests
{
    [Fact]
    public async Task ConnectOAuth_ThenEveryActionOverRest_RunsAgainstSimulation()
    {
        await using var server = await FastnTestServer.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var client = server.CreateClient("tenant-slack");
        string? consentHtml = null;

        var connectionId = await server.ConnectOAuthAsync(client, "slack", async (browser, authorizationUrl) =>
        {
            authorizationUrl.AbsolutePath.ShouldEndWith("/sandbox/slack/oauth/v2/authorize");
            authorizationUrl.Query.ShouldContain("scope=chat%3Awrite%2Cchannels%3Aread");
            consentHtml = await HtmlForms.GetPageAsync(browser, authorizationUrl);
            using var redirect = await HtmlForms.SubmitAsync(browser, authorizationUrl, consentHtml, new Dictionary<string, string> { ["decision"] = "allow" });
            return HtmlForms.RedirectLocation(redirect, authorizationUrl);
        });
        consentHtml.ShouldNotBeNull().ShouldContain("users:read.email");

        var auth = (await server.RunActionAsync(client, connectionId, "test_auth", null))!;
        auth["team_id"]!.GetValue<string>().ShouldBe(SlackWorkspace.TeamId);
        auth["user_id"]!.GetValue<string>().ShouldBe(SlackWorkspace.BotUserId);

        var channels = (await server.RunActionAsync(client, connectionId, "list_channels", new { limit = 3 }))!;
        channels["channels"]!.AsArray().Count.ShouldBe(3);
        channels["next_cursor"].ShouldNotBeNull();

        var users = (await server.RunActionAsync(client, connectionId, "list_users", new { limit = 4 }))!;
        var member = users["members"]!.AsArray()[2]!;
        var userId = member["id"]!.GetValue<string>();
        var email = member["profile"]!["email"]!.GetValue<string>();
        (await server.RunActionAsync(client, connectionId, "get_user", new { user = userId }))!["profile"]!["email"]!.GetValue<string>().ShouldBe(email);
        (await server.RunActionAsync(client, connectionId, "find_user_by_email", new { email }))!["id"]!.GetValue<string>().ShouldBe(userId);

        var channel = (await server.RunActionAsync(client, connectionId, "create_channel", new { name = "fastn-alerts" }))!;
        var channelId = channel["id"]!.GetValue<string>();
        var sent = (await server.RunActionAsync(client, connectionId, "send_message", new { channel = channelId, text = $"Hello <@{userId}>" }))!;
        var ts = sent["ts"]!.GetValue<string>();
        sent["message"]!["bot_id"]!.GetValue<string>().ShouldBe(SlackWorkspace.BotId);
        (await server.RunActionAsync(client, connectionId, "update_message", new { channel = channelId, ts, text = "Hello again" }))!["text"]!
            .GetValue<string>().ShouldBe("Hello again");
        (await server.RunActionAsync(client, connectionId, "add_reaction", new { channel = channelId, timestamp = ts, name = "wave" }))!["ok"]!
            .GetValue<bool>().ShouldBeTrue();
        var history = (await server.RunActionAsync(client, connectionId, "get_channel_history", new { channel = channelId }))!;
        var newest = history["messages"]![0]!;
        newest["text"]!.GetValue<string>().ShouldBe("Hello again");
        newest["reactions"]![0]!["name"]!.GetValue<string>().ShouldBe("wave");

        // A Slack error answered with HTTP 200 reaches the REST caller as a validation problem naming the field.
        using var failed = await client.PostAsJsonAsync($"api/v1/connections/{connectionId}/actions/send_message", new { channel = "#sales", text = "hi" }, ct);
        var problem = JsonNode.Parse(await failed.Content.ReadAsStringAsync(ct))!;
        failed.StatusCode.ShouldBe(HttpStatusCode.BadRequest, problem.ToJsonString());
        problem.ToJsonString().ShouldContain("not_in_channel");

        using var detail = await client.GetAsync("api/v1/connectors/slack", ct);
        var connector = JsonNode.Parse(await detail.Content.ReadAsStringAsync(ct))!;
        connector["actions"]!.AsArray().Count.ShouldBe(10);
        connector["triggers"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ShouldBe(["event", "user_changed"]);
        var coverage = connector["entities"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["coverage"]!["ratio"]!.GetValue<double>());
        coverage["user"].ShouldBeGreaterThanOrEqualTo(0.8);
        coverage["message"].ShouldBe(1.0);
        coverage.ShouldContainKey("contact");
    }
}
