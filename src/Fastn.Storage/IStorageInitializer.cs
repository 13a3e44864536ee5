namespace Fastn.Storage;

/// <summary>Prepares the database: creates the data directory and applies pending migrations.</summary>
public interface IStorageInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken = default);
}
