using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;
using Fastn.Connectors.Triggers;
using Fastn.Samples.AcmeConnector;
using Fastn.Tests.Support;

namespace Fastn.Connectors.BuiltIn.Tests.CrossApp;

/// <summary>
/// The docs' walk-through through the API against the sandbox apps: connect Acme, HubSpot and Slack; build the flow
/// "Acme contact changed → HubSpot contact through the CDM map → Slack message"; test-run it with the last real
/// event; see each step's output carry the apps' data.
/// </summary>
public sealed class WalkThroughFlowTests
{
    [Fact]
    public async Task WalkThrough_AcmeContactToHubSpotAndSlack_TestRunWithTheLastRealEvent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FastnTestServer.StartAsync();
        const string tenant = "tenant-walkthrough";
        var client = server.CreateClient(tenant);

        // 1. Connect the three apps through their own consent pages.
        var acme = await server.ConnectOAuthAsync(client, "acme-crm", (browser, url) => AcmeBrowser.AuthorizeAsync(browser, url.ToString()));
        var hubspot = await server.ConnectOAuthAsync(client, "hubspot", (browser, url) => AllowAsync(browser, url));
        var slack = await server.ConnectOAuthAsync(client, "slack", (browser, url) => AllowAsync(browser, url));
        var channel = (await server.RunActionAsync(client, slack, "create_channel", new { name = "new-contacts" }))!["id"]!.GetValue<string>();

        // 2. Acme pushes contact events to the subscription's URL, signed with the secret set in Acme's settings.
        var secret = WebhookVerifiers.NewStandardSecret();
        using var subscribed = await client.PostAsJsonAsync("api/v1/subscriptions", new { connectionId = acme, trigger = "contact_event", signingSecret = secret }, ct);
        var webhookUrl = JsonNode.Parse(await subscribed.Content.ReadAsStringAsync(ct))!["webhookUrl"]!.GetValue<string>();
        var contact = (await server.RunActionAsync(client, acme, "list_contacts", new { limit = 1 }))!["data"]![0]!;
        contact["email"] = $"walk.{Guid.NewGuid():N}@example.com";
        await DeliverAsync(server, webhookUrl, secret, "msg_walk_1", new JsonObject { ["type"] = "contact.updated", ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), ["data"] = contact.DeepClone() });

        // 3. The flow, as the dashboard's step picker would build it.
        using var created = await client.PostAsync("api/v1/flows", Json($$$"""
            {
              "schema": "fastn.flow/v1",
              "name": "acme-contact-to-hubspot-and-slack",
              "trigger": { "type": "event", "connector": "acme-crm", "trigger": "contact_event" },
              "steps": [
                { "type": "cdmMap", "id": "to_hubspot", "from": { "connector": "acme-crm", "entity": "contact" }, "to": { "connector": "hubspot", "entity": "contact" }, "record": "{{ trigger.payload }}" },
                { "type": "action", "id": "create_contact", "connector": "hubspot", "action": "create_contact",
                  "input": { "email": "{{ steps.to_hubspot.output.properties.email }}", "firstname": "{{ steps.to_hubspot.output.properties.firstname }}", "lastname": "{{ steps.to_hubspot.output.properties.lastname }}" } },
                { "type": "action", "id": "notify", "connector": "slack", "action": "send_message",
                  "input": { "channel": "{{{channel}}}", "text": "New contact {{ steps.create_contact.output.properties.email }} is HubSpot contact {{ steps.create_contact.output.id }}" } }
              ]
            }
            """), ct);
        var flow = JsonNode.Parse(await created.Content.ReadAsStringAsync(ct))!;
        created.StatusCode.ShouldBe(HttpStatusCode.Created, flow.ToJsonString());

        // 4. Test-run the draft with the last real event.
        using var tested = await client.PostAsJsonAsync($"api/v1/flows/{flow["id"]}/test", new { source = "lastEvent" }, ct);
        var run = JsonNode.Parse(await tested.Content.ReadAsStringAsync(ct))!;
        tested.StatusCode.ShouldBe(HttpStatusCode.OK, run.ToJsonString());

        // 5. Each step's output carries the apps' data.
        run["status"]!.GetValue<string>().ShouldBe("succeeded", run.ToJsonString());
        var steps = run["steps"]!.AsArray().ToDictionary(s => s!["path"]!.GetValue<string>(), s => s!);
        var mapped = steps["to_hubspot"]["output"]!["properties"]!;
        mapped["email"]!.GetValue<string>().ShouldBe(contact["email"]!.GetValue<string>());
        mapped["firstname"]!.GetValue<string>().ShouldBe(contact["given_name"]!.GetValue<string>());
        var hubspotContact = steps["create_contact"]["output"]!;
        var hubspotId = hubspotContact["id"]!.GetValue<string>();
        hubspotContact["properties"]!["lastname"]!.GetValue<string>().ShouldBe(contact["family_name"]!.GetValue<string>());
        steps["create_contact"]["input"]!["connectionId"]!.GetValue<string>().ShouldBe(hubspot);
        steps["notify"]["output"]!["ts"]!.GetValue<string>().ShouldNotBeNullOrEmpty();

        // The apps agree: HubSpot has the contact, Slack's channel has the message.
        (await server.RunActionAsync(client, hubspot, "get_contact", new { contactId = hubspotId }))!["properties"]!["email"]!.GetValue<string>()
            .ShouldBe(contact["email"]!.GetValue<string>());
        var history = await server.RunActionAsync(client, slack, "get_channel_history", new { channel });
        history!["messages"]![0]!["text"]!.GetValue<string>().ShouldBe($"New contact {contact["email"]} is HubSpot contact {hubspotId}");
    }

    private static async Task<Uri> AllowAsync(HttpClient browser, Uri url)
    {
        var html = await HtmlForms.GetPageAsync(browser, url);
        using var allowed = await HtmlForms.SubmitAsync(browser, url, html, new Dictionary<string, string> { ["decision"] = "allow" });
        return HtmlForms.RedirectLocation(allowed, url);
    }

    private static async Task DeliverAsync(FastnTestServer server, string url, string secret, string id, JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", "v1," + AcmeWebhooks.Sign(secret, id, timestamp, bytes));
        using var browser = server.CreateBrowser();
        using var response = await browser.SendAsync(request, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
