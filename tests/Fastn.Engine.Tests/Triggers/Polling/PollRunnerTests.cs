using System.Text.Json;
using Fastn.Connectors.Http;
using Fastn.Connectors.Triggers;
using Fastn.Engine.Connections;
using Fastn.Engine.Triggers.Polling;
using Fastn.Storage;
using Fastn.Storage.Polling;
using Fastn.Storage.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Engine.Tests.Triggers.Polling;

/// <summary>
/// The Synthetic Event Engine's runs against a real SQLite file and a real PostgreSQL database: baseline, then created,
/// updated and deleted events; a crash between the events and the hashes; pages that repeat records or cursors; failures
/// that back off, refused credentials and a lost connection.
/// </summary>
public sealed class PollRunnerTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Run_BaselineThenChanges_EmitsCreatedUpdatedDeletedOnce(StorageProvider provider)
    {
        await using var h = await PollHarness.CreateAsync(provider, detectDeletes: true);
        h.Records.AddRange([new("a", "Ada"), new("b", "Bob"), new("c", "Cy", Etag: "1"), new("d", "Di"), new("e", "Ed")]);

        var baseline = await h.PollAsync();

        baseline.Outcome.ShouldBe(PollRunOutcome.Completed);
        baseline.Baseline.ShouldBeTrue();
        baseline.Pages.ShouldBe(3);
        (await h.EventsAsync()).ShouldBeEmpty("the baseline records existing records without events");
        (await h.SubscriptionAsync()).PollBaselineTaken.ShouldBeTrue();

        // a renamed, b deleted, c only changes a field the trigger ignores, f is new.
        h.Records[0] = new("a", "Ada Lovelace");
        h.Records.RemoveAt(1);
        h.Records[1] = new("c", "Cy", Etag: "2");
        h.Records.Add(new("f", "Fay"));
        var changes = await h.PollAsync();

        changes.Outcome.ShouldBe(PollRunOutcome.Completed);
        (changes.Created, changes.Updated, changes.Deleted).ShouldBe((1, 1, 1));
        var events = await h.EventsAsync();
        events.Select(e => (e.Type, Id(e))).OrderBy(x => x.Item2).ShouldBe([("updated", "a"), ("deleted", "b"), ("created", "f")]);
        events.ShouldAllBe(e => e.Source == "poll" && e.Trigger == "poll-app.item_changed" && e.Kind == "trigger" && e.ConnectionId == h.ConnectionId);
        JsonDocument.Parse(events.Single(e => e.Type == "updated").Data).RootElement.GetProperty("record").GetProperty("name").GetString().ShouldBe("Ada Lovelace");

        // Nothing changed: nothing new. Then a changes back to its first state: a new change, so a new event.
        (await h.PollAsync()).Created.ShouldBe(0);
        (await h.EventsAsync()).Count.ShouldBe(3);
        h.Records[0] = new("a", "Ada");
        var back = await h.PollAsync();

        back.Updated.ShouldBe(1);
        (await h.EventsAsync()).Count.ShouldBe(4);

        // b comes back: created again, with its own key.
        h.Records.Add(new("b", "Bob"));
        (await h.PollAsync()).Created.ShouldBe(1);
        (await h.EventsAsync()).Count(e => Id(e) == "b").ShouldBe(2);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Run_InitialSyncEmit_EveryExistingRecordIsCreated(StorageProvider provider)
    {
        await using var h = await PollHarness.CreateAsync(provider, initialSync: PollInitialSync.Emit);
        h.Records.AddRange([new("a", "Ada"), new("b", "Bob"), new("c", "Cy")]);

        var first = await h.PollAsync();

        first.Baseline.ShouldBeFalse();
        first.Created.ShouldBe(3);
        (await h.EventsAsync()).Select(e => e.Type).ShouldBe(["created", "created", "created"]);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Run_CrashAfterEventsBeforeHashes_RepeatsWithoutDoubling(StorageProvider provider)
    {
        await using var h = await PollHarness.CreateAsync(provider, initialSync: PollInitialSync.Emit);
        h.Records.AddRange([new("a", "Ada"), new("b", "Bob"), new("c", "Cy")]);
        // The database refuses every hash write: the events are committed, the checkpoint is not.
        await h.SqlAsync(
            "CREATE TRIGGER refuse_hashes BEFORE INSERT ON PollRecordHashes BEGIN SELECT RAISE(ABORT, 'simulated crash'); END;",
            "CREATE FUNCTION refuse_hashes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$; "
            + "CREATE TRIGGER refuse_hashes BEFORE INSERT ON \"PollRecordHashes\" FOR EACH ROW EXECUTE FUNCTION refuse_hashes();");

        var crashed = await h.PollAsync();

        crashed.Outcome.ShouldBe(PollRunOutcome.Failed);
        (await h.EventsAsync()).Count.ShouldBe(2, "the first page's events were committed before its hashes failed");
        var failing = await h.SubscriptionAsync();
        failing.Status.ShouldBe(SubscriptionStatus.Failing);
        failing.Cursor.ShouldBeNull("the cursor moves only with the hashes");

        await h.SqlAsync("DROP TRIGGER refuse_hashes;", "DROP TRIGGER refuse_hashes ON \"PollRecordHashes\"; DROP FUNCTION refuse_hashes();");
        var repeated = await h.PollAsync();

        repeated.Outcome.ShouldBe(PollRunOutcome.Completed);
        var events = await h.EventsAsync();
        events.Count.ShouldBe(3, "the repeated page's events hit their dedup keys; the second page's is new");
        events.Select(Id).Order().ShouldBe(["a", "b", "c"]);
        (await h.SubscriptionAsync()).Status.ShouldBe(SubscriptionStatus.Active);
        (await h.PollAsync()).Created.ShouldBe(0);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Run_PagesRepeatRecords_EachChangeOnce(StorageProvider provider)
    {
        await using var h = await PollHarness.CreateAsync(provider, initialSync: PollInitialSync.Emit);
        h.Script = r => r.Cursor switch
        {
            null => new PollPage<Item>([new("a", "Ada"), new("b", "Bob"), new("a", "Ada")], "p2"),
            "p2" => new PollPage<Item>([new("b", "Bob"), new("a", "Ada"), new("c", "Cy")], "p3"),
            _ => new PollPage<Item>([new("c", "Cy")], null),
        };

        var run = await h.PollAsync();

        run.Outcome.ShouldBe(PollRunOutcome.Completed);
        run.Pages.ShouldBe(3);
        (await h.EventsAsync()).Select(Id).Order().ShouldBe(["a", "b", "c"]);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Run_SameCursorForever_StopsWithReasonAndNoDoubles(StorageProvider provider)
    {
        await using var h = await PollHarness.CreateAsync(provider, initialSync: PollInitialSync.Emit);
        h.Script = _ => new PollPage<Item>([new("a", "Ada")], "same");

        var run = await h.PollAsync();

        run.Outcome.ShouldBe(PollRunOutcome.Failed);
        run.ErrorCode.ShouldBe("fastn:poll-cursor-loop");
        run.Pages.ShouldBe(2);
        var subscription = await h.SubscriptionAsync();
        subscription.Status.ShouldBe(SubscriptionStatus.Failing);
        subscription.StatusReason.ShouldNotBeNull().ShouldContain("\"same\" again");
        (await h.EventsAsync()).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Run_EndlessNewCursors_StopsAtPageCapWithReason(StorageProvider provider)
    {
        await using var h = await PollHarness.CreateAsync(provider, initialSync: PollInitialSync.Emit, configure: o => o.MaxPagesPerRun = 5);
        var n = 0;
        h.Script = _ => new PollPage<Item>([new("a", "Ada")], $"c{++n}");

        var run = await h.PollAsync();

        run.Outcome.ShouldBe(PollRunOutcome.PageCapReached);
        run.Pages.ShouldBe(5);
        n.ShouldBe(5);
        var subscription = await h.SubscriptionAsync();
        subscription.Status.ShouldBe(SubscriptionStatus.Active);
        subscription.StatusReason.ShouldNotBeNull().ShouldContain("page cap");
        subscription.Cursor.ShouldBe("c5", "the next run continues where this one stopped");
        (await h.EventsAsync()).Count.ShouldBe(1);

        // The next run resumes from the stored cursor, and a page that goes back to an earlier cursor is a loop.
        h.Script = r => new PollPage<Item>([new("a", "Ada")], r.Cursor == "c5" ? "c6" : "c5");
        var next = await h.PollAsync();

        h.Requests[5].Cursor.ShouldBe("c5");
        next.ErrorCode.ShouldBe("fastn:poll-cursor-loop");
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Run_FailingPage_BacksOffExponentiallyThenRecovers(StorageProvider provider)
    {
        await using var h = await PollHarness.CreateAsync(provider, configure: o => o.BackoffBase = TimeSpan.FromMinutes(2));
        h.Records.AddRange([new("a", "Ada"), new("b", "Bob"), new("c", "Cy")]);
        h.Script = r => r.Cursor is null ? new PollPage<Item>([new("a", "Ada")], "1") : throw new UpstreamException(503, "{\"error\":\"down\"}", "The app answered 503.");
        var start = h.Time.GetUtcNow();

        var first = await h.PollAsync();

        first.Outcome.ShouldBe(PollRunOutcome.Failed);
        first.NextPollAt.ShouldBe(start + TimeSpan.FromMinutes(2));
        var failing = await h.SubscriptionAsync();
        failing.Status.ShouldBe(SubscriptionStatus.Failing);
        failing.StatusReason.ShouldNotBeNull().ShouldContain("Page 2 failed");
        failing.Cursor.ShouldBe("1", "the first page's checkpoint stands");
        (await h.DueAsync()).ShouldBeEmpty("it is not due again before its back-off");

        h.Time.Advance(TimeSpan.FromMinutes(2));
        (await h.DueAsync()).Select(d => d.Id).ShouldBe([h.SubscriptionId]);
        var second = await h.PollAsync(manual: false);

        second.NextPollAt.ShouldBe(h.Time.GetUtcNow() + TimeSpan.FromMinutes(4));
        (await h.SubscriptionAsync()).PollFailures.ShouldBe(2);

        h.Script = null;
        var recovered = await h.PollAsync();

        recovered.Outcome.ShouldBe(PollRunOutcome.Completed);
        h.Requests[^1].Cursor.ShouldBe("1", "the pass went on from its cursor");
        var active = await h.SubscriptionAsync();
        (active.Status, active.StatusReason, active.PollFailures).ShouldBe((SubscriptionStatus.Active, (string?)null, 0));
        active.NextPollAt.ShouldBe(h.Time.GetUtcNow() + TimeSpan.FromMinutes(1), "the trigger's interval");
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Run_AuthRefused_NeedsReauthAndNotScheduled(StorageProvider provider)
    {
        await using var h = await PollHarness.CreateAsync(provider);
        h.Script = _ => throw new AuthRequiredException("The app answered 401: the key was refused.");

        var run = await h.PollAsync();

        run.Outcome.ShouldBe(PollRunOutcome.NeedsReauth);
        var subscription = await h.SubscriptionAsync();
        subscription.Status.ShouldBe(SubscriptionStatus.NeedsReauth);
        subscription.StatusReason.ShouldNotBeNull().ShouldContain("Reconnect");
        subscription.NextPollAt.ShouldBeNull();
        h.Time.Advance(TimeSpan.FromDays(1));
        (await h.DueAsync()).ShouldBeEmpty();

        // A connection the grain already knows needs re-auth is not called at all.
        h.Connections.Connection = h.Connections.Connection! with { Status = ConnectionState.NeedsReauth, StatusReason = "refresh refused" };
        var calls = h.Requests.Count;
        (await h.PollAsync()).Outcome.ShouldBe(PollRunOutcome.NeedsReauth);
        h.Requests.Count.ShouldBe(calls);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Run_ConnectionGone_FailsClearlyAndStopsScheduling(StorageProvider provider)
    {
        await using var h = await PollHarness.CreateAsync(provider);
        h.Connections.Connection = null;

        var run = await h.PollAsync();

        run.Outcome.ShouldBe(PollRunOutcome.Failed);
        run.ErrorCode.ShouldBe("fastn:connection-not-found");
        var subscription = await h.SubscriptionAsync();
        subscription.Status.ShouldBe(SubscriptionStatus.Failing);
        subscription.StatusReason.ShouldNotBeNull().ShouldContain("no longer exists");
        subscription.NextPollAt.ShouldBeNull();
        h.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Run_ConnectionDeleted_SubscriptionAndHashesGo(StorageProvider provider)
    {
        await using var h = await PollHarness.CreateAsync(provider);
        h.Records.Add(new("a", "Ada"));
        await h.PollAsync();

        await h.InScopeAsync(sp => sp.GetRequiredService<Storage.Connections.ConnectionStore>().DeleteAsync(h.ConnectionId, TestContext.Current.CancellationToken));
        var run = await h.PollAsync();

        run.Outcome.ShouldBe(PollRunOutcome.Skipped);
        run.Detail.ShouldContain("no longer exists");
        (await h.InScopeAsync(sp => sp.GetRequiredService<PollStore>().CountAsync(h.SubscriptionId, TestContext.Current.CancellationToken))).ShouldBe(0);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Run_Paused_NotPolled(StorageProvider provider)
    {
        await using var h = await PollHarness.CreateAsync(provider);
        await h.InScopeAsync(sp => sp.GetRequiredService<SubscriptionStore>().SetStatusAsync(h.SubscriptionId, SubscriptionStatus.Paused, "paused", TestContext.Current.CancellationToken));

        (await h.PollAsync()).Outcome.ShouldBe(PollRunOutcome.Skipped);
        h.Requests.ShouldBeEmpty();
        (await h.DueAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Run_WatermarkFromApp_IsNextSinceAndNeverGoesBack(StorageProvider provider)
    {
        await using var h = await PollHarness.CreateAsync(provider);
        var mark = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        h.Script = _ => new PollPage<Item>([new("a", "Ada")], null) { Watermark = mark };
        await h.PollAsync();

        h.Script = _ => new PollPage<Item>([new("a", "Ada")], null) { Watermark = mark.AddHours(-5) };
        await h.PollAsync();
        await h.PollAsync();

        h.Requests[0].Since.ShouldBeNull();
        h.Requests[1].Since.ShouldBe(mark);
        h.Requests[2].Since.ShouldBe(mark, "an older watermark does not move it back");
    }

    private static string Id(Storage.Events.PlatformEvent e) => JsonDocument.Parse(e.Data).RootElement.GetProperty("id").GetString()!;
}
