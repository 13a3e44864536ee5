using Fastn.Storage.ApiKeys;
using Fastn.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Storage.Tests;

public abstract class ApiKeyStoreTests(StorageDatabase database) : StorageTestBase(database)
{
    [Fact]
    public async Task Create_NewKey_ReturnsPlaintextOnceAndStoresOnlyHash()
    {
        var ws = await NewWorkspaceAsync();
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();

        var created = await store.CreateAsync(ws.Id, "ci", ApiKeyRole.Admin, cancellationToken: Ct);

        created.PlaintextKey.ShouldStartWith("fk_");
        created.PlaintextKey.Length.ShouldBe(43);
        created.Key.Prefix.ShouldBe(created.PlaintextKey[3..11]);
        created.Key.Hash.ShouldBe(ApiKeyStore.Hash(created.PlaintextKey));
        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();
        var stored = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == created.Key.Id, Ct);
        stored.Hash.ShouldNotContain(created.PlaintextKey[3..]);
        stored.Hash.Length.ShouldBe(64);
    }

    [Fact]
    public async Task Find_PresentedKey_ReturnsKeyAndRecordsUse()
    {
        var ws = await NewWorkspaceAsync();
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();
        var created = await store.CreateAsync(ws.Id, "tenant key", ApiKeyRole.Member, tenantId: "customer-42", cancellationToken: Ct);

        var found = await store.FindAsync(created.PlaintextKey, Ct);

        found.ShouldNotBeNull();
        found.Id.ShouldBe(created.Key.Id);
        found.WorkspaceId.ShouldBe(ws.Id);
        found.TenantId.ShouldBe("customer-42");
        found.LastUsedAt.ShouldBe(Database.Time.GetUtcNow());
    }

    [Fact]
    public async Task Find_UnknownOrTamperedKey_ReturnsNull()
    {
        var ws = await NewWorkspaceAsync();
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();
        var created = await store.CreateAsync(ws.Id, "ci", ApiKeyRole.Admin, cancellationToken: Ct);

        (await store.FindAsync(created.PlaintextKey + "x", Ct)).ShouldBeNull();
        (await store.FindAsync("fk_nope", Ct)).ShouldBeNull();
        (await store.FindAsync("", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Revoke_ActiveKey_FindReturnsNullAndSecondRevokeFails()
    {
        var ws = await NewWorkspaceAsync();
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();
        var created = await store.CreateAsync(ws.Id, "ci", ApiKeyRole.Member, cancellationToken: Ct);

        (await store.RevokeAsync(ws.Id, created.Key.Id, Ct)).ShouldBe(RevokeApiKeyResult.Revoked);

        (await store.FindAsync(created.PlaintextKey, Ct)).ShouldBeNull();
        (await store.RevokeAsync(ws.Id, created.Key.Id, Ct)).ShouldBe(RevokeApiKeyResult.NotFound);
        (await store.ListAsync(ws.Id, Ct)).Single().RevokedAt.ShouldBe(Database.Time.GetUtcNow());
    }

    [Fact]
    public async Task Revoke_KeyOfOtherWorkspace_ReturnsFalse()
    {
        var a = await NewWorkspaceAsync("A");
        var b = await NewWorkspaceAsync("B");
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();
        var created = await store.CreateAsync(a.Id, "ci", ApiKeyRole.Member, cancellationToken: Ct);

        (await store.RevokeAsync(b.Id, created.Key.Id, Ct)).ShouldBe(RevokeApiKeyResult.NotFound);
        (await store.FindAsync(created.PlaintextKey, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task List_Keys_NewestFirstWithPrefixes()
    {
        var ws = await NewWorkspaceAsync();
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();
        var first = await store.CreateAsync(ws.Id, "first", ApiKeyRole.Admin, cancellationToken: Ct);
        Database.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await store.CreateAsync(ws.Id, "second", ApiKeyRole.Admin, cancellationToken: Ct);

        var listed = await store.ListAsync(ws.Id, Ct);

        listed.Select(k => k.Prefix).ShouldBe([second.Key.Prefix, first.Key.Prefix]);
    }

    [Fact]
    public async Task Create_PresetKeyTwice_ThrowsDuplicateKeyException()
    {
        var ws = await NewWorkspaceAsync();
        var preset = "fk_bootstrap_" + Guid.NewGuid().ToString("N");
        await using (var scope = Scope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().CreateAsync(ws.Id, "admin", ApiKeyRole.Admin, plaintextKey: preset, cancellationToken: Ct);
            created.Key.Prefix.ShouldBe("bootstra");
        }

        await using var second = Scope();
        var store = second.ServiceProvider.GetRequiredService<ApiKeyStore>();

        var ex = await Should.ThrowAsync<DuplicateKeyException>(() => store.CreateAsync(ws.Id, "admin again", ApiKeyRole.Admin, plaintextKey: preset, cancellationToken: Ct));
        ex.Entity.ShouldBe(nameof(ApiKey));
        (await store.FindAsync(preset, Ct)).ShouldNotBeNull();
    }
    [Fact]
    public async Task Revoke_LastActiveAdminKey_RefusedAndKeyStillWorks()
    {
        var ws = await NewWorkspaceAsync();
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();
        var admin = await store.CreateAsync(ws.Id, "admin", ApiKeyRole.Admin, cancellationToken: Ct);
        await store.CreateAsync(ws.Id, "member", ApiKeyRole.Member, cancellationToken: Ct);

        (await store.RevokeAsync(ws.Id, admin.Key.Id, Ct)).ShouldBe(RevokeApiKeyResult.LastAdminKey);

        (await store.FindAsync(admin.PlaintextKey, Ct)).ShouldNotBeNull().Role.ShouldBe(ApiKeyRole.Admin);
    }

    [Fact]
    public async Task Revoke_AdminKeyWithAnotherActiveAdmin_RevokedThenLastOneRefused()
    {
        var ws = await NewWorkspaceAsync();
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();
        var first = await store.CreateAsync(ws.Id, "first", ApiKeyRole.Admin, cancellationToken: Ct);
        var second = await store.CreateAsync(ws.Id, "second", ApiKeyRole.Admin, cancellationToken: Ct);

        (await store.RevokeAsync(ws.Id, first.Key.Id, Ct)).ShouldBe(RevokeApiKeyResult.Revoked);
        (await store.RevokeAsync(ws.Id, second.Key.Id, Ct)).ShouldBe(RevokeApiKeyResult.LastAdminKey);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData(".hidden")]
    [InlineData("a\nb")]
    [InlineData("nul\0")]
    public async Task Create_InvalidTenantId_Throws(string tenantId)
    {
        var ws = await NewWorkspaceAsync();
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();

        await Should.ThrowAsync<ArgumentException>(() => store.CreateAsync(ws.Id, "tenant key", ApiKeyRole.Member, tenantId, cancellationToken: Ct));

        (await store.ListAsync(ws.Id, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Create_TenantScopedAdminKey_Throws()
    {
        var ws = await NewWorkspaceAsync();
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();

        await Should.ThrowAsync<ArgumentException>(() => store.CreateAsync(ws.Id, "tenant admin", ApiKeyRole.Admin, "customer-1", cancellationToken: Ct));
    }
}

public sealed class SqliteApiKeyStoreTests(SqliteDatabase database) : ApiKeyStoreTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresApiKeyStoreTests(PostgresDatabase database) : ApiKeyStoreTests(database), IClassFixture<PostgresDatabase>;
