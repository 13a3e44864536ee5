namespace Fastn.Storage;

/// <summary>Base type of the storage errors callers are expected to handle.</summary>
public class StorageException(string message, Exception? innerException = null) : Exception(message, innerException);
