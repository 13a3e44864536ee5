using System.Net;
using System.Text.Json;
using Fastn.Samples.Acme;
using Fastn.Samples.Acme.Contacts;
using Fastn.Server.Tests.Infrastructure;
using Fastn.Server.Tests.PlatformCore;

namespace Fastn.Server.Tests.Triggers;

/// <summary>
/// Poll subscriptions end to end through the real server: Acme's poll trigger against the Acme sandbox, polled by the
/// partition grains on their own schedule and on demand (POST /subscriptions/{id}/poll), its events in /api/v1/events.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class PollSubscriptionTests(ServerFixture fixture)
{
    private FastnTestServer Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Poll_AcmeContacts_ScheduledRunEmitsThenPollNowFindsAnUpdate()
    {
        var tenant = Scenarios.NewTenant();
        var connection = await AcmeBrowser.ConnectAsync(Server, tenant);
        var acme = Server.Get<AcmeState>();
        var existing = acme.Contacts.Count;

        using var create = await Server.SendAsync(HttpMethod.Post, "api/v1/subscriptions", tenant,
            new { connectionId = connection, trigger = "contact_changed", initialSync = "emit", schedule = new { interval = "1h" } });
        var created = await create.ReadJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        created.GetProperty("webhookUrl").ValueKind.ShouldBe(JsonValueKind.Null);
        var poll = created.GetProperty("poll");
        poll.GetProperty("interval").GetString().ShouldBe("01:00:00");
        poll.GetProperty("initialSync").GetString().ShouldBe("emit");
        poll.GetProperty("nextPollAt").ValueKind.ShouldBe(JsonValueKind.String, "a new subscription is due at once");

        // The partition that owns it polls it within its tick, without being asked.
        var view = await EventuallyAsync(() => GetAsync(tenant, id), v => v.GetProperty("poll").GetProperty("lastPollAt").ValueKind == JsonValueKind.String,
            TimeSpan.FromSeconds(30));
        var events = await EventsAsync(tenant, id);
        events.Count.ShouldBe(existing);
        events.ShouldAllBe(e => e.GetProperty("type").GetString() == "created" && e.GetProperty("source").GetString() == "poll");
        view.GetProperty("status").GetString().ShouldBe("Active");
        view.GetProperty("poll").GetProperty("baselineTaken").GetBoolean().ShouldBeTrue();
        view.GetProperty("poll").GetProperty("lastPollAt").ValueKind.ShouldBe(JsonValueKind.String);
        DateTimeOffset.Parse(view.GetProperty("poll").GetProperty("nextPollAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(50), "the next scheduled poll is an interval away");

        // A contact changes in Acme; "poll now" finds it and nothing else.
        var target = acme.Contacts.List(1).Data[0];
        acme.Contacts.Update(target.Id, c => c with { GivenName = "Polled" + c.GivenName }).Status.ShouldBe(AcmeWriteStatus.Ok);
        using var now = await Server.SendAsync(HttpMethod.Post, $"api/v1/subscriptions/{id}/poll", tenant);
        var result = await now.ReadJsonAsync(HttpStatusCode.OK);

        result.GetProperty("outcome").GetString().ShouldBe("Completed");
        result.GetProperty("updated").GetInt32().ShouldBe(1);
        result.GetProperty("created").GetInt32().ShouldBe(0);
        var after = await EventsAsync(tenant, id);
        var updated = after.Where(e => e.GetProperty("type").GetString() == "updated").ShouldHaveSingleItem();
        updated.GetProperty("data").GetProperty("id").GetString().ShouldBe(target.Id);
        updated.GetProperty("data").GetProperty("record").GetProperty("given_name").GetString().ShouldStartWith("Polled");

        // Polling again finds nothing new.
        using var again = await Server.SendAsync(HttpMethod.Post, $"api/v1/subscriptions/{id}/poll", tenant);
        (await again.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("updated").GetInt32().ShouldBe(0);
        (await EventsAsync(tenant, id)).Count.ShouldBe(existing + 1);
    }

    [Fact]
    public async Task Create_PollTriggerBadInput_ValidationNamesTheField()
    {
        var tenant = Scenarios.NewTenant();
        var connection = await AcmeBrowser.ConnectAsync(Server, tenant);

        using (var secret = await Server.SendAsync(HttpMethod.Post, "api/v1/subscriptions", tenant,
            new { connectionId = connection, trigger = "contact_changed", signingSecret = "s" }))
        {
            (await secret.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation")).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("polled");
        }

        using (var cron = await Server.SendAsync(HttpMethod.Post, "api/v1/subscriptions", tenant,
            new { connectionId = connection, trigger = "contact_changed", schedule = new { cron = "every monday" } }))
        {
            (await cron.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation")).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("cron");
        }

        using (var sync = await Server.SendAsync(HttpMethod.Post, "api/v1/subscriptions", tenant,
            new { connectionId = connection, trigger = "contact_changed", initialSync = "everything" }))
        {
            await sync.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        }

        using (var webhook = await Server.SendAsync(HttpMethod.Post, "api/v1/subscriptions", tenant,
            new { connectionId = connection, trigger = "contact_event", signingSecret = "s", schedule = new { interval = "5m" } }))
        {
            await webhook.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        }

        // A zoned cron schedule is accepted and shown.
        using var zoned = await Server.SendAsync(HttpMethod.Post, "api/v1/subscriptions", tenant,
            new { connectionId = connection, trigger = "contact_changed", schedule = new { cron = "0 9 * * 1-5", timeZone = "Europe/Paris" } });
        var poll = (await zoned.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("poll");
        poll.GetProperty("cron").GetString().ShouldBe("0 9 * * 1-5");
        poll.GetProperty("timeZone").GetString().ShouldBe("Europe/Paris");
        poll.GetProperty("interval").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private async Task<List<JsonElement>> EventsAsync(string tenant, string subscriptionId)
    {
        using var response = await Server.SendAsync(HttpMethod.Get, $"api/v1/events?kind=trigger&limit=200&subscriptionId={subscriptionId}", tenant);
        return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray()];
    }

    private async Task<JsonElement> GetAsync(string tenant, string id)
    {
        using var response = await Server.SendAsync(HttpMethod.Get, $"api/v1/subscriptions/{id}", tenant);
        return await response.ReadJsonAsync();
    }

    // Polls a condition with a deadline: the partition's tick runs on its own clock.
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTimeOffset.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100, Ct);
        }
    }
}
