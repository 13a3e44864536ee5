using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;
using Fastn.Sandbox.Vendors.Stripe;

namespace Fastn.Connectors.BuiltIn.Tests.CrossApp;

/// <summary>
/// Two-way CDMContact sync between the HubSpot and Stripe sandboxes on a real server: the backfill copies each side's
/// contacts to the other, later passes change nothing (no echo), a change on either side reaches the other once, and a
/// record the other app refuses is reported with the reason instead of dropped.
/// </summary>
public sealed class CdmSyncTests
{
    [Fact]
    public async Task TwoWayContactSync_HubSpotAndStripe_ConvergesWithoutEcho_AndReportsTheRecordItCannotSync()
    {
        await using var server = await FastnTestServer.StartAsync();
        var client = server.CreateClient("tenant-sync");
        var hubspot = await server.ConnectOAuthAsync(client, "hubspot", async (browser, url) =>
        {
            var html = await HtmlForms.GetPageAsync(browser, url);
            using var allowed = await HtmlForms.SubmitAsync(browser, url, html, new Dictionary<string, string> { ["decision"] = "allow" });
            return HtmlForms.RedirectLocation(allowed, url);
        });
        var stripe = await server.CreateConnectionAsync(client, "stripe", new() { ["api_key"] = StripeSimulation.DemoSecretKey }, "secret_key");

        // A contact only HubSpot has, and one only Stripe has whose e-mail HubSpot refuses (Stripe takes an address without a dot in its domain; HubSpot does not).
        var email = $"sync.{Guid.NewGuid():N}@example.com";
        var inHubSpot = (await SendAsync(client, HttpMethod.Post, $"api/v1/cdm/contacts?connectionId={hubspot}",
            new JsonObject { ["email"] = email, ["firstName"] = "Ada", ["lastName"] = "Lovelace" }, HttpStatusCode.Created))["record"]!["id"]!.GetValue<string>();
        var bad = await server.RunActionAsync(client, stripe, "create_customer", new { email = "refused@localhost", name = "Refused Person" });
        var badId = bad!["id"]!.GetValue<string>();

        // Refusals of the definition itself.
        (await SendAsync(client, HttpMethod.Post, "api/v1/syncs", new JsonObject { ["entity"] = "contacts", ["connectionA"] = hubspot, ["connectionB"] = hubspot }, HttpStatusCode.BadRequest))
            ["detail"]!.GetValue<string>().ShouldContain("two different connections");
        (await SendAsync(client, HttpMethod.Post, "api/v1/syncs", new JsonObject { ["entity"] = "unicorns", ["connectionA"] = hubspot, ["connectionB"] = stripe }, HttpStatusCode.BadRequest))
            ["detail"]!.GetValue<string>().ShouldContain("contacts");
        (await SendAsync(client, HttpMethod.Post, "api/v1/syncs", new JsonObject { ["entity"] = "contacts", ["connectionA"] = hubspot, ["connectionB"] = stripe, ["conflict"] = "random" }, HttpStatusCode.BadRequest))
            ["detail"]!.GetValue<string>().ShouldContain("latest");

        var sync = await SendAsync(client, HttpMethod.Post, "api/v1/syncs",
            new JsonObject { ["entity"] = "contacts", ["connectionA"] = hubspot, ["connectionB"] = stripe, ["twoWay"] = true }, HttpStatusCode.Created);
        var id = sync["id"]!.GetValue<string>();
        sync["status"]!.GetValue<string>().ShouldBe("backfilling");

        // The backfill: each side's contacts reach the other.
        var first = await RunAsync(client, id);
        first["status"]!.GetValue<string>().ShouldBe("active", first.ToJsonString());
        first["created"]!.GetValue<long>().ShouldBeGreaterThan(0);
        var copied = await StripeByEmailAsync(client, stripe, email);
        copied["firstName"]!.GetValue<string>().ShouldBe("Ada");
        copied["lastName"]!.GetValue<string>().ShouldBe("Lovelace");
        var errors = await GetAsync(client, $"api/v1/syncs/{id}/errors");
        var refused = errors.AsArray().ShouldHaveSingleItem()!;
        refused["side"]!.GetValue<string>().ShouldBe("b");
        refused["recordId"]!.GetValue<string>().ShouldBe(badId);
        refused["message"]!.GetValue<string>().ShouldContain("refused@localhost");

        // Converged: further passes write nothing, in either direction.
        var second = await RunAsync(client, id);
        var third = await RunAsync(client, id);
        foreach (var pass in new[] { second, third })
        {
            pass["created"]!.GetValue<long>().ShouldBe(first["created"]!.GetValue<long>(), "no echo of the backfill's writes");
            pass["updated"]!.GetValue<long>().ShouldBe(first["updated"]!.GetValue<long>(), "no echo of the backfill's writes");
        }

        // A change in HubSpot reaches Stripe once, and does not come back.
        await SendAsync(client, HttpMethod.Patch, $"api/v1/cdm/contacts/{inHubSpot}?connectionId={hubspot}", new JsonObject { ["lastName"] = "Byron" }, HttpStatusCode.OK);
        var afterA = await RunAsync(client, id);
        afterA["updated"]!.GetValue<long>().ShouldBe(third["updated"]!.GetValue<long>() + 1);
        (await StripeByEmailAsync(client, stripe, email))["lastName"]!.GetValue<string>().ShouldBe("Byron");
        (await RunAsync(client, id))["updated"]!.GetValue<long>().ShouldBe(afterA["updated"]!.GetValue<long>(), "the change does not echo back");

        // A change in Stripe reaches HubSpot once.
        var stripeId = copied["id"]!.GetValue<string>();
        await SendAsync(client, HttpMethod.Patch, $"api/v1/cdm/contacts/{stripeId}?connectionId={stripe}", new JsonObject { ["firstName"] = "Augusta", ["lastName"] = "Byron" }, HttpStatusCode.OK);
        var afterB = await RunAsync(client, id);
        afterB["updated"]!.GetValue<long>().ShouldBe(afterA["updated"]!.GetValue<long>() + 1);
        (await server.RunActionAsync(client, hubspot, "get_contact", new { contactId = inHubSpot }))!["properties"]!["firstname"]!.GetValue<string>().ShouldBe("Augusta");
        (await RunAsync(client, id))["updated"]!.GetValue<long>().ShouldBe(afterB["updated"]!.GetValue<long>());

        // The sync is the tenant's alone; paused, it refuses a pass; deleted, it is gone.
        var other = server.CreateClient("tenant-sync-other");
        using (var hidden = await other.GetAsync($"api/v1/syncs/{id}", TestContext.Current.CancellationToken))
        {
            hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        (await SendAsync(client, HttpMethod.Post, $"api/v1/syncs/{id}/pause", new JsonObject(), HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("paused");
        await SendAsync(client, HttpMethod.Post, $"api/v1/syncs/{id}/run", new JsonObject(), HttpStatusCode.Conflict);
        (await SendAsync(client, HttpMethod.Post, $"api/v1/syncs/{id}/resume", new JsonObject(), HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("active");
        using (var deleted = await client.DeleteAsync($"api/v1/syncs/{id}", TestContext.Current.CancellationToken))
        {
            deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using (var gone = await client.GetAsync($"api/v1/syncs/{id}", TestContext.Current.CancellationToken))
        {
            gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }

    private static Task<JsonNode> RunAsync(HttpClient client, string id) => SendAsync(client, HttpMethod.Post, $"api/v1/syncs/{id}/run", new JsonObject(), HttpStatusCode.OK);

    private static async Task<JsonNode> StripeByEmailAsync(HttpClient client, string stripe, string email)
    {
        var page = await GetAsync(client, $"api/v1/cdm/contacts?connectionId={stripe}&email={Uri.EscapeDataString(email)}");
        return page["records"]!.AsArray().ShouldHaveSingleItem()!;
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}: {body}");
        return JsonNode.Parse(body)!;
    }

    private static async Task<JsonNode> SendAsync(HttpClient client, HttpMethod method, string url, JsonNode body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(expected, $"{method} {url}: {text}");
        return JsonNode.Parse(text)!;
    }
}
