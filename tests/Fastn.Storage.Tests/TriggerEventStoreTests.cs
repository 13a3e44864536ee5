using Fastn.Storage.Events;
using Fastn.Storage.Subscriptions;
using Fastn.Storage.Tests.Infrastructure;
using Fastn.Storage.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Storage.Tests;

/// <summary>Trigger events share the event list with platform events, and are stored once per app event per subscription.</summary>
public abstract class TriggerEventStoreTests(StorageDatabase database) : StorageTestBase(database)
{
    [Fact]
    public async Task WriteAsync_SameDedupKeyAgainAndConcurrently_StoredOnceWithoutError()
    {
        var ws = await NewWorkspaceAsync();
        var connection = await NewConnectionAsync(ws.Id, "t1");
        var subscription = await NewSubscriptionAsync(ws.Id, connection.Id);
        var writer = Services.GetRequiredService<GroupCommitWriter<PlatformEvent>>();

        await writer.WriteAsync(Event(ws.Id, connection.Id, subscription.Id, "delivery-1"), Ct);
        await writer.WriteAsync(Event(ws.Id, connection.Id, subscription.Id, "delivery-1"), Ct);
        // Eight redeliveries at once share batches: the duplicates are skipped, the batch is not aborted.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => writer.WriteAsync(Event(ws.Id, connection.Id, subscription.Id, i % 2 == 0 ? "delivery-2" : "delivery-3"), Ct)));

        var stored = await EventsAsync(ws.Id);
        stored.Select(e => e.DedupKey).Order(StringComparer.Ordinal).ShouldBe([$"{subscription.Id}:delivery-1", $"{subscription.Id}:delivery-2", $"{subscription.Id}:delivery-3"]);
        stored.ShouldAllBe(e => e.Kind == EventKinds.Trigger && e.Source == "webhook" && e.SubscriptionId == subscription.Id);
    }

    [Fact]
    public async Task ListPage_KindAndSubscriptionFilters_SeparateTriggerFromPlatformEvents()
    {
        var ws = await NewWorkspaceAsync();
        var connection = await NewConnectionAsync(ws.Id, "t1");
        var subscription = await NewSubscriptionAsync(ws.Id, connection.Id);
        await Services.GetRequiredService<GroupCommitWriter<PlatformEvent>>().WriteAsync(Event(ws.Id, connection.Id, subscription.Id, "d-1"), Ct);
        await using (var scope = Scope(ws.Id, "t1"))
        {
            await scope.ServiceProvider.GetRequiredService<EventStore>().AppendAsync(ws.Id, "t1", "connection.created", connection.Id, cancellationToken: Ct);
        }

        await using var read = Scope(ws.Id, "t1");
        var events = read.ServiceProvider.GetRequiredService<EventStore>();
        var all = await events.ListPageAsync(null, null, 10, Ct);
        all.Count(e => e.Kind == EventKinds.Trigger).ShouldBe(1);
        all.ShouldContain(e => e.Kind == EventKinds.Platform && e.Type == "connection.created");
        (await events.ListPageAsync(null, null, 10, Ct, kind: EventKinds.Trigger)).ShouldHaveSingleItem().DedupKey.ShouldBe($"{subscription.Id}:d-1");
        var platform = await events.ListPageAsync(null, null, 10, Ct, kind: EventKinds.Platform);
        platform.ShouldNotBeEmpty();
        platform.ShouldAllBe(e => e.Kind == EventKinds.Platform && e.DedupKey == null);
        (await events.ListPageAsync(null, null, 10, Ct, subscriptionId: subscription.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task HeldEvent_IsStoredButNotOfferedToTheDispatcher()
    {
        var ws = await NewWorkspaceAsync();
        var connection = await NewConnectionAsync(ws.Id, "t1");
        var subscription = await NewSubscriptionAsync(ws.Id, connection.Id);
        var held = Event(ws.Id, connection.Id, subscription.Id, "d-held", heldReason: "The subscription is paused.");
        await Services.GetRequiredService<GroupCommitWriter<PlatformEvent>>().WriteAsync(held, Ct);

        await using var scope = Scope();
        var pending = await scope.ServiceProvider.GetRequiredService<EventStore>().ListUndispatchedAsync(1000, Ct);

        pending.ShouldNotContain(e => e.Id == held.Id);
        (await EventsAsync(ws.Id)).ShouldHaveSingleItem().HeldReason.ShouldBe("The subscription is paused.");
    }

    [Fact]
    public async Task DeletingTheConnection_DeletesItsSubscriptions()
    {
        var ws = await NewWorkspaceAsync();
        var connection = await NewConnectionAsync(ws.Id, "t1");
        var subscription = await NewSubscriptionAsync(ws.Id, connection.Id);

        await using (var scope = Scope(ws.Id, "t1"))
        {
            await scope.ServiceProvider.GetRequiredService<Connections.ConnectionStore>().DeleteAsync(connection.Id, Ct);
        }

        await using var read = Scope(ws.Id, "t1");
        (await read.ServiceProvider.GetRequiredService<SubscriptionStore>().GetAsync(subscription.Id, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Subscription_OtherTenant_IsNotVisible()
    {
        var ws = await NewWorkspaceAsync();
        var connection = await NewConnectionAsync(ws.Id, "t1");
        var subscription = await NewSubscriptionAsync(ws.Id, connection.Id);

        await using var other = Scope(ws.Id, "t2");
        var store = other.ServiceProvider.GetRequiredService<SubscriptionStore>();
        (await store.GetAsync(subscription.Id, Ct)).ShouldBeNull();
        (await store.SetStatusAsync(subscription.Id, SubscriptionStatus.Paused, "x", Ct)).ShouldBeNull();
        (await store.DeleteAsync(subscription.Id, Ct)).ShouldBeFalse();
    }

    private async Task<Subscription> NewSubscriptionAsync(string workspaceId, string connectionId)
    {
        await using var scope = Scope(workspaceId, "t1");
        return await scope.ServiceProvider.GetRequiredService<SubscriptionStore>()
            .CreateAsync(workspaceId, "t1", connectionId, "acme-crm", "contact_event", "{}", null, Ct);
    }

    private async Task<List<PlatformEvent>> EventsAsync(string workspaceId)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<FastnDbContext>().Events.AsNoTracking().Where(e => e.WorkspaceId == workspaceId && e.Kind == EventKinds.Trigger).ToListAsync(Ct);
    }

    private PlatformEvent Event(string workspaceId, string connectionId, string subscriptionId, string appEventId, string? heldReason = null) => new()
    {
        Id = "evt_" + Guid.NewGuid().ToString("N"),
        WorkspaceId = workspaceId,
        TenantId = "t1",
        Type = "contact.created",
        Subject = connectionId,
        Data = """{"id":"c_1"}""",
        CreatedAt = Database.Time.GetUtcNow(),
        Kind = EventKinds.Trigger,
        ConnectionId = connectionId,
        SubscriptionId = subscriptionId,
        Trigger = "acme-crm.contact_event",
        Source = "webhook",
        DedupKey = $"{subscriptionId}:{appEventId}",
        HeldReason = heldReason,
    };
}

public sealed class SqliteTriggerEventStoreTests(SqliteDatabase database) : TriggerEventStoreTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresTriggerEventStoreTests(PostgresDatabase database) : TriggerEventStoreTests(database), IClassFixture<PostgresDatabase>;
