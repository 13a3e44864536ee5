namespace Fastn.Storage;

/// <summary>SQLite's <c>PRAGMA synchronous</c> in WAL mode (see the Storage README for what each costs).</summary>
public enum SqliteSynchronous
{
    /// <summary>fsync at checkpoints only: a commit survives a process crash, and the last commits may be lost on power loss.</summary>
    Normal = 0,

    /// <summary>fsync of the WAL on every commit: a commit also survives power loss, at the cost of one fsync per transaction.</summary>
    Full = 1,
}
