using Npgsql;

namespace Fastn.Server.Tests.Infrastructure;

/// <summary>
/// A uniquely named database on the PostgreSQL server of <c>FASTN_TEST_POSTGRES</c> (./test.sh starts one).
/// Without it the test fails on CI and is skipped elsewhere.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name;

    private PostgresTestDatabase(string admin, string name)
    {
        _admin = admin;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    /// <param name="create">Whether to create the database, or only reserve its name for the server to create.</param>
    public static async Task<PostgresTestDatabase> CreateAsync(bool create = true)
    {
        var admin = Environment.GetEnvironmentVariable("FASTN_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("FASTN_TEST_POSTGRES is not set on CI: run the tests through ./test.sh, which starts PostgreSQL.");
            }

            Assert.Skip("FASTN_TEST_POSTGRES is not set (./test.sh starts PostgreSQL and sets it).");
        }

        var name = "fastn_server_" + Guid.NewGuid().ToString("N");
        if (!create)
        {
            return new PostgresTestDatabase(admin, name);
        }

        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new PostgresTestDatabase(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
