using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;
using Fastn.Sandbox.Vendors.GitHub;

namespace Fastn.Connectors.BuiltIn.Tests.GitHub;

/// <summary>
/// GitHub's webhook trigger through Fastn's intake: subscribing registers a repository hook in the simulation with a
/// fresh secret, and the simulation's real signed deliveries (X-Hub-Signature-256) arrive as stored trigger events.
/// </summary>
public sealed class GitHubWebhookIntakeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IssueEvent_SubscribedThroughFastn_SimulationsSignedDeliveryIsStoredOnce()
    {
        await using var server = await FastnTestServer.StartAsync();
        var client = server.CreateClient("customer-gh-hooks");
        var connectionId = await server.ConnectOAuthAsync(client, "github", async (browser, authorizationUrl) =>
        {
            var html = await HtmlForms.GetPageAsync(browser, authorizationUrl);
            using var answer = await HtmlForms.SubmitAsync(browser, authorizationUrl, html, new Dictionary<string, string> { ["decision"] = "allow" });
            return HtmlForms.RedirectLocation(answer, authorizationUrl);
        });
        var repository = $"{GitHubSimulation.ViewerLogin}/hello-world";

        // Without the repository parameter the subscription says what is missing, and nothing is left behind.
        using (var missing = await client.PostAsJsonAsync("api/v1/subscriptions", new { connectionId, trigger = "issue_event" }, Ct))
        {
            missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await missing.Content.ReadAsStringAsync(Ct)).ShouldContain("repository");
        }

        (JsonNode.Parse(await client.GetStringAsync("api/v1/subscriptions", Ct))!.AsArray()).ShouldBeEmpty();

        using var subscribe = await client.PostAsJsonAsync("api/v1/subscriptions",
            new { connectionId, trigger = "issue_event", parameters = new { repository } }, Ct);
        subscribe.StatusCode.ShouldBe(HttpStatusCode.Created, await subscribe.Content.ReadAsStringAsync(Ct));
        var subscription = JsonNode.Parse(await subscribe.Content.ReadAsStringAsync(Ct))!;
        var subscriptionId = subscription["id"]!.GetValue<string>();
        subscription["hasSigningSecret"]!.GetValue<bool>().ShouldBeTrue();
        subscription["webhookUrl"]!.GetValue<string>().ShouldEndWith($"/webhooks/{subscriptionId}");

        // Opening an issue makes the simulation deliver issues.opened to the subscription's URL, signed with the hook's secret.
        var issue = (await server.RunActionAsync(client, connectionId, "create_issue", new
        {
            owner = GitHubSimulation.ViewerLogin,
            repo = "hello-world",
            title = "Webhook intake works",
        }))!;
        var number = issue["number"]!.GetValue<int>();

        var events = await WaitForEventsAsync(client, subscriptionId, 1);
        var stored = events.ShouldHaveSingleItem()!;
        stored["type"]!.GetValue<string>().ShouldBe("issues.opened");
        stored["source"]!.GetValue<string>().ShouldBe("webhook");
        stored["trigger"]!.GetValue<string>().ShouldBe("github.issue_event");
        stored["data"]!["issue"]!["number"]!.GetValue<int>().ShouldBe(number);

        // The simulation got its 2xx only for what Fastn stored.
        var delivered = await DeliveriesToAsync(client, subscriptionId);
        delivered.ShouldNotBeEmpty();
        delivered.ShouldAllBe(d => d!["statusCode"]!.GetValue<int>() == 200);

        // Deleting the subscription removes the hook in GitHub: later issues are not delivered at all.
        using (var delete = await client.DeleteAsync($"api/v1/subscriptions/{subscriptionId}", Ct))
        {
            delete.StatusCode.ShouldBe(HttpStatusCode.NoContent, await delete.Content.ReadAsStringAsync(Ct));
        }

        await server.RunActionAsync(client, connectionId, "create_issue", new { owner = GitHubSimulation.ViewerLogin, repo = "hello-world", title = "After delete" });
        await Task.Delay(500, Ct);
        (await DeliveriesToAsync(client, subscriptionId)).Count.ShouldBe(delivered.Count);
    }

    private static async Task<List<JsonNode?>> DeliveriesToAsync(HttpClient client, string subscriptionId) =>
        [.. JsonNode.Parse(await client.GetStringAsync("sandbox/github/_sandbox/webhooks/deliveries", Ct))!.AsArray()
            .Where(d => d!["url"]!.GetValue<string>().Contains(subscriptionId, StringComparison.Ordinal))];

    private static async Task<JsonArray> WaitForEventsAsync(HttpClient client, string subscriptionId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var items = JsonNode.Parse(await client.GetStringAsync($"api/v1/events?kind=trigger&subscriptionId={subscriptionId}", Ct))!["items"]!.AsArray();
            if (items.Count >= count || DateTime.UtcNow > deadline)
            {
                return items;
            }

            await Task.Delay(100, Ct);
        }
    }
}
