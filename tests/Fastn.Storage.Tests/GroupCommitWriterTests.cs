using Fastn.Storage.ActionCalls;
using Fastn.Storage.Tests.Infrastructure;
using Fastn.Storage.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fastn.Storage.Tests;

public abstract class GroupCommitWriterTests(StorageDatabase database) : StorageTestBase(database)
{
    [Fact]
    public async Task WriteAsync_SixteenConcurrentWriters_EveryAcknowledgedRowStoredOnce()
    {
        var ws = await NewWorkspaceAsync();
        await using var writer = NewWriter();
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                var call = Call(ws.Id, $"call_w{w}_{i}");
                await writer.WriteAsync(call, Ct);
                ids.Add(call.Id);
            }
        })));

        (await StoredIdsAsync(ws.Id)).Order(StringComparer.Ordinal).ShouldBe(ids.Order(StringComparer.Ordinal));
        writer.RowsWritten.ShouldBe(640);
        writer.RowsFailed.ShouldBe(0);
    }

    [Fact]
    public async Task WriteAsync_OneBadRowInBatch_OnlyThatRowFails()
    {
        var ws = await NewWorkspaceAsync();
        await using var writer = NewWriter();
        // Queued together so they share a batch; the bad row violates NOT NULL, which fails the whole INSERT.
        var good = Enumerable.Range(0, 99).Select(i => Call(ws.Id, $"call_good_{i}")).ToList();
        var bad = Call(ws.Id, "call_bad", connector: null!);
        var writes = good.Take(50).Append(bad).Concat(good.Skip(50)).Select(c => (c, writer.WriteAsync(c, Ct))).ToList();

        foreach (var (call, write) in writes)
        {
            if (call == bad)
            {
                await Should.ThrowAsync<RowWriteException>(write);
            }
            else
            {
                await write;
            }
        }

        (await StoredIdsAsync(ws.Id)).Order(StringComparer.Ordinal).ShouldBe(good.Select(c => c.Id).Order(StringComparer.Ordinal));
        writer.RowsFailed.ShouldBe(1);
        writer.RowsWritten.ShouldBe(99);
    }

    [Fact]
    public async Task EnqueueAsync_ThenDispose_DrainsEveryRow()
    {
        var ws = await NewWorkspaceAsync();
        var writer = NewWriter();
        for (var i = 0; i < 1000; i++)
        {
            await writer.EnqueueAsync(Call(ws.Id, $"call_behind_{i}"), Ct);
        }

        await writer.DisposeAsync();

        (await StoredIdsAsync(ws.Id)).Count.ShouldBe(1000);
        writer.RowsWritten.ShouldBe(1000);
    }

    [Fact]
    public async Task FlushAsync_AfterEnqueue_RowsVisible()
    {
        var ws = await NewWorkspaceAsync();
        await using var writer = NewWriter();
        await writer.EnqueueAsync(Call(ws.Id, "call_flush_1"), Ct);
        await writer.EnqueueAsync(Call(ws.Id, "call_flush_2"), Ct);

        await writer.FlushAsync(Ct);

        (await StoredIdsAsync(ws.Id)).Order(StringComparer.Ordinal).ShouldBe(["call_flush_1", "call_flush_2"]);
    }

    [Fact]
    public async Task WriteAsync_SameIdTwice_StoredOnceWithoutError()
    {
        var ws = await NewWorkspaceAsync();
        await using var writer = NewWriter();

        await writer.WriteAsync(Call(ws.Id, "call_dup"), Ct);
        await writer.WriteAsync(Call(ws.Id, "call_dup"), Ct);

        (await StoredIdsAsync(ws.Id)).ShouldBe(["call_dup"]);
    }

    [Fact]
    public async Task WriteAsync_Row_RoundTripsThroughTheLog()
    {
        var ws = await NewWorkspaceAsync();
        await using var writer = NewWriter();
        var call = Call(ws.Id, "call_roundtrip");
        await writer.WriteAsync(call, Ct);

        await using var scope = Scope();
        var loaded = await scope.ServiceProvider.GetRequiredService<ActionCallLog>().GetAsync("call_roundtrip", Ct);

        loaded.ShouldNotBeNull();
        loaded.ShouldBeEquivalentTo(call);
    }

    protected StorageOptions Options => Services.GetRequiredService<IOptions<StorageOptions>>().Value;

    protected GroupCommitWriter<ActionCall> NewWriter(StorageOptions? options = null, GroupCommitWriterOptions? writerOptions = null)
    {
        var o = options ?? Options;
        return new GroupCommitWriter<ActionCall>(ActionCallTable.For(o.Provider), o, writerOptions);
    }

    protected async Task<List<string>> StoredIdsAsync(string workspaceId)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();
        return await db.ActionCalls.AsNoTracking().Where(c => c.WorkspaceId == workspaceId).Select(c => c.Id).ToListAsync(Ct);
    }

    protected ActionCall Call(string workspaceId, string id, string connector = "acme-crm") => new()
    {
        Id = id,
        WorkspaceId = workspaceId,
        TenantId = "t1",
        ConnectionId = "conn_1",
        Connector = connector,
        Action = "create_contact",
        Status = ActionCallStatus.Failed,
        ErrorType = "fastn:upstream",
        ErrorDetail = "Acme returned 502",
        HttpStatus = 502,
        DurationMs = 12,
        Input = """{"email":"a@b.c"}""",
        Output = "null",
        StartedAt = Database.Time.GetUtcNow(),
        Caller = ActionCaller.Rest,
    };
}

public sealed class SqliteGroupCommitWriterTests(SqliteDatabase database) : GroupCommitWriterTests(database), IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task WriteAsync_DatabaseLockedByAnotherWriter_RetriedUntilCommitted()
    {
        var ws = await NewWorkspaceAsync();
        var options = Options;
        var shortBusy = new StorageOptions { Provider = options.Provider, ConnectionString = options.GetConnectionString(), SqliteBusyTimeout = TimeSpan.FromMilliseconds(1) };
        await using var writer = NewWriter(shortBusy, new GroupCommitWriterOptions { MaxAttempts = 100, RetryDelay = TimeSpan.FromMilliseconds(5) });
        await using var blocker = new Microsoft.Data.Sqlite.SqliteConnection(options.GetConnectionString());
        await blocker.OpenAsync(Ct);
        await using var hold = blocker.CreateCommand();
        hold.CommandText = "BEGIN IMMEDIATE";
        await hold.ExecuteNonQueryAsync(Ct);

        var write = writer.WriteAsync(Call(ws.Id, "call_locked"), Ct);
        await PollAsync(() => write.IsCompleted || writer.RowsWritten > 0 ? Task.FromResult(true) : Task.FromResult(false), TimeSpan.FromMilliseconds(300));
        write.IsCompleted.ShouldBeFalse();
        hold.CommandText = "COMMIT";
        await hold.ExecuteNonQueryAsync(Ct);
        await write;

        (await StoredIdsAsync(ws.Id)).ShouldBe(["call_locked"]);
        writer.RowsFailed.ShouldBe(0);
    }

    [Fact]
    public void SqlitePragmas_Full_SetsSynchronousFull()
    {
        new StorageOptions { SqliteSynchronous = SqliteSynchronous.Full }.SqlitePragmas.ShouldContain("synchronous=FULL");
        new StorageOptions().SqlitePragmas.ShouldContain("synchronous=NORMAL");
    }

    // Waits the given time unless the condition becomes true earlier (used to show something does NOT happen yet).
    private static async Task PollAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline && !await condition())
        {
            await Task.Delay(10, Ct);
        }
    }
}

public sealed class PostgresGroupCommitWriterTests(PostgresDatabase database) : GroupCommitWriterTests(database), IClassFixture<PostgresDatabase>;
