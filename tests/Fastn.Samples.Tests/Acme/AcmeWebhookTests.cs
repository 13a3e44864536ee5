using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fastn.Sandbox.Webhooks;

namespace Fastn.Samples.Tests.Acme;

public sealed class AcmeWebhookTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ContactCreated_WithSubscription_DeliversStandardWebhooksSignedEvent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await AcmeSandboxHost.StartAsync();
        using var api = host.ApiClient(host.State.IssueTokens().AccessToken);
        var subscribed = await api.PostAsJsonAsync("webhooks", new { url = receiver.Url, events = new[] { "contact.created", "contact.deleted" } }, Ct);
        subscribed.StatusCode.ShouldBe(HttpStatusCode.Created);
        var subscription = await AcmeSandboxHost.ReadJsonAsync(subscribed);
        var secret = subscription.GetProperty("secret").GetString()!;
        secret.ShouldStartWith("whsec_");

        var created = await AcmeSandboxHost.ReadJsonAsync(await api.PostAsJsonAsync("contacts", new { email = "hook@example.com", given_name = "Hook" }, Ct));
        var delivery = await receiver.NextAsync();

        var id = delivery.Headers["webhook-id"];
        var timestamp = delivery.Headers["webhook-timestamp"];
        timestamp.ShouldBe(host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{delivery.Body}")));
        delivery.Headers["webhook-signature"].Split(' ').ShouldContain(expected);
        delivery.Headers["content-type"].ShouldStartWith("application/json");
        using var body = JsonDocument.Parse(delivery.Body);
        body.RootElement.GetProperty("type").GetString().ShouldBe("contact.created");
        body.RootElement.GetProperty("timestamp").GetString().ShouldBe("2026-01-01T09:00:00.000Z");
        body.RootElement.GetProperty("data").GetProperty("id").GetString().ShouldBe(created.GetProperty("id").GetString());
        body.RootElement.GetProperty("data").GetProperty("email").GetString().ShouldBe("hook@example.com");
    }

    [Fact]
    public async Task ContactChanges_OnlySubscribedTypes_AreDeliveredWithDistinctIds()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await AcmeSandboxHost.StartAsync();
        using var api = host.ApiClient(host.State.IssueTokens().AccessToken);
        (await api.PostAsJsonAsync("webhooks", new { url = receiver.Url, events = new[] { "contact.created", "contact.deleted" } }, Ct)).EnsureSuccessStatusCode();
        var id = (await AcmeSandboxHost.ReadJsonAsync(await api.PostAsJsonAsync("contacts", new { email = "a@example.com" }, Ct))).GetProperty("id").GetString();

        (await api.PatchAsJsonAsync($"contacts/{id}", new { given_name = "A" }, Ct)).EnsureSuccessStatusCode();
        (await api.DeleteAsync($"contacts/{id}", Ct)).EnsureSuccessStatusCode();
        var first = await receiver.NextAsync();
        var second = await receiver.NextAsync();

        var types = new[] { first, second }.Select(d => JsonDocument.Parse(d.Body).RootElement.GetProperty("type").GetString()).ToList();
        types.ShouldBe(["contact.created", "contact.deleted"], ignoreOrder: true);
        first.Headers["webhook-id"].ShouldNotBe(second.Headers["webhook-id"]);
    }

    [Fact]
    public async Task Delivery_ReceiverFailsFirst_RetriesWithTheSameWebhookId()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500);
        await using var host = await AcmeSandboxHost.StartAsync(webhooks: o => o.RetryDelays = [TimeSpan.Zero, TimeSpan.Zero]);
        var subscription = host.State.Webhooks.Subscribe(receiver.Url, ["contact.created"]);

        host.State.Contacts.Create(new Fastn.Samples.Acme.Contacts.AcmeContact { Id = "", Email = "retry@example.com" });
        var failed = await receiver.NextAsync();
        var retried = await receiver.NextAsync();
        var outcome = await host.Dispatcher.WaitForAsync(r => r.Delivery.Url == subscription.Url, Ct);

        retried.Headers["webhook-id"].ShouldBe(failed.Headers["webhook-id"]);
        retried.Body.ShouldBe(failed.Body);
        outcome.Succeeded.ShouldBeTrue();
        outcome.Attempts.Select(a => a.StatusCode).ShouldBe([500, 204]);
    }

    [Fact]
    public async Task DeleteWebhook_Unsubscribed_StopsDeliveries()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        using var api = host.ApiClient(host.State.IssueTokens().AccessToken);
        var created = await AcmeSandboxHost.ReadJsonAsync(
            await api.PostAsJsonAsync("webhooks", new { url = "http://127.0.0.1:9/hook", events = new[] { "contact.updated" } }, Ct));

        var deleted = await api.DeleteAsync($"webhooks/{created.GetProperty("id").GetString()}", Ct);
        var again = await api.DeleteAsync($"webhooks/{created.GetProperty("id").GetString()}", Ct);

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        host.State.Webhooks.Subscriptions.ShouldBeEmpty();
    }

    [Fact]
    public async Task CreateWebhook_UnknownEvent_Returns422()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        using var api = host.ApiClient(host.State.IssueTokens().AccessToken);

        var response = await api.PostAsJsonAsync("webhooks", new { url = "ftp://x", events = new[] { "deal.created" } }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var fields = (await AcmeSandboxHost.ReadJsonAsync(response)).GetProperty("fields");
        fields.TryGetProperty("url", out _).ShouldBeTrue();
        fields.TryGetProperty("events", out _).ShouldBeTrue();
    }

    [Fact]
    public void Sign_StandardWebhooksTestVector_MatchesPublishedSignature()
    {
        var signature = StandardWebhooks.Sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");

        signature.ShouldBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    [Fact]
    public void Verify_TamperedBodyOrStaleTimestamp_ReturnsFalse()
    {
        var secret = StandardWebhooks.GenerateSecret();
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var header = "v1,bm9wZQ== " + StandardWebhooks.Sign(secret, "msg_1", now.ToUnixTimeSeconds(), "{\"a\":1}");
        var tolerance = TimeSpan.FromMinutes(5);

        StandardWebhooks.Verify(secret, "msg_1", "1700000000", header, "{\"a\":1}", now, tolerance).ShouldBeTrue();
        StandardWebhooks.Verify(secret, "msg_1", "1700000000", header, "{\"a\":2}", now, tolerance).ShouldBeFalse();
        StandardWebhooks.Verify(secret, "msg_2", "1700000000", header, "{\"a\":1}", now, tolerance).ShouldBeFalse();
        StandardWebhooks.Verify(secret, "msg_1", "1700000000", header, "{\"a\":1}", now.AddMinutes(6), tolerance).ShouldBeFalse();
    }
}
