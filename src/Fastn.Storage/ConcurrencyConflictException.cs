namespace Fastn.Storage;

/// <summary>An optimistic-concurrency check failed: the row changed (or vanished) since it was read.</summary>
public sealed class ConcurrencyConflictException(string message, Exception? innerException = null)
    : StorageException(message, innerException);
