using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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
        Directory.CreateDirectory(o.DataDirectory);
        if (o.Provider == StorageProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(o.GetConnectionString()).DataSource;
            var dir = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(dir) && file != ":memory:")
            {
                Directory.CreateDirectory(dir);
            }
        }

        await using var scope = scopes.CreateAsyncSystemScope("migrations at start-up");
        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} {Provider} migration(s): {Migrations}", pending.Count, o.Provider, string.Join(", ", pending));
        }

        // EF Core takes a database-wide migration lock, so several nodes starting at once are safe.
        await db.Database.MigrateAsync(cancellationToken);
    }
}
