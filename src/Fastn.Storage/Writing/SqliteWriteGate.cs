using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Fastn.Storage.Writing;

/// <summary>
/// One writer per SQLite database in this process: every group-commit writer on the same file takes the same gate for
/// its transaction, so they never make each other wait on SQLITE_BUSY.
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static SemaphoreSlim For(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var key = source is "" or ":memory:" ? connectionString : Path.GetFullPath(source);
        return Gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
    }
}
