namespace Fastn.Connectors.Authentication;

/// <summary>No authentication: the request is sent as it is.</summary>
public sealed record NoAuth : AuthMethod
{
    /// <inheritdoc />
    public override AuthKind Kind => AuthKind.None;

    /// <inheritdoc />
    public override ValueTask ApplyAsync(HttpRequestMessage request, AuthCredentials credentials, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
