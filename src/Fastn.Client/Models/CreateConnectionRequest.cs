namespace Fastn.Client.Models;

/// <summary>Connect an account with credentials (or the OAuth2 client-credentials grant).</summary>
/// <param name="Connector">The connector name, e.g. <c>stripe</c>.</param>
/// <param name="Credentials">Values for the auth method's credential fields.</param>
/// <param name="AuthMethod">The auth method id (default: the connector's default).</param>
/// <param name="DisplayName">A label.</param>
public sealed record CreateConnectionRequest(string Connector, IReadOnlyDictionary<string, string>? Credentials = null, string? AuthMethod = null, string? DisplayName = null);
