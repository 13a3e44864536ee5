namespace Fastn.Engine.Connections;

/// <summary>Decrypted credentials travelling from the grain to the executor (in-process or silo to silo; never logged).</summary>
[GenerateSerializer, Immutable]
public sealed record CredentialSnapshot(
    [property: Id(0)] Dictionary<string, string> Values,
    [property: Id(1)] string? AccessToken,
    [property: Id(2)] DateTimeOffset? ExpiresAt,
    [property: Id(3)] Dictionary<string, string> Metadata)
{
    /// <inheritdoc />
    public override string ToString() => $"CredentialSnapshot({Values.Count} values, token: ***)";
}
