using Fastn.Storage.ActionCalls;
using Fastn.Storage.Events;
using Fastn.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Storage.Tests;

public abstract class ActionCallLogTests(StorageDatabase database) : StorageTestBase(database)
{
    [Fact]
    public async Task ListByConnection_ManyCalls_NewestFirstAcrossPages()
    {
        var ws = await NewWorkspaceAsync();
        var connection = await NewConnectionAsync(ws.Id, "t1");
        var other = await NewConnectionAsync(ws.Id, "t1");
        var start = Database.Time.GetUtcNow();
        await using var scope = Scope(ws.Id, "t1");
        var log = scope.ServiceProvider.GetRequiredService<ActionCallLog>();
        var appended = new List<ActionCall>();
        // Out of order, with two calls sharing a start time: order must still be (StartedAt desc, Id desc).
        foreach (var offset in new[] { 3, 1, 4, 1, 5, 9, 2, 6 })
        {
            appended.Add(await log.AppendAsync(Call(connection.Id, ws.Id, start.AddSeconds(offset)), Ct));
        }

        await log.AppendAsync(Call(other.Id, ws.Id, start.AddSeconds(100)), Ct);

        var seen = new List<ActionCall>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await log.ListByConnectionAsync(connection.Id, limit: 3, cursor, Ct);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        pages.ShouldBe(3);
        var expected = appended.OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id, StringComparer.Ordinal).Select(c => c.Id).ToList();
        seen.Select(c => c.Id).ShouldBe(expected);
    }

    [Fact]
    public async Task Append_Call_RoundTripsEveryField()
    {
        var ws = await NewWorkspaceAsync();
        var connection = await NewConnectionAsync(ws.Id, "t1");
        await using var scope = Scope();
        var log = scope.ServiceProvider.GetRequiredService<ActionCallLog>();
        var call = new ActionCall
        {
            WorkspaceId = ws.Id,
            TenantId = "t1",
            ConnectionId = connection.Id,
            Connector = "acme-crm",
            Action = "create_contact",
            Status = ActionCallStatus.Failed,
            ErrorType = "fastn:upstream",
            ErrorDetail = "Acme returned 502",
            HttpStatus = 502,
            DurationMs = 1234,
            Input = """{"email":"a@b.c"}""",
            Output = """{"error":"bad gateway"}""",
            StartedAt = Database.Time.GetUtcNow(),
            Caller = ActionCaller.Mcp,
        };

        var appended = await log.AppendAsync(call, Ct);
        var loaded = await log.GetAsync(appended.Id, Ct);

        appended.Id.ShouldStartWith("call_");
        loaded.ShouldNotBeNull();
        loaded.ShouldBeEquivalentTo(call);
    }

    [Fact]
    public async Task ListByConnection_BadCursor_ThrowsArgumentException()
    {
        await using var scope = Scope();
        var log = scope.ServiceProvider.GetRequiredService<ActionCallLog>();

        await Should.ThrowAsync<ArgumentException>(() => log.ListByConnectionAsync("conn_x", 10, "garbage", Ct));
    }

    [Fact]
    public async Task Outbox_UndispatchedEvents_OldestFirstThenMarkedOnce()
    {
        var ws = await NewWorkspaceAsync();
        await using var scope = Scope(ws.Id);
        var events = scope.ServiceProvider.GetRequiredService<EventStore>();
        var first = await events.AppendAsync(ws.Id, "t1", "test.first", "s1", """{"n":1}""", Ct);
        Database.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await events.AppendAsync(ws.Id, "t1", "test.second", "s2", cancellationToken: Ct);

        var pending = await events.ListUndispatchedAsync(cancellationToken: Ct);
        var marked = await events.MarkDispatchedAsync([first.Id], Ct);
        var markedAgain = await events.MarkDispatchedAsync([first.Id], Ct);

        pending.Select(e => e.Id).ShouldBe([first.Id, second.Id]);
        marked.ShouldBe(1);
        markedAgain.ShouldBe(0);
        (await events.ListUndispatchedAsync(cancellationToken: Ct)).Select(e => e.Id).ShouldBe([second.Id]);
    }

    private static ActionCall Call(string connectionId, string workspaceId, DateTimeOffset startedAt) => new()
    {
        WorkspaceId = workspaceId,
        TenantId = "t1",
        ConnectionId = connectionId,
        Connector = "acme-crm",
        Action = "list_contacts",
        Status = ActionCallStatus.Succeeded,
        DurationMs = 5,
        StartedAt = startedAt,
        Caller = ActionCaller.Flow,
    };
}

public sealed class SqliteActionCallLogTests(SqliteDatabase database) : ActionCallLogTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresActionCallLogTests(PostgresDatabase database) : ActionCallLogTests(database), IClassFixture<PostgresDatabase>;
