using Fastn.Storage.Retention;

namespace Fastn.Storage;

/// <summary>
/// Storage settings, bound from <c>Fastn:Storage</c>; the connection string falls back to
/// <c>ConnectionStrings:Fastn</c>, and for SQLite to <c>Data Source={DataDirectory}/fastn.db</c>.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Fastn:Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    public string? ConnectionString { get; set; }

    /// <summary>Directory for the SQLite file (and other local state such as the vault master key file).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations when the host starts (via a hosted service).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>How long a SQLite command waits for a competing writer before failing.</summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>SQLite durability (<c>Fastn:Storage:SqliteSynchronous</c>): <c>Normal</c> (default) or <c>Full</c>.</summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>Retention of expired and old rows (<c>Fastn:Storage:Retention</c>), applied by a background purge.</summary>
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>The pragmas every SQLite connection runs on open: WAL, the busy timeout and <see cref="SqliteSynchronous"/>.</summary>
    internal string SqlitePragmas =>
        $"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={(long)SqliteBusyTimeout.TotalMilliseconds}; PRAGMA synchronous={(SqliteSynchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")};";

    /// <summary>The effective connection string for the chosen provider.</summary>
    public string GetConnectionString() => Provider switch
    {
        StorageProvider.Sqlite when string.IsNullOrWhiteSpace(ConnectionString)
            => $"Data Source={Path.Combine(DataDirectory, "fastn.db")}",
        _ when string.IsNullOrWhiteSpace(ConnectionString)
            => throw new InvalidOperationException(
                "Fastn:Storage:Provider is Postgres but no connection string is set (ConnectionStrings:Fastn or Fastn:Storage:ConnectionString)."),
        _ => ConnectionString!,
    };
}
