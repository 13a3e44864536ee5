using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Client.Errors;
using Fastn.Client.Models;
using Fastn.Client.Tests.Infrastructure;
using Fastn.Connectors.Triggers;

namespace Fastn.Client.Tests;

/// <summary>Subscriptions, trigger events and event destinations through the client against a real server and the Acme sandbox.</summary>
[Collection(ClientServerCollection.Name)]
public sealed class FastnClientTriggersTests(ClientServerFixture fixture)
{
    private FastnServerHost Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Subscription_AcmeWebhook_EventListedTypedAndSubscriptionManaged()
    {
        var tenant = ClientServerFixture.NewTenant();
        var connectionId = await AcmeBrowser.ConnectAsync(Server, tenant);
        using var client = Server.Client(tenant);
        var secret = WebhookVerifiers.NewStandardSecret();

        var subscription = await client.CreateSubscriptionAsync(new CreateSubscriptionRequest(connectionId, "contact_event", SigningSecret: secret), Ct);

        subscription.Status.ShouldBe("Active");
        subscription.HasSigningSecret.ShouldBeTrue();
        subscription.WebhookUrl.ShouldNotBeNull().ShouldEndWith("/webhooks/" + subscription.Id);
        (await client.ListSubscriptionsAsync(connectionId, Ct)).ShouldHaveSingleItem().Id.ShouldBe(subscription.Id);

        // Acme signs the Standard Webhooks way; this delivery is what its sandbox would send.
        var body = JsonSerializer.Serialize(new { type = "contact.created", timestamp = "2026-12-03T12:00:00Z", data = new { id = "c_42", email = "ada@example.com" } });
        using (var delivery = new HttpRequestMessage(HttpMethod.Post, subscription.WebhookUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") })
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            delivery.Headers.Add("webhook-id", "msg_client_1");
            delivery.Headers.Add("webhook-timestamp", now.ToString(System.Globalization.CultureInfo.InvariantCulture));
            delivery.Headers.Add("webhook-signature", WebhookVerifiers.SignStandard(secret, "msg_client_1", now, Encoding.UTF8.GetBytes(body)));
            using var http = new HttpClient();
            using var answer = await http.SendAsync(delivery, Ct);
            answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var page = await client.ListEventsAsync(new EventQuery(Kind: "trigger", SubscriptionId: subscription.Id), Ct);
        var evt = page.Items.ShouldHaveSingleItem();
        evt.Kind.ShouldBe("trigger");
        evt.Type.ShouldBe("contact.created");
        evt.ConnectionId.ShouldBe(connectionId);
        evt.Trigger.ShouldBe("acme-crm.contact_event");
        evt.Data!["email"]!.GetValue<string>().ShouldBe("ada@example.com");

        (await client.PauseSubscriptionAsync(subscription.Id, Ct)).Status.ShouldBe("Paused");
        (await client.ResumeSubscriptionAsync(subscription.Id, Ct)).Status.ShouldBe("Active");
        (await client.DeleteSubscriptionAsync(subscription.Id, Ct)).ShouldBeNull();
        await Should.ThrowAsync<FastnNotFoundException>(() => client.GetSubscriptionAsync(subscription.Id, Ct));
    }

    [Fact]
    public async Task Subscription_UnknownTrigger_ValidationExceptionAtTheTrigger()
    {
        var tenant = ClientServerFixture.NewTenant();
        var connectionId = await AcmeBrowser.ConnectAsync(Server, tenant);
        using var client = Server.Client(tenant);

        var ex = await Should.ThrowAsync<FastnValidationException>(() =>
            client.CreateSubscriptionAsync(new CreateSubscriptionRequest(connectionId, "no_such_trigger", SigningSecret: "s"), Ct));

        ex.Path.ShouldBe("$.trigger");
        ex.Detail.ShouldContain("contact_event");
    }

    [Fact]
    public async Task EventDestination_AddListDeliveriesDelete()
    {
        using var client = Server.Client(null);
        var filters = new JsonArray(new JsonObject { ["path"] = "email", ["op"] = "contains", ["value"] = "@example.com" });

        var added = await client.AddEventDestinationAsync(new AddEventDestinationRequest("https://hooks.example.com/fastn", ["contact.created"], "trigger", filters), Ct);

        added.Secret.ShouldNotBeNull().ShouldStartWith("whsec_");
        added.Filters.ShouldNotBeNull().Count.ShouldBe(1);
        var listed = (await client.ListEventDestinationsAsync(Ct)).Single(d => d.Id == added.Id);
        listed.Secret.ShouldBeNull();
        listed.EventTypes.ShouldBe(["contact.created"]);
        (await client.ListEventDeliveriesAsync(added.Id, "Failed", cancellationToken: Ct)).ShouldBeEmpty();
        await client.DeleteEventDestinationAsync(added.Id, Ct);
        (await client.ListEventDestinationsAsync(Ct)).ShouldNotContain(d => d.Id == added.Id);
        await Should.ThrowAsync<FastnNotFoundException>(() => client.RedeliverEventAsync("dlv_missing", Ct));
    }
}
