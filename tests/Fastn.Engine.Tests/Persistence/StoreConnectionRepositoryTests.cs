using Fastn.Engine.Persistence;
using Fastn.Storage;
using Fastn.Storage.Connections;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Engine.Tests.Persistence;

/// <summary>Against a real, migrated SQLite file.</summary>
public sealed class StoreConnectionRepositoryTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fastn-engine-tests", Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFastnStorage(o =>
        {
            o.Provider = StorageProvider.Sqlite;
            o.DataDirectory = _directory;
        });
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<IStorageInitializer>().InitializeAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task SaveSecrets_MetadataUpdateFails_NewSecretsAreNotStoredEither()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = _services.GetRequiredService<IServiceScopeFactory>().CreateAsyncSystemScope("the test writes and reads one connection by id");
        var store = scope.ServiceProvider.GetRequiredService<ConnectionStore>();
        var workspace = await scope.ServiceProvider.GetRequiredService<Fastn.Storage.Workspaces.WorkspaceStore>().CreateWorkspaceAsync("Test", cancellationToken: ct);
        var connection = await store.CreateAsync(new NewConnection
        {
            WorkspaceId = workspace.Id,
            TenantId = "tenant-1",
            Connector = "acme-crm",
            AuthMethod = "oauth2",
            Metadata = "{}",
            CredentialProtected = "old-secrets",
        }, ct);
        // The second write of the pair fails, as a lost connection or a full disk would.
        await scope.ServiceProvider.GetRequiredService<FastnDbContext>().Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER fail_connection_update BEFORE UPDATE ON Connections BEGIN SELECT RAISE(ABORT, 'metadata write failed'); END;", ct);
        var repository = new StoreConnectionRepository(store);

        await Should.ThrowAsync<Exception>(() => repository.SaveSecretsAsync(connection.Id, "new-secrets", null,
            new Dictionary<string, string> { ["shop"] = "new" }, expectedVersion: 1, ct));

        var credential = (await store.GetCredentialAsync(connection.Id, ct)).ShouldNotBeNull();
        credential.Protected.ShouldBe("old-secrets");
        credential.Version.ShouldBe(1);
    }
}
