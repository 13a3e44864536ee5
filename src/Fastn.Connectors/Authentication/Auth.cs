namespace Fastn.Connectors.Authentication;

/// <summary>Factory for the six auth kinds: <c>Auth.OAuth2(o =&gt; { o.TokenUrl = …; })</c>.</summary>
public static class Auth
{
    /// <summary>No authentication.</summary>
    public static NoAuth None() => new();

    /// <summary>HTTP Basic.</summary>
    public static BasicAuth Basic(string usernameLabel = "Username", string passwordLabel = "Password") =>
        new() { UsernameLabel = usernameLabel, PasswordLabel = passwordLabel };

    /// <summary>A bearer token in <c>Authorization</c>, or in <paramref name="headerName"/> with <paramref name="scheme"/>.</summary>
    public static BearerTokenAuth BearerToken(string? help = null, string headerName = "Authorization", string scheme = "Bearer") =>
        new() { TokenHelp = help, HeaderName = headerName, Scheme = scheme };

    /// <summary>An API key in a header.</summary>
    public static ApiKeyAuth ApiKeyHeader(string headerName, string prefix = "", string? help = null) =>
        new() { In = ApiKeyLocation.Header, Name = headerName, Prefix = prefix, KeyHelp = help };

    /// <summary>An API key in a query parameter.</summary>
    public static ApiKeyAuth ApiKeyQuery(string parameterName, string? help = null) =>
        new() { In = ApiKeyLocation.Query, Name = parameterName, KeyHelp = help };

    /// <summary>OAuth 2.0, configured through a mutable builder and frozen into an immutable record.</summary>
    public static OAuth2Auth OAuth2(Action<OAuth2Builder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new OAuth2Builder();
        configure(builder);
        return builder.Build();
    }

    /// <summary>Custom credentials with a request handler and an optional token exchange.</summary>
    public static CustomAuth Custom(IReadOnlyList<CredentialField> fields,
        Func<HttpRequestMessage, AuthCredentials, CancellationToken, ValueTask> apply,
        Func<AuthCredentials, HttpClient, CancellationToken, Task<ExchangedToken>>? exchange = null) =>
        new() { CredentialFields = fields, Apply = apply, Exchange = exchange };

    /// <summary>Several methods; the first is the default.</summary>
    public static AuthMethods OneOf(params AuthMethod[] methods) => new(methods);
}
