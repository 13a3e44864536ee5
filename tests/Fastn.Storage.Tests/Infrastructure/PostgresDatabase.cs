using Npgsql;

namespace Fastn.Storage.Tests.Infrastructure;

/// <summary>
/// A uniquely named database on the PostgreSQL server given by <c>FASTN_TEST_POSTGRES</c> (test.sh starts one).
/// Missing server: the tests fail on CI and are skipped elsewhere.
/// </summary>
public sealed class PostgresDatabase : StorageDatabase
{
    private string? _adminConnectionString;
    private string? _databaseName;

    public override StorageProvider Provider => StorageProvider.Postgres;

    protected override async Task<Action<StorageOptions>?> PrepareAsync()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable("FASTN_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(_adminConnectionString))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("FASTN_TEST_POSTGRES is not set on CI: run the tests through ./test.sh, which starts PostgreSQL.");
            }

            SkipReason = "FASTN_TEST_POSTGRES is not set (./test.sh starts PostgreSQL and sets it).";
            return null;
        }

        _databaseName = "fastn_storage_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = _databaseName }.ConnectionString;
        return o =>
        {
            o.Provider = StorageProvider.Postgres;
            o.ConnectionString = connectionString;
            o.DataDirectory = Path.Combine(Path.GetTempPath(), "fastn-storage-tests", _databaseName);
        };
    }

    protected override async Task CleanupAsync()
    {
        if (_databaseName is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
        var dir = Path.Combine(Path.GetTempPath(), "fastn-storage-tests", _databaseName);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
