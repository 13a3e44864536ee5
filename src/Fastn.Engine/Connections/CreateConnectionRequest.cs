namespace Fastn.Engine.Connections;

/// <summary>A request to connect an account with entered credentials (or the OAuth2 client-credentials grant).</summary>
/// <param name="Connector">Connector name.</param>
/// <param name="AuthMethod">Auth method id; the connector's default when null.</param>
/// <param name="Credentials">Values for the method's credential fields.</param>
/// <param name="DisplayName">A label for the connection.</param>
public sealed record CreateConnectionRequest(string Connector, string? AuthMethod, IReadOnlyDictionary<string, string>? Credentials, string? DisplayName);
