using Fastn.Storage.Connections;
using Fastn.Storage.Events;
using Fastn.Storage.Tests.Infrastructure;
using Fastn.Storage.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Storage.Tests;

public abstract class ConnectionStoreTests(StorageDatabase database) : StorageTestBase(database)
{
    [Fact]
    public async Task Create_NewTenant_StoresConnectionCredentialTenantAndEvent()
    {
        var ws = await NewWorkspaceAsync();

        var created = await NewConnectionAsync(ws.Id, "customer-42");

        created.Id.ShouldStartWith("conn_");
        created.Id.Length.ShouldBe(5 + 26);
        await using var scope = Scope(ws.Id, "customer-42");
        var sp = scope.ServiceProvider;
        var loaded = await sp.GetRequiredService<ConnectionStore>().GetAsync(created.Id, Ct);
        loaded.ShouldNotBeNull();
        loaded.Status.ShouldBe(ConnectionStatus.Active);
        loaded.CreatedAt.ShouldBe(Database.Time.GetUtcNow());
        var credential = await sp.GetRequiredService<ConnectionStore>().GetCredentialAsync(created.Id, Ct);
        credential.ShouldNotBeNull();
        credential.Protected.ShouldBe("protected-secret");
        credential.Version.ShouldBe(1);
        (await sp.GetRequiredService<WorkspaceStore>().GetTenantAsync(ws.Id, "customer-42", Ct)).ShouldNotBeNull();
        var events = await sp.GetRequiredService<EventStore>().ListRecentAsync(cancellationToken: Ct);
        events.Single().Type.ShouldBe("connection.created");
        events.Single().Subject.ShouldBe(created.Id);
    }

    [Fact]
    public async Task UpdateStatus_NeedsReauth_StoresReasonAndWritesOutboxEvent()
    {
        var ws = await NewWorkspaceAsync();
        var connection = await NewConnectionAsync(ws.Id, "t1");
        Database.Time.Advance(TimeSpan.FromMinutes(5));
        await using var scope = Scope(ws.Id);
        var store = scope.ServiceProvider.GetRequiredService<ConnectionStore>();

        var updated = await store.UpdateStatusAsync(connection.Id, ConnectionStatus.NeedsReauth, "refresh token rejected", Ct);

        updated.ShouldBeTrue();
        var loaded = await store.GetAsync(connection.Id, Ct);
        loaded!.Status.ShouldBe(ConnectionStatus.NeedsReauth);
        loaded.StatusReason.ShouldBe("refresh token rejected");
        loaded.UpdatedAt.ShouldBe(Database.Time.GetUtcNow());
        loaded.Version.ShouldBe(connection.Version + 1);
        var evt = (await scope.ServiceProvider.GetRequiredService<EventStore>().ListRecentAsync(cancellationToken: Ct))[0];
        evt.Type.ShouldBe("connection.needs_reauth");
        evt.Data.ShouldContain("refresh token rejected");
        evt.Data.ShouldNotContain("protected-secret");
    }

    [Fact]
    public async Task TryUpdateCredential_CurrentVersion_RotatesAndBumpsVersion()
    {
        var ws = await NewWorkspaceAsync();
        var connection = await NewConnectionAsync(ws.Id, "t1");
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<ConnectionStore>();
        var expires = Database.Time.GetUtcNow().AddHours(2);

        var won = await store.TryUpdateCredentialAsync(connection.Id, 1, "rotated", expires, Ct);

        won.ShouldBeTrue();
        var credential = await store.GetCredentialAsync(connection.Id, Ct);
        credential!.Version.ShouldBe(2);
        credential.Protected.ShouldBe("rotated");
        credential.AccessTokenExpiresAt.ShouldBe(expires);
    }

    [Fact]
    public async Task TryUpdateCredential_StaleVersion_ReturnsFalseAndKeepsWinner()
    {
        var ws = await NewWorkspaceAsync();
        var connection = await NewConnectionAsync(ws.Id, "t1");
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<ConnectionStore>();
        (await store.TryUpdateCredentialAsync(connection.Id, 1, "first", null, Ct)).ShouldBeTrue();

        var stale = await store.TryUpdateCredentialAsync(connection.Id, 1, "second", null, Ct);

        stale.ShouldBeFalse();
        (await store.GetCredentialAsync(connection.Id, Ct))!.Protected.ShouldBe("first");
    }

    [Fact]
    public async Task TryUpdateCredential_ConcurrentRotations_ExactlyOneWins()
    {
        var ws = await NewWorkspaceAsync();
        var connection = await NewConnectionAsync(ws.Id, "t1");
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await using var scope = Scope();
            var store = scope.ServiceProvider.GetRequiredService<ConnectionStore>();
            start.Wait(Ct);
            return await store.TryUpdateCredentialAsync(connection.Id, 1, $"rotation-{i}", null, Ct);
        }, Ct)).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        results.Count(won => won).ShouldBe(1);
        await using var check = Scope();
        (await check.ServiceProvider.GetRequiredService<ConnectionStore>().GetCredentialAsync(connection.Id, Ct))!.Version.ShouldBe(2);
    }

    [Fact]
    public async Task SetCredential_ExistingOrMissing_WritesNewVersion()
    {
        var ws = await NewWorkspaceAsync();
        var withSecret = await NewConnectionAsync(ws.Id, "t1");
        var withoutSecret = await NewConnectionAsync(ws.Id, "t1", credential: null);
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<ConnectionStore>();

        (await store.SetCredentialAsync(withSecret.Id, "reconnected", null, Ct)).ShouldBe(2);
        (await store.SetCredentialAsync(withoutSecret.Id, "first", null, Ct)).ShouldBe(1);
        (await store.GetCredentialAsync(withoutSecret.Id, Ct))!.TenantId.ShouldBe("t1");
        await Should.ThrowAsync<InvalidOperationException>(() => store.SetCredentialAsync("conn_missing", "x", null, Ct));
    }

    [Fact]
    public async Task SaveChanges_StaleConnection_ThrowsConcurrencyConflictException()
    {
        var ws = await NewWorkspaceAsync();
        var connection = await NewConnectionAsync(ws.Id, "t1");
        await using var scopeA = Scope();
        await using var scopeB = Scope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<FastnDbContext>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<FastnDbContext>();
        var a = await dbA.Connections.SingleAsync(c => c.Id == connection.Id, Ct);
        var b = await dbB.Connections.SingleAsync(c => c.Id == connection.Id, Ct);
        a.DisplayName = "A";
        await dbA.SaveChangesAsync(Ct);

        b.DisplayName = "B";

        var ex = await Should.ThrowAsync<ConcurrencyConflictException>(() => dbB.SaveChangesAsync(Ct));
        ex.Message.ShouldContain(nameof(Connection));
    }

    [Fact]
    public async Task Update_Change_AppliedAndVersionBumped()
    {
        var ws = await NewWorkspaceAsync();
        var connection = await NewConnectionAsync(ws.Id, "t1");
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<ConnectionStore>();

        var updated = await store.UpdateAsync(connection.Id, c => c.Metadata = """{"shop":"acme"}""", Ct);

        updated!.Version.ShouldBe(2);
        (await store.GetAsync(connection.Id, Ct))!.Metadata.ShouldBe("""{"shop":"acme"}""");
        (await store.UpdateAsync("conn_missing", c => c.DisplayName = "x", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Revoke_Connection_DeletesCredentialKeepsRow()
    {
        var ws = await NewWorkspaceAsync();
        var connection = await NewConnectionAsync(ws.Id, "t1");
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<ConnectionStore>();

        (await store.RevokeAsync(connection.Id, "user disconnected", Ct)).ShouldBeTrue();

        (await store.GetAsync(connection.Id, Ct))!.Status.ShouldBe(ConnectionStatus.Revoked);
        (await store.GetCredentialAsync(connection.Id, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Delete_Connection_RemovesRowAndCredential()
    {
        var ws = await NewWorkspaceAsync();
        var connection = await NewConnectionAsync(ws.Id, "t1");
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<ConnectionStore>();

        (await store.DeleteAsync(connection.Id, Ct)).ShouldBeTrue();

        (await store.GetAsync(connection.Id, Ct)).ShouldBeNull();
        (await store.GetCredentialAsync(connection.Id, Ct)).ShouldBeNull();
        (await store.DeleteAsync(connection.Id, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task List_ByTenantAndConnector_FiltersAndOrdersOldestFirst()
    {
        var ws = await NewWorkspaceAsync();
        var first = await NewConnectionAsync(ws.Id, "t1", "acme-crm");
        Database.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await NewConnectionAsync(ws.Id, "t1", "acme-crm");
        await NewConnectionAsync(ws.Id, "t1", "slack");
        await NewConnectionAsync(ws.Id, "t2", "acme-crm");
        await using var scope = Scope(ws.Id);

        var listed = await scope.ServiceProvider.GetRequiredService<ConnectionStore>().ListAsync("t1", "acme-crm", Ct);

        listed.Select(c => c.Id).ShouldBe([first.Id, second.Id]);
    }

    [Fact]
    public async Task CreateTenant_ExistingId_ThrowsDuplicateKeyException()
    {
        var ws = await NewWorkspaceAsync();
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<WorkspaceStore>();
        await store.CreateTenantAsync(ws.Id, "customer-1", "Customer One", Ct);

        var ex = await Should.ThrowAsync<DuplicateKeyException>(() => store.CreateTenantAsync(ws.Id, "customer-1", "Again", Ct));

        ex.Entity.ShouldBe(nameof(Tenant));
        ex.Message.ShouldContain("already exists");
        (await store.EnsureTenantAsync(ws.Id, "customer-1", cancellationToken: Ct)).Name.ShouldBe("Customer One");
    }

    [Fact]
    public async Task EnsureTenant_Concurrent_CreatesOneRow()
    {
        var ws = await NewWorkspaceAsync();
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await using var scope = Scope();
            var store = scope.ServiceProvider.GetRequiredService<WorkspaceStore>();
            start.Wait(Ct);
            return await store.EnsureTenantAsync(ws.Id, "racing", cancellationToken: Ct);
        }, Ct)).ToList();
        start.Set();
        var tenants = await Task.WhenAll(attempts);

        tenants.ShouldAllBe(t => t.Id == "racing");
        await using var check = Scope();
        (await check.ServiceProvider.GetRequiredService<WorkspaceStore>().ListTenantsAsync(ws.Id, Ct)).Count.ShouldBe(1);
    }
}

public sealed class SqliteConnectionStoreTests(SqliteDatabase database) : ConnectionStoreTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresConnectionStoreTests(PostgresDatabase database) : ConnectionStoreTests(database), IClassFixture<PostgresDatabase>;
