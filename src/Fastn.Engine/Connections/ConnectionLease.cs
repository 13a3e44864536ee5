namespace Fastn.Engine.Connections;

/// <summary>What one grain call hands the executor: the connection and, when usable, its current credentials.</summary>
[GenerateSerializer, Immutable]
public sealed record ConnectionLease(
    [property: Id(0)] ConnectionSnapshot Connection,
    [property: Id(1)] CredentialSnapshot? Credentials);
