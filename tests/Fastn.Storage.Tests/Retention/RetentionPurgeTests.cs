using Fastn.Storage.ActionCalls;
using Fastn.Storage.ConnectSessions;
using Fastn.Storage.Events;
using Fastn.Storage.Flows;
using Fastn.Storage.OAuth;
using Fastn.Storage.Retention;
using Fastn.Storage.Tests.Infrastructure;
using Fastn.Storage.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Fastn.Storage.Tests.Retention;

public abstract class RetentionPurgeTests(StorageDatabase database) : StorageTestBase(database)
{
    private const string Tenant = "customer-1";

    [Fact]
    public async Task Purge_ExpiredOAuthStates_DeletedAndLiveOnesKept()
    {
        var ws = await NewWorkspaceAsync();
        var now = Database.Time.GetUtcNow();
        await AddAsync(State(ws.Id, "expired", now.AddMinutes(-1)), State(ws.Id, "consumed-expired", now.AddSeconds(-1), consumed: true), State(ws.Id, "live", now.AddMinutes(5)));

        var result = await Purge().PurgeAsync(Ct);

        result.OAuthStates.ShouldBeGreaterThanOrEqualTo(2);
        (await RowsAsync(db => db.OAuthStates.Where(s => s.WorkspaceId == ws.Id).Select(s => s.State))).ShouldBe([Key(ws.Id, "live")]);
    }

    [Fact]
    public async Task Purge_ExpiredConnectSessions_DeletedAndUnexpiredOnesKept()
    {
        var ws = await NewWorkspaceAsync();
        await EnsureTenantAsync(ws.Id);
        var now = Database.Time.GetUtcNow();
        await AddAsync(
            Session(ws.Id, "cs_expired", now.AddMinutes(-1), consumed: false),
            Session(ws.Id, "cs_finished", now.AddSeconds(-1), consumed: true),
            Session(ws.Id, "cs_claimed", now.AddMinutes(10), consumed: true),
            Session(ws.Id, "cs_open", now.AddMinutes(10), consumed: false));

        var result = await Purge().PurgeAsync(Ct);

        result.ConnectSessions.ShouldBeGreaterThanOrEqualTo(2);
        (await RowsAsync(db => db.ConnectSessions.Where(s => s.WorkspaceId == ws.Id).OrderBy(s => s.Id).Select(s => s.Id)))
            .ShouldBe([Key(ws.Id, "cs_claimed"), Key(ws.Id, "cs_open")]);
    }

    [Fact]
    public async Task Purge_CallLogOlderThanRetention_DeletedInBatches()
    {
        var ws = await NewWorkspaceAsync();
        var now = Database.Time.GetUtcNow();
        var old = Enumerable.Range(0, 7).Select(i => Call(ws.Id, $"call_old_{i}", now.AddDays(-30).AddSeconds(-1 - i))).ToArray();
        await AddAsync([.. old, Call(ws.Id, "call_recent", now.AddDays(-30).AddSeconds(1))]);

        // A batch of 3 needs three statements for 7 rows: every batch must be followed by the next.
        var result = await Purge(batchSize: 3).PurgeAsync(Ct);

        result.ActionCalls.ShouldBeGreaterThanOrEqualTo(7);
        (await RowsAsync(db => db.ActionCalls.Where(c => c.WorkspaceId == ws.Id).Select(c => c.Id))).ShouldBe([Key(ws.Id, "call_recent")]);
    }

    [Fact]
    public async Task Purge_OldEvents_DispatchedDeletedUndispatchedKept()
    {
        var ws = await NewWorkspaceAsync();
        var now = Database.Time.GetUtcNow();
        await AddAsync(
            Event(ws.Id, "evt_old_dispatched", now.AddDays(-31), dispatched: true),
            Event(ws.Id, "evt_old_pending", now.AddDays(-365), dispatched: false),
            Event(ws.Id, "evt_recent_dispatched", now.AddDays(-29), dispatched: true));

        var result = await Purge().PurgeAsync(Ct);

        result.Events.ShouldBeGreaterThanOrEqualTo(1);
        (await RowsAsync(db => db.Events.Where(e => e.WorkspaceId == ws.Id).OrderBy(e => e.Id).Select(e => e.Id)))
            .ShouldBe([Key(ws.Id, "evt_old_pending"), Key(ws.Id, "evt_recent_dispatched")]);
    }

    [Fact]
    public async Task Purge_OldFinishedRuns_DeletedWithTheirStepsLiveRunsKept()
    {
        var ws = await NewWorkspaceAsync();
        await EnsureTenantAsync(ws.Id);
        var now = Database.Time.GetUtcNow();
        var flow = new StoredFlow { Id = Key(ws.Id, "flow"), WorkspaceId = ws.Id, Name = Key(ws.Id, "f").Replace('_', '-'), Draft = "{}", CreatedAt = now, UpdatedAt = now };
        await AddAsync(flow);
        await AddAsync(
            Run(ws.Id, flow.Id, "run_old_done", now.AddDays(-40), finishedAt: now.AddDays(-31)),
            Run(ws.Id, flow.Id, "run_old_waiting", now.AddDays(-400), finishedAt: null),
            Run(ws.Id, flow.Id, "run_recent_done", now.AddDays(-2), finishedAt: now.AddDays(-1)));
        await AddAsync(new FlowRunStep
        {
            RunId = Key(ws.Id, "run_old_done"), Path = "a", WorkspaceId = ws.Id, TenantId = Tenant, StepId = "a", Kind = "transform", Status = "succeeded",
            StartedAt = now.AddDays(-31), FinishedAt = now.AddDays(-31),
        });

        var result = await Purge().PurgeAsync(Ct);

        result.Runs.ShouldBeGreaterThanOrEqualTo(1);
        (await RowsAsync(db => db.FlowRuns.Where(r => r.WorkspaceId == ws.Id).OrderBy(r => r.Id).Select(r => r.Id)))
            .ShouldBe([Key(ws.Id, "run_old_waiting"), Key(ws.Id, "run_recent_done")]);
        (await RowsAsync(db => db.FlowRunSteps.Where(r => r.WorkspaceId == ws.Id).Select(r => r.RunId))).ShouldBeEmpty();
    }

    private static FlowRun Run(string workspaceId, string flowId, string id, DateTimeOffset createdAt, DateTimeOffset? finishedAt) => new()
    {
        Id = Key(workspaceId, id),
        WorkspaceId = workspaceId,
        TenantId = Tenant,
        FlowId = flowId,
        FlowVersion = 1,
        StartedBy = "manual",
        Status = finishedAt is null ? FlowRunStatus.Waiting : FlowRunStatus.Succeeded,
        CreatedAt = createdAt,
        FinishedAt = finishedAt,
    };

    [Fact]
    public async Task Purge_ZeroDays_KeepsCallLogAndEventsForever()
    {
        var ws = await NewWorkspaceAsync();
        var now = Database.Time.GetUtcNow();
        await AddAsync(Call(ws.Id, "call_ancient", now.AddYears(-5)));
        await AddAsync(Event(ws.Id, "evt_ancient", now.AddYears(-5), dispatched: true));

        await Purge(callLogDays: 0, eventDays: 0).PurgeAsync(Ct);

        (await RowsAsync(db => db.ActionCalls.Where(c => c.WorkspaceId == ws.Id).Select(c => c.Id))).ShouldBe([Key(ws.Id, "call_ancient")]);
        (await RowsAsync(db => db.Events.Where(e => e.WorkspaceId == ws.Id).Select(e => e.Id))).ShouldBe([Key(ws.Id, "evt_ancient")]);
    }

    [Fact]
    public async Task Purge_NothingExpired_ReturnsZero()
    {
        // Earlier tests may have left expired rows in the shared database: clear them first.
        await Purge().PurgeAsync(Ct);
        var ws = await NewWorkspaceAsync();
        await AddAsync(State(ws.Id, "live-only", Database.Time.GetUtcNow().AddMinutes(5)));

        var result = await Purge().PurgeAsync(Ct);

        result.Total.ShouldBe(0);
    }

    [Fact]
    public async Task HostedService_AfterInterval_RunsPurgeOnInjectedClock()
    {
        var ws = await NewWorkspaceAsync();
        await AddAsync(State(ws.Id, "expires-before-tick", Database.Time.GetUtcNow().AddMinutes(30)));
        var interval = Services.GetRequiredService<IOptions<StorageOptions>>().Value.Retention.Interval;
        var service = Services.GetServices<IHostedService>().OfType<RetentionHostedService>().Single();

        await service.StartAsync(Ct);
        try
        {
            (await RowsAsync(db => db.OAuthStates.Where(s => s.WorkspaceId == ws.Id).Select(s => s.State))).ShouldBe([Key(ws.Id, "expires-before-tick")]);
            // Since .NET 10 ExecuteAsync starts on a pool thread, so the timer may not exist yet when StartAsync returns:
            // move the clock one interval at a time until the purge has run, and poll for its effect with a deadline.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            var advanced = 0;
            while ((await RowsAsync(db => db.OAuthStates.Where(s => s.WorkspaceId == ws.Id).Select(s => s.State))).Count > 0)
            {
                DateTime.UtcNow.ShouldBeLessThan(deadline, "the retention service did not purge after one interval");
                if (advanced++ < 100)
                {
                    Database.Time.Advance(interval);
                }

                await Task.Delay(50, Ct);
            }
        }
        finally
        {
            await service.StopAsync(Ct);
        }
    }

    private RetentionPurge Purge(int callLogDays = 30, int eventDays = 30, int batchSize = 5_000) => new(
        Services.GetRequiredService<IServiceScopeFactory>(),
        Options.Create(new StorageOptions { Retention = { CallLogDays = callLogDays, EventDays = eventDays, BatchSize = batchSize } }),
        Database.Time,
        NullLogger<RetentionPurge>.Instance);

    private async Task AddAsync(params object[] rows)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();
        db.AddRange(rows);
        await db.SaveChangesAsync(Ct);
    }

    private async Task<List<string>> RowsAsync(Func<FastnDbContext, IQueryable<string>> query)
    {
        await using var scope = Scope();
        return await query(scope.ServiceProvider.GetRequiredService<FastnDbContext>()).ToListAsync(Ct);
    }

    private async Task EnsureTenantAsync(string workspaceId)
    {
        await using var scope = Scope();
        await scope.ServiceProvider.GetRequiredService<WorkspaceStore>().EnsureTenantAsync(workspaceId, Tenant, cancellationToken: Ct);
    }

    // Row keys carry the workspace id: tests share the class database and must not collide.
    private static string Key(string workspaceId, string name) => name + "_" + workspaceId;

    private static OAuthState State(string workspaceId, string name, DateTimeOffset expiresAt, bool consumed = false) => new()
    {
        State = Key(workspaceId, name),
        WorkspaceId = workspaceId,
        TenantId = Tenant,
        Connector = "acme-crm",
        AuthMethod = "oauth2",
        RedirectUri = "http://localhost:5173/oauth/callback",
        CodeVerifierProtected = "protected-verifier",
        CreatedAt = expiresAt.AddMinutes(-10),
        ExpiresAt = expiresAt,
        ConsumedAt = consumed ? expiresAt.AddMinutes(-5) : null,
    };

    private static ConnectSession Session(string workspaceId, string id, DateTimeOffset expiresAt, bool consumed) => new()
    {
        Id = Key(workspaceId, id),
        WorkspaceId = workspaceId,
        TenantId = Tenant,
        TokenHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id + workspaceId))),
        FormToken = "form-token",
        CreatedAt = expiresAt.AddMinutes(-30),
        ExpiresAt = expiresAt,
        ConsumedAt = consumed ? expiresAt.AddMinutes(-20) : null,
    };

    private static ActionCall Call(string workspaceId, string id, DateTimeOffset startedAt) => new()
    {
        Id = Key(workspaceId, id),
        WorkspaceId = workspaceId,
        TenantId = Tenant,
        ConnectionId = "conn_1",
        Connector = "acme-crm",
        Action = "contacts.list",
        Status = ActionCallStatus.Succeeded,
        StartedAt = startedAt,
        Caller = ActionCaller.Rest,
    };

    private static PlatformEvent Event(string workspaceId, string id, DateTimeOffset createdAt, bool dispatched) => new()
    {
        Id = Key(workspaceId, id),
        WorkspaceId = workspaceId,
        TenantId = Tenant,
        Type = "connection.needs_reauth",
        Subject = "conn_1",
        CreatedAt = createdAt,
        DispatchedAt = dispatched ? createdAt.AddSeconds(1) : null,
    };
}

public sealed class SqliteRetentionPurgeTests(SqliteDatabase database) : RetentionPurgeTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresRetentionPurgeTests(PostgresDatabase database) : RetentionPurgeTests(database), IClassFixture<PostgresDatabase>;
