using Microsoft.Data.Sqlite;

namespace Fastn.Storage.Tests.Infrastructure;

/// <summary>A real SQLite file in a fresh temporary data directory.</summary>
public sealed class SqliteDatabase : StorageDatabase
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "fastn-storage-tests", Guid.NewGuid().ToString("N"), "data");

    public override StorageProvider Provider => StorageProvider.Sqlite;

    protected override Task<Action<StorageOptions>?> PrepareAsync() =>
        Task.FromResult<Action<StorageOptions>?>(o =>
        {
            o.Provider = StorageProvider.Sqlite;
            o.DataDirectory = DataDirectory;
        });

    protected override Task CleanupAsync()
    {
        SqliteConnection.ClearAllPools();
        var root = Path.GetDirectoryName(DataDirectory)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        return Task.CompletedTask;
    }
}
