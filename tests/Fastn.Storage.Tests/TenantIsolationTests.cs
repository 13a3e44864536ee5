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

    [Fact]
    public async Task Query_NoScopeSet_ThrowsInsteadOfSeeingEveryWorkspace()
    {
        var a = await NewWorkspaceAsync("A");
        await NewConnectionAsync(a.Id, "t1");

        await using var scope = UnsetScope();
        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();

        ScopeMissing(await Should.ThrowAsync<Exception>(() => db.Connections.CountAsync(Ct)));
        ScopeMissing(await Should.ThrowAsync<Exception>(() => db.Workspaces.CountAsync(Ct)));
        ScopeMissing(await Should.ThrowAsync<Exception>(() => db.ApiKeys.CountAsync(Ct)));
        ScopeMissing(await Should.ThrowAsync<Exception>(() => scope.ServiceProvider.GetRequiredService<EventStore>().ListRecentAsync(cancellationToken: Ct)));
    }

    [Fact]
    public async Task Write_NoScopeSet_ThrowsAndStoresNothing()
    {
        var ws = await NewWorkspaceAsync();

        await using (var scope = UnsetScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<EventStore>();
            ScopeMissing(await Should.ThrowAsync<Exception>(() => store.AppendAsync(ws.Id, "t1", "test.event", "x", cancellationToken: Ct)));
        }

        await using var system = Scope();
        (await system.ServiceProvider.GetRequiredService<FastnDbContext>().Events.CountAsync(e => e.WorkspaceId == ws.Id, Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task AsSystem_SeesEveryWorkspace_UntilDisposed()
    {
        var a = await NewWorkspaceAsync("A");
        var b = await NewWorkspaceAsync("B");
        await NewConnectionAsync(a.Id, "t1");
        await NewConnectionAsync(b.Id, "t1");
        var ids = new[] { a.Id, b.Id };

        await using var scope = UnsetScope();
        var tenantScope = scope.ServiceProvider.GetRequiredService<TenantScope>();
        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();
        using (tenantScope.AsSystem("test reads across workspaces"))
        {
            tenantScope.SystemReason.ShouldBe("test reads across workspaces");
            (await db.Connections.CountAsync(c => ids.Contains(c.WorkspaceId), Ct)).ShouldBe(2);
        }

        tenantScope.SystemReason.ShouldBeNull();
        ScopeMissing(await Should.ThrowAsync<Exception>(() => db.Connections.CountAsync(Ct)));

        tenantScope.Set(a.Id);
        using (tenantScope.AsSystem("nested"))
        {
            (await db.Connections.CountAsync(c => ids.Contains(c.WorkspaceId), Ct)).ShouldBe(2);
        }

        (await db.Connections.CountAsync(c => ids.Contains(c.WorkspaceId), Ct)).ShouldBe(1, "leaving system scope restores the workspace that was set");
    }

    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("a\nforged")]
    public void Set_InvalidTenant_Throws(string tenant)
    {
        var scope = new TenantScope();
        Should.Throw<ArgumentException>(() => scope.Set("ws", tenant));
        scope.WorkspaceId.ShouldBeNull("a refused tenant leaves the scope unset, not workspace-wide");
    }

    [Fact]
    public async Task EveryWorkspaceOwnedEntity_HasAScopeFilter()
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();
        var owned = db.Model.GetEntityTypes()
            .Where(t => typeof(IWorkspaceOwned).IsAssignableFrom(t.ClrType) || t.ClrType == typeof(Workspace))
            .ToList();

        owned.Count.ShouldBeGreaterThanOrEqualTo(10);
        owned.Where(t => t.GetDeclaredQueryFilters().Count == 0).Select(t => t.ClrType.Name).ShouldBeEmpty();
    }

    // EF may wrap what a filter parameter throws; the cause must be the scope, whatever the wrapping.
    private static void ScopeMissing(Exception thrown)
    {
        var cause = thrown;
        while (cause is not TenantScopeMissingException && cause.InnerException is { } inner)
        {
            cause = inner;
        }

        cause.ShouldBeOfType<TenantScopeMissingException>(thrown.ToString());
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
