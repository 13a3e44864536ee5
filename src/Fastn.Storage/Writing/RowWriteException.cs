namespace Fastn.Storage.Writing;

/// <summary>A row that a <see cref="GroupCommitWriter{TRow}"/> could not store (after retries, and alone in its transaction).</summary>
public sealed class RowWriteException(string message, Exception? innerException) : StorageException(message, innerException);
