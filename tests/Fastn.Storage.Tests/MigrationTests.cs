using Fastn.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Storage.Tests;

public abstract class MigrationTests(StorageDatabase database) : StorageTestBase(database)
{
    [Fact]
    public async Task Initialize_EmptyDatabase_AppliesEveryMigration()
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();

        var applied = await db.Database.GetAppliedMigrationsAsync(Ct);

        applied.ShouldNotBeEmpty();
        applied.ShouldBe(db.Database.GetMigrations());
        (await db.Database.GetPendingMigrationsAsync(Ct)).ShouldBeEmpty();
        (await db.Connections.CountAsync(Ct)).ShouldBeGreaterThanOrEqualTo(0);
        (await db.DataProtectionKeys.CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Initialize_Twice_IsIdempotent()
    {
        var initializer = Services.GetRequiredService<IStorageInitializer>();

        await initializer.InitializeAsync(Ct);

        await using var scope = Scope();
        (await scope.ServiceProvider.GetRequiredService<FastnDbContext>().Database.GetPendingMigrationsAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Model_ComparedWithMigrations_HasNoPendingChanges()
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();

        db.Database.HasPendingModelChanges().ShouldBeFalse("run `dotnet ef migrations add` for both providers (see src/Fastn.Storage/README.md)");
    }

    [Fact]
    public async Task Model_TenantOwnedTables_HaveIndexStartingWithWorkspaceAndTenant()
    {
        await using var scope = Scope();
        var model = scope.ServiceProvider.GetRequiredService<FastnDbContext>().Model;
        var tenantOwned = model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)).ToList();

        tenantOwned.Count.ShouldBe(14); // connections, credentials, OAuth states, action calls, events, connect sessions, subscriptions, event deliveries, poll record hashes, flow runs, run steps, CDM syncs, their links and errors
        foreach (var entity in tenantOwned)
        {
            entity.GetIndexes().ShouldContain(
                i => i.Properties.Count >= 2 && i.Properties[0].Name == "WorkspaceId" && i.Properties[1].Name == "TenantId",
                $"{entity.ClrType.Name} needs an index starting with (WorkspaceId, TenantId)");
            entity.GetDeclaredQueryFilters().ShouldNotBeEmpty($"{entity.ClrType.Name} needs a tenant query filter");
        }
    }

    [Theory]
    [InlineData("ActionCall", "StartedAt")]
    [InlineData("OAuthState", "ExpiresAt")]
    [InlineData("PlatformEvent", "DispatchedAt")]
    [InlineData("FlowRun", "FinishedAt")]
    public async Task Model_ColumnsTheRetentionPurgeDeletesBy_LeadAnIndex(string entity, string column)
    {
        await using var scope = Scope();
        var model = scope.ServiceProvider.GetRequiredService<FastnDbContext>().Model;

        model.GetEntityTypes().Single(e => e.ClrType.Name == entity).GetIndexes()
            .ShouldContain(i => i.Properties[0].Name == column, $"the purge deletes {entity} rows by {column} in every workspace");
    }

    [Fact]
    public async Task Context_ForProvider_IsTheProvidersSubclass()
    {
        await using var scope = Scope();

        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();

        db.ShouldBeOfType(Database.Provider == StorageProvider.Sqlite ? typeof(SqliteFastnDbContext) : typeof(PostgresFastnDbContext));
    }
}

public sealed class SqliteMigrationTests(SqliteDatabase database) : MigrationTests(database), IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task Open_SqliteConnection_UsesWalModeAndBusyTimeout()
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();
        await db.Database.OpenConnectionAsync(Ct);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();

            command.CommandText = "PRAGMA journal_mode";
            var mode = (string?)await command.ExecuteScalarAsync(Ct);
            command.CommandText = "PRAGMA busy_timeout";
            var timeout = (long?)await command.ExecuteScalarAsync(Ct);

            mode.ShouldBe("wal");
            timeout.ShouldBe((long)new StorageOptions().SqliteBusyTimeout.TotalMilliseconds);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public void Initialize_DefaultConnectionString_CreatesFileInDataDirectory()
    {
        _ = Services;

        File.Exists(Path.Combine(database.DataDirectory, "fastn.db")).ShouldBeTrue();
        // The -wal file exists only while a connection is open (a pool clear removes it), so read the mode from the
        // database header instead: bytes 18 and 19 (write/read format versions) are 2 in WAL mode.
        using var file = File.Open(Path.Combine(database.DataDirectory, "fastn.db"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[20];
        file.ReadExactly(header);
        (header[18], header[19]).ShouldBe(((byte)2, (byte)2));
    }

    [Fact]
    public async Task Migrate_KeysFromBeforeRoles_AdminScopeBecomesAdminOthersMember()
    {
        var file = Path.Combine(Path.GetTempPath(), $"fastn-roles-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteFastnDbContext>().UseSqlite($"Data Source={file};Pooling=false").Options;
            await using var db = new SqliteFastnDbContext(options, TenantScope.ForSystem("migration test"));
            var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
            await migrator.MigrateAsync("20261125210007_ConnectSessions", Ct);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO Workspaces (Id, Name, CreatedAt) VALUES ('ws', 'W', 0);
                INSERT INTO ApiKeys (Id, WorkspaceId, TenantId, Name, Prefix, Hash, Scopes, CreatedAt) VALUES
                  ('boot', 'ws', NULL, 'admin', 'p1', 'h1', 'admin', 0),
                  ('env', 'ws', NULL, 'env', 'p2', 'h2', 'x,admin', 0),
                  ('plain', 'ws', NULL, 'ci', 'p3', 'h3', 'workspace', 0),
                  ('tenant', 'ws', 'c-1', 't', 'p4', 'h4', 'admin', 0),
                  ('lookalike', 'ws', NULL, 'l', 'p5', 'h5', 'administrator', 0);
                """, Ct);

            await migrator.MigrateAsync(cancellationToken: Ct);

            var roles = await db.ApiKeys.AsNoTracking().ToDictionaryAsync(k => k.Id, k => k.Role, Ct);
            roles.ShouldBe(new Dictionary<string, ApiKeys.ApiKeyRole>
            {
                ["boot"] = ApiKeys.ApiKeyRole.Admin,
                ["env"] = ApiKeys.ApiKeyRole.Admin,
                ["plain"] = ApiKeys.ApiKeyRole.Member,
                ["tenant"] = ApiKeys.ApiKeyRole.Member,
                ["lookalike"] = ApiKeys.ApiKeyRole.Member,
            }, ignoreOrder: true);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task DateTimeOffset_OnSqlite_StoredAsOrderableUtcTicks()
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();

        var column = db.Model.FindEntityType(typeof(Workspaces.Workspace))!.FindProperty(nameof(Workspaces.Workspace.CreatedAt))!;

        column.GetColumnType().ShouldBe("INTEGER");
    }
}

public sealed class PostgresMigrationTests(PostgresDatabase database) : MigrationTests(database), IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task DateTimeOffset_OnPostgres_StoredAsTimestamptz()
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();

        var column = db.Model.FindEntityType(typeof(Workspaces.Workspace))!.FindProperty(nameof(Workspaces.Workspace.CreatedAt))!;

        column.GetColumnType().ShouldBe("timestamp with time zone");
    }
}
