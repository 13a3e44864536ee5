using Fastn.Storage.ActionCalls;
using Fastn.Storage.Connections;
using Fastn.Storage.Events;
using Fastn.Storage.Tests.Infrastructure;
using Fastn.Storage.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Storage.Tests;

public abstract class TenantIsolationTests(StorageDatabase database) : StorageTestBase(database)
{
    [Fact]
    public async Task ListConnections_WorkspaceScope_HidesOtherWorkspaces()
    {
        var a = await NewWorkspaceAsync("A");
        var b = await NewWorkspaceAsync("B");
        var ca = await NewConnectionAsync(a.Id, "t1");
        var cb = await NewConnectionAsync(b.Id, "t1");

        await using var scope = Scope(a.Id);
        var store = scope.ServiceProvider.GetRequiredService<ConnectionStore>();
        var listed = await store.ListAsync(cancellationToken: Ct);

        listed.Select(c => c.Id).ShouldBe([ca.Id]);
        (await store.GetAsync(cb.Id, Ct)).ShouldBeNull();
        (await store.GetCredentialAsync(cb.Id, Ct)).ShouldBeNull();
        (await store.UpdateStatusAsync(cb.Id, ConnectionStatus.Error, "x", Ct)).ShouldBeFalse();
        (await store.DeleteAsync(cb.Id, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task ListConnections_TenantScope_HidesOtherTenants()
    {
        var ws = await NewWorkspaceAsync();
        var mine = await NewConnectionAsync(ws.Id, "customer-1");
        var theirs = await NewConnectionAsync(ws.Id, "customer-2");

        await using var scope = Scope(ws.Id, "customer-1");
        var store = scope.ServiceProvider.GetRequiredService<ConnectionStore>();

        (await store.ListAsync(cancellationToken: Ct)).Select(c => c.Id).ShouldBe([mine.Id]);
        (await store.GetAsync(theirs.Id, Ct)).ShouldBeNull();
        (await store.TryUpdateCredentialAsync(theirs.Id, 1, "stolen", null, Ct)).ShouldBeFalse();
        (await scope.ServiceProvider.GetRequiredService<WorkspaceStore>().ListTenantsAsync(ws.Id, Ct)).Select(t => t.Id).ShouldBe(["customer-1"]);
    }

    [Fact]
    public async Task ListConnections_WorkspaceScopeWithoutTenant_SeesAllTenantsOfWorkspace()
    {
        var ws = await NewWorkspaceAsync();
        await NewConnectionAsync(ws.Id, "customer-1");
        await NewConnectionAsync(ws.Id, "customer-2");

        await using var scope = Scope(ws.Id);
        var listed = await scope.ServiceProvider.GetRequiredService<ConnectionStore>().ListAsync(cancellationToken: Ct);

        listed.Select(c => c.TenantId).Order().ShouldBe(["customer-1", "customer-2"]);
    }

    [Fact]
    public async Task ActionCallsAndEvents_TenantScope_HidesOtherTenants()
    {
        var ws = await NewWorkspaceAsync();
        var mine = await NewConnectionAsync(ws.Id, "customer-1");
        var theirs = await NewConnectionAsync(ws.Id, "customer-2");
        await using (var system = Scope())
        {
            var log = system.ServiceProvider.GetRequiredService<ActionCallLog>();
            await log.AppendAsync(Call(mine), Ct);
            await log.AppendAsync(Call(theirs), Ct);
        }

        await using var scope = Scope(ws.Id, "customer-1");
        var calls = await scope.ServiceProvider.GetRequiredService<ActionCallLog>().ListByConnectionAsync(theirs.Id, cancellationToken: Ct);
        var events = await scope.ServiceProvider.GetRequiredService<EventStore>().ListRecentAsync(cancellationToken: Ct);

        calls.Items.ShouldBeEmpty();
        events.ShouldNotBeEmpty();
        events.ShouldAllBe(e => e.TenantId == "customer-1" && e.WorkspaceId == ws.Id);
    }

    [Fact]
    public async Task IgnoreQueryFilters_InTenantScope_SeesEveryRow()
    {
        var a = await NewWorkspaceAsync("A");
        var b = await NewWorkspaceAsync("B");
        await NewConnectionAsync(a.Id, "t1");
        await NewConnectionAsync(b.Id, "t1");

        await using var scope = Scope(a.Id, "t1");
        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();
        var ids = new[] { a.Id, b.Id };

        (await db.Connections.IgnoreQueryFilters().CountAsync(c => ids.Contains(c.WorkspaceId), Ct)).ShouldBe(2);
        (await db.Connections.CountAsync(c => ids.Contains(c.WorkspaceId), Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task SaveChanges_RowOfOtherWorkspace_Throws()
    {
        var a = await NewWorkspaceAsync("A");
        var b = await NewWorkspaceAsync("B");

        await using var scope = Scope(a.Id);
        var store = scope.ServiceProvider.GetRequiredService<EventStore>();

        await Should.ThrowAsync<InvalidOperationException>(() => store.AppendAsync(b.Id, "t1", "test.event", "x", cancellationToken: Ct));
    }

    [Fact]
    public async Task SaveChanges_RowOfOtherTenant_Throws()
    {
        var ws = await NewWorkspaceAsync();

        await using var scope = Scope(ws.Id, "customer-1");
        var store = scope.ServiceProvider.GetRequiredService<EventStore>();

        await Should.ThrowAsync<InvalidOperationException>(() => store.AppendAsync(ws.Id, "customer-2", "test.event", "x", cancellationToken: Ct));
    }

    private ActionCall Call(Connection connection) => new()
    {
        WorkspaceId = connection.WorkspaceId,
        TenantId = connection.TenantId,
        ConnectionId = connection.Id,
        Connector = connection.Connector,
        Action = "create_contact",
        Status = ActionCallStatus.Succeeded,
        DurationMs = 12,
        StartedAt = Database.Time.GetUtcNow(),
        Caller = ActionCaller.Rest,
    };
}

public sealed class SqliteTenantIsolationTests(SqliteDatabase database) : TenantIsolationTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresTenantIsolationTests(PostgresDatabase database) : TenantIsolationTests(database), IClassFixture<PostgresDatabase>;
