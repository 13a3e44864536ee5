using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fastn.Storage;

internal sealed class StorageInitializer(
    IServiceScopeFactory scopes,
    IOptions<StorageOptions> options,
    ILogger<StorageInitializer> logger) : IStorageInitializer
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        string? database = null;
        PrivateDirectory(o.DataDirectory);
        if (o.Provider == StorageProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(o.GetConnectionString()).DataSource;
            var dir = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(dir) && file != ":memory:" && !file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            {
                Directory.CreateDirectory(dir);
                database = Path.GetFullPath(file);
            }
        }

        await using var scope = scopes.CreateAsyncSystemScope("migrations at start-up");
        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();
        if (o.Provider == StorageProvider.Postgres)
        {
            await PrepareHistoryTableAsync(db, cancellationToken);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} {Provider} migration(s): {Migrations}", pending.Count, o.Provider, string.Join(", ", pending));
        }

        // EF Core takes a database-wide migration lock, so several nodes starting at once are safe.
        await db.Database.MigrateAsync(cancellationToken);
        if (database is not null)
        {
            PrivateFiles(database);
        }
    }

    // Npgsql finds out whether the database and the history table exist by running the history query and catching
    // the error, after EF has logged it as a failed command ("fail:" lines at every first start). Creating both first,
    // with the probes EF expects to fail (logged at Debug), leaves that query nothing to fail on.
    private static async Task PrepareHistoryTableAsync(FastnDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase)
            {
                // Another node starting at the same moment created it.
            }
        }

        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
    }

    // The data directory holds the database (call inputs and outputs, encrypted credentials) and the vault key:
    // only the server's user may enter it (0700) or read the database files (0600).
    private static void PrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(directory, owner);
        TryRestrict(directory, owner);
    }

    // SQLite gives the -wal and -shm files the database file's mode. The file is not created ahead of SQLite (EF opens
    // an existing file read-only to probe it), so it is tightened after migrating; the 0700 directory covers the gap.
    private static void PrivateFiles(string database)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var path in new[] { database, database + "-wal", database + "-shm" })
        {
            if (File.Exists(path))
            {
                TryRestrict(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }

    // Another user's file (a shared, pre-provisioned directory) cannot be changed and is left as it is.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void TryRestrict(string path, UnixFileMode mode)
    {
        try
        {
            File.SetUnixFileMode(path, mode);
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
