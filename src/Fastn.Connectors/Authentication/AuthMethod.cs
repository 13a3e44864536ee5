namespace Fastn.Connectors.Authentication;

/// <summary>
/// One way to authenticate to an app. Each kind knows the credential fields its Connect form needs
/// and exactly what it does to an outgoing request (<see cref="ApplyAsync"/>).
/// </summary>
public abstract record AuthMethod
{
    /// <summary>The kind of method.</summary>
    public abstract AuthKind Kind { get; }

    /// <summary>A stable id of this method within the connector (defaults to the kind, lower-case).</summary>
    public string Id { get; init; } = "";

    /// <summary>What the Connect form shows as the method's name.</summary>
    public string? Label { get; init; }

    /// <summary>The values a Connect form asks for (OAuth2: only connection parameters such as a shop domain).</summary>
    public virtual IReadOnlyList<CredentialField> Fields => [];

    /// <summary>The effective id: <see cref="Id"/>, or the kind in lower case.</summary>
    public string EffectiveId => string.IsNullOrEmpty(Id) ? Kind.ToString().ToLowerInvariant() : Id;

    /// <summary>Applies the credentials to a request about to be sent.</summary>
    public abstract ValueTask ApplyAsync(HttpRequestMessage request, AuthCredentials credentials, CancellationToken cancellationToken);

    /// <summary>The names of every value that must never be logged (secret fields and tokens).</summary>
    public virtual IEnumerable<string> SecretNames => Fields.Where(f => f.Secret).Select(f => f.Name);
}
