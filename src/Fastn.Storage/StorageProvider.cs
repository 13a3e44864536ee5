namespace Fastn.Storage;

/// <summary>The database Fastn stores its state in.</summary>
public enum StorageProvider
{
    /// <summary>An embedded SQLite file (default): <c>{DataDirectory}/fastn.db</c> in WAL mode.</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL server (required for multi-node clusters).</summary>
    Postgres = 1,
}
