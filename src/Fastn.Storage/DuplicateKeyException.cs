namespace Fastn.Storage;

/// <summary>A write violated a unique index or primary key (e.g. a tenant id or OAuth app that already exists).</summary>
public sealed class DuplicateKeyException(string entity, string message, Exception? innerException = null)
    : StorageException(message, innerException)
{
    /// <summary>The entity type whose key clashed, e.g. <c>Tenant</c>.</summary>
    public string Entity { get; } = entity;
}
