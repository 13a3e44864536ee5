using Fastn.Storage.OAuth;
using Fastn.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Storage.Tests;

public abstract class OAuthStateStoreTests(StorageDatabase database) : StorageTestBase(database)
{
    [Fact]
    public async Task Consume_FreshState_ReturnsItOnceOnly()
    {
        var ws = await NewWorkspaceAsync();
        var state = await CreateStateAsync(ws.Id);
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<OAuthStateStore>();

        var first = await store.ConsumeAsync(state, Ct);
        var second = await store.ConsumeAsync(state, Ct);

        first.ShouldNotBeNull();
        first.WorkspaceId.ShouldBe(ws.Id);
        first.TenantId.ShouldBe("customer-1");
        first.CodeVerifierProtected.ShouldBe("protected-verifier");
        first.ConnectionId.ShouldBe("conn_reconnect");
        first.ConsumedAt.ShouldBe(Database.Time.GetUtcNow());
        second.ShouldBeNull();
    }

    [Fact]
    public async Task Create_State_StoresOnlyItsHash()
    {
        var ws = await NewWorkspaceAsync();
        var state = await CreateStateAsync(ws.Id);
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();

        var rows = await db.OAuthStates.AsNoTracking().Where(s => s.WorkspaceId == ws.Id).ToListAsync(Ct);

        state.Length.ShouldBeGreaterThanOrEqualTo(43);
        rows.Single().State.ShouldNotBe(state);
        rows.Single().State.Length.ShouldBe(64);
    }

    [Fact]
    public async Task Consume_ConcurrentCallbacks_ExactlyOneWins()
    {
        var ws = await NewWorkspaceAsync();
        var state = await CreateStateAsync(ws.Id);
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using var scope = Scope();
            var store = scope.ServiceProvider.GetRequiredService<OAuthStateStore>();
            start.Wait(Ct);
            return await store.ConsumeAsync(state, Ct);
        }, Ct)).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        results.Count(r => r is not null).ShouldBe(1);
    }

    [Fact]
    public async Task Consume_AfterExpiry_ReturnsNull()
    {
        var ws = await NewWorkspaceAsync();
        var state = await CreateStateAsync(ws.Id);
        Database.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        await using var scope = Scope();

        var consumed = await scope.ServiceProvider.GetRequiredService<OAuthStateStore>().ConsumeAsync(state, Ct);

        consumed.ShouldBeNull();
    }

    [Fact]
    public async Task Consume_JustBeforeExpiry_Succeeds()
    {
        var ws = await NewWorkspaceAsync();
        var state = await CreateStateAsync(ws.Id);
        Database.Time.Advance(TimeSpan.FromMinutes(9));
        await using var scope = Scope();

        var consumed = await scope.ServiceProvider.GetRequiredService<OAuthStateStore>().ConsumeAsync(state, Ct);

        consumed.ShouldNotBeNull();
    }

    [Fact]
    public async Task Consume_UnknownState_ReturnsNull()
    {
        await using var scope = Scope();

        var consumed = await scope.ServiceProvider.GetRequiredService<OAuthStateStore>().ConsumeAsync("never-issued", Ct);

        consumed.ShouldBeNull();
    }

    [Fact]
    public async Task PurgeExpired_OldStates_Deleted()
    {
        var ws = await NewWorkspaceAsync();
        await CreateStateAsync(ws.Id);
        Database.Time.Advance(TimeSpan.FromHours(2));
        var fresh = await CreateStateAsync(ws.Id);
        await using var scope = Scope(ws.Id);
        var store = scope.ServiceProvider.GetRequiredService<OAuthStateStore>();

        var purged = await store.PurgeExpiredAsync(TimeSpan.FromHours(1), Ct);

        purged.ShouldBe(1);
        (await store.ConsumeAsync(fresh, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task OAuthApp_UpsertTwice_ReplacesSingleRow()
    {
        var ws = await NewWorkspaceAsync();
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<OAuthAppStore>();

        await store.UpsertAsync(ws.Id, "acme-crm", "client-1", "protected-1", cancellationToken: Ct);
        Database.Time.Advance(TimeSpan.FromMinutes(1));
        await store.UpsertAsync(ws.Id, "acme-crm", "client-2", "protected-2", "contacts.read", Ct);

        var apps = await store.ListAsync(ws.Id, Ct);
        apps.Count.ShouldBe(1);
        apps[0].ClientId.ShouldBe("client-2");
        apps[0].Scopes.ShouldBe("contacts.read");
        apps[0].UpdatedAt.ShouldBeGreaterThan(apps[0].CreatedAt);
        (await store.DeleteAsync(ws.Id, "acme-crm", Ct)).ShouldBeTrue();
        (await store.GetAsync(ws.Id, "acme-crm", Ct)).ShouldBeNull();
    }

    private async Task<string> CreateStateAsync(string workspaceId)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<OAuthStateStore>().CreateAsync(new NewOAuthState
        {
            WorkspaceId = workspaceId,
            TenantId = "customer-1",
            Connector = "acme-crm",
            AuthMethod = "oauth2",
            RedirectUri = "http://localhost:5173/oauth/callback",
            CodeVerifierProtected = "protected-verifier",
            ConnectionId = "conn_reconnect",
        }, Ct);
    }
}

public sealed class SqliteOAuthStateStoreTests(SqliteDatabase database) : OAuthStateStoreTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresOAuthStateStoreTests(PostgresDatabase database) : OAuthStateStoreTests(database), IClassFixture<PostgresDatabase>;
