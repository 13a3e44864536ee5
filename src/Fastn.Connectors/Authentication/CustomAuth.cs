namespace Fastn.Connectors.Authentication;

/// <summary>
/// Declared credential fields plus a handler that applies them to each request; optionally an
/// exchange that turns them into a short-lived token (then <see cref="AuthCredentials.AccessToken"/> is set).
/// </summary>
public sealed record CustomAuth : AuthMethod
{
    /// <inheritdoc />
    public override AuthKind Kind => AuthKind.Custom;

    /// <summary>The values the Connect form asks for.</summary>
    public required IReadOnlyList<CredentialField> CredentialFields { get; init; }

    /// <summary>Applies the credentials (and the exchanged token, if any) to a request.</summary>
    public required Func<HttpRequestMessage, AuthCredentials, CancellationToken, ValueTask> Apply { get; init; }

    /// <summary>
    /// Optional: exchanges the credentials for a short-lived token using the given client (which has no
    /// auth applied). Called on connect, ahead of expiry and after a 401.
    /// </summary>
    public Func<AuthCredentials, HttpClient, CancellationToken, Task<ExchangedToken>>? Exchange { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<CredentialField> Fields => CredentialFields;

    /// <inheritdoc />
    public override IEnumerable<string> SecretNames => base.SecretNames.Append("access_token");

    /// <inheritdoc />
    public override ValueTask ApplyAsync(HttpRequestMessage request, AuthCredentials credentials, CancellationToken cancellationToken) =>
        Apply(request, credentials, cancellationToken);
}
