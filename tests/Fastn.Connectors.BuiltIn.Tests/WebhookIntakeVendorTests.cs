using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;
using Fastn.Sandbox.Vendors.Stripe;

namespace Fastn.Connectors.BuiltIn.Tests;

/// <summary>
/// Built-in webhook triggers through Fastn's intake with their simulations' real signed deliveries: Stripe signs with
/// the endpoint secret its API returned at subscription, Shopify with the OAuth app's client secret.
/// </summary>
public sealed class WebhookIntakeVendorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stripe_SubscribedThroughFastn_CustomerCreatedDeliveryIsStored()
    {
        await using var server = await FastnTestServer.StartAsync();
        var client = server.CreateClient("customer-stripe-hooks");
        var connection = await server.CreateConnectionAsync(client, "stripe", new() { ["api_key"] = StripeSimulation.DemoSecretKey }, "secret_key");
        var subscriptionId = await SubscribeAsync(client, new { connectionId = connection, trigger = "event" });

        var customer = (await server.RunActionAsync(client, connection, "create_customer", new { email = "katherine.johnson@example.com" }))!;

        var stored = (await WaitForEventAsync(client, subscriptionId, "customer.created"))!;
        stored["data"]!.ToJsonString().ShouldContain(customer["id"]!.GetValue<string>());
        stored["trigger"]!.GetValue<string>().ShouldBe("stripe.event");

        using var delete = await client.DeleteAsync($"api/v1/subscriptions/{subscriptionId}", Ct);
        delete.StatusCode.ShouldBe(HttpStatusCode.NoContent, await delete.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Shopify_SubscribedThroughFastn_CustomerCreateDeliveryIsStored()
    {
        await using var server = await FastnTestServer.StartAsync();
        var client = server.CreateClient("customer-shopify-hooks");
        var connection = await server.ConnectOAuthAsync(client, "shopify", async (browser, url) =>
        {
            var html = await HtmlForms.GetPageAsync(browser, url);
            using var installed = await HtmlForms.SubmitAsync(browser, url, html, new Dictionary<string, string> { ["decision"] = "allow" });
            return HtmlForms.RedirectLocation(installed, url);
        }, new Dictionary<string, string> { ["shop"] = "fastn-sandbox" });
        var subscriptionId = await SubscribeAsync(client, new { connectionId = connection, trigger = "customer_event" });

        // The simulation's test hook makes the shop deliver customers/create to every webhook registered for it.
        using var send = await client.PostAsJsonAsync("sandbox/shopify/_sandbox/webhooks/send", new { shop = "fastn-sandbox", topic = "customers/create" }, Ct);
        var sent = await send.Content.ReadAsStringAsync(Ct);
        send.StatusCode.ShouldBe(HttpStatusCode.OK, sent);
        sent.ShouldContain(subscriptionId);
        sent.ShouldNotContain("\"status\":401", Case.Sensitive, sent);

        var stored = await WaitForEventAsync(client, subscriptionId, null);
        stored.ShouldNotBeNull("the signed customers/create delivery is stored");
        stored["source"]!.GetValue<string>().ShouldBe("webhook");
    }

    private static async Task<string> SubscribeAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("api/v1/subscriptions", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        var subscription = JsonNode.Parse(text)!;
        subscription["hasSigningSecret"]!.GetValue<bool>().ShouldBeTrue();
        return subscription["id"]!.GetValue<string>();
    }

    private static async Task<JsonNode?> WaitForEventAsync(HttpClient client, string subscriptionId, string? type)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var items = JsonNode.Parse(await client.GetStringAsync($"api/v1/events?kind=trigger&subscriptionId={subscriptionId}", Ct))!["items"]!.AsArray();
            if (items.FirstOrDefault(e => type is null || e!["type"]!.GetValue<string>() == type) is { } found)
            {
                return found;
            }

            await Task.Delay(100, Ct);
        }

        return null;
    }
}
