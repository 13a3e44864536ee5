using Fastn.Engine.Execution;
using Fastn.Engine.Persistence;
using Fastn.Storage;
using Fastn.Storage.ActionCalls;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Fastn.Engine.Tests.Persistence;

/// <summary>Call records through the real write-behind writer into a real, migrated SQLite file or PostgreSQL database.</summary>
public sealed class StoreActionCallLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Record_CancelledCall_StoredWithCancelledStatus(StorageProvider provider)
    {
        await using var db = await Database.CreateAsync(provider);

        var stored = await db.RoundTripAsync(Record("call_cancelled") with { Cancelled = true, ErrorType = "fastn:cancelled", ErrorDetail = "The caller cancelled the call." });

        stored.Status.ShouldBe(ActionCallStatus.Cancelled);
        stored.ErrorType.ShouldBe("fastn:cancelled");
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Record_DetailWithLoneSurrogateAndNul_StoredNotLost(StorageProvider provider)
    {
        await using var db = await Database.CreateAsync(provider);

        // A connector's exception message can quote anything; PostgreSQL text takes neither a NUL nor invalid UTF-16.
        var stored = await db.RoundTripAsync(Record("call_odd_detail") with { ErrorType = "fastn:connector-error", ErrorDetail = "bad \ud800 name\0 here \ud83d\ude00" });

        stored.Status.ShouldBe(ActionCallStatus.Failed);
        stored.ErrorDetail.ShouldBe("bad \ufffd name\ufffd here \ud83d\ude00");
    }

    private static ActionCallRecord Record(string id) => new()
    {
        Id = id,
        WorkspaceId = "ws_test",
        TenantId = "tenant-1",
        ConnectionId = "conn_1",
        Connector = "test-app",
        Action = "call",
        Caller = Fastn.Engine.Execution.ActionCaller.Rest,
        Succeeded = false,
        Input = "{}",
        StartedAt = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        Duration = TimeSpan.FromMilliseconds(5),
    };

    private sealed class Database : IAsyncDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "fastn-engine-tests", Guid.NewGuid().ToString("N"));
        private string? _admin;
        private string? _name;
        private ServiceProvider _services = null!;

        public static async Task<Database> CreateAsync(StorageProvider provider)
        {
            var db = new Database();
            string? connectionString = null;
            if (provider == StorageProvider.Postgres)
            {
                db._admin = Environment.GetEnvironmentVariable("FASTN_TEST_POSTGRES");
                if (string.IsNullOrWhiteSpace(db._admin))
                {
                    Assert.Skip("FASTN_TEST_POSTGRES is not set (./test.sh starts PostgreSQL and sets it).");
                }

                db._name = "fastn_engine_" + Guid.NewGuid().ToString("N");
                await using (var admin = new NpgsqlConnection(db._admin))
                {
                    await admin.OpenAsync(Ct);
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{db._name}\"", admin);
                    await create.ExecuteNonQueryAsync(Ct);
                }

                connectionString = new NpgsqlConnectionStringBuilder(db._admin) { Database = db._name }.ConnectionString;
            }

            var services = new ServiceCollection();
            services.AddLogging();
            services.AddFastnStorage(o =>
            {
                o.Provider = provider;
                o.ConnectionString = connectionString;
                o.DataDirectory = db._directory;
            });
            services.AddSingleton<StoreActionCallLog>();
            db._services = services.BuildServiceProvider();
            await db._services.GetRequiredService<IStorageInitializer>().InitializeAsync(Ct);
            return db;
        }

        public async Task<ActionCall> RoundTripAsync(ActionCallRecord record)
        {
            var log = _services.GetRequiredService<StoreActionCallLog>();
            await log.RecordAsync(record, Ct);
            await log.DrainAsync(TimeSpan.FromSeconds(30), Ct);
            await using var scope = _services.GetRequiredService<IServiceScopeFactory>().CreateAsyncSystemScope("test assertions");
            var stored = await scope.ServiceProvider.GetRequiredService<ActionCallLog>().GetAsync(record.Id, Ct);
            return stored.ShouldNotBeNull($"the call {record.Id} was never stored");
        }

        public async ValueTask DisposeAsync()
        {
            await _services.DisposeAsync();
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }

            if (_name is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(_admin);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }
}
