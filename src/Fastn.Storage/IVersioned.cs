namespace Fastn.Storage;

/// <summary>A row whose <see cref="Version"/> is an optimistic concurrency token bumped on every save.</summary>
public interface IVersioned
{
    long Version { get; set; }
}
