using System.Net;
using Fastn.Connectors.Http;

namespace Fastn.Connectors.Authentication;

/// <summary>
/// OAuth 2.0. URLs may contain <c>{param}</c> placeholders filled from <see cref="ConnectionParameters"/>
/// (Shopify: <c>https://{shop}.myshopify.com/admin/oauth/authorize</c>).
/// </summary>
public sealed record OAuth2Auth : AuthMethod
{
    /// <inheritdoc />
    public override AuthKind Kind => AuthKind.OAuth2;

    /// <summary>The grant type.</summary>
    public OAuth2GrantType GrantType { get; init; } = OAuth2GrantType.AuthorizationCode;

    /// <summary>The authorization endpoint (authorization-code grant).</summary>
    public string? AuthorizationUrl { get; init; }

    /// <summary>The token endpoint (required).</summary>
    public string? TokenUrl { get; init; }

    /// <summary>The refresh endpoint when it differs from <see cref="TokenUrl"/>.</summary>
    public string? RefreshUrl { get; init; }

    /// <summary>The revocation endpoint (RFC 7009), if the app has one.</summary>
    public string? RevocationUrl { get; init; }

    /// <summary>Scopes requested by default.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The separator between scopes (space per the RFC; some apps use a comma).</summary>
    public string ScopeSeparator { get; init; } = " ";

    /// <summary>Whether to use PKCE with S256 (RFC 7636). On by default.</summary>
    public bool Pkce { get; init; } = true;

    /// <summary>Extra parameters added to the authorization URL (<c>access_type=offline</c>, <c>prompt=consent</c>).</summary>
    public IReadOnlyDictionary<string, string> ExtraAuthorizeParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra parameters added to token requests (<c>audience</c>).</summary>
    public IReadOnlyDictionary<string, string> ExtraTokenParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>How client credentials are sent to the token endpoint.</summary>
    public OAuth2ClientAuthentication ClientAuthentication { get; init; } = OAuth2ClientAuthentication.BasicHeader;

    /// <summary>Whether the app issues refresh tokens the platform should use.</summary>
    public bool SupportsRefresh { get; init; } = true;

    /// <summary>Token-response fields kept on the connection as metadata (<c>instance_url</c>, <c>realmId</c>).</summary>
    public IReadOnlyList<string> TokenResponseFields { get; init; } = [];

    /// <summary>Callback query parameters kept on the connection as metadata (QuickBooks <c>realmId</c>).</summary>
    public IReadOnlyList<string> CallbackParameters { get; init; } = [];

    /// <summary>Values asked before the redirect and usable in URLs as <c>{name}</c> (Shopify <c>shop</c>).</summary>
    public IReadOnlyList<CredentialField> ConnectionParameters { get; init; } = [];

    /// <summary>The header the access token goes in (default <c>Authorization</c>).</summary>
    public string TokenHeaderName { get; init; } = "Authorization";

    /// <summary>The scheme before the token (default <c>Bearer</c>; empty for raw tokens such as Shopify's).</summary>
    public string TokenScheme { get; init; } = "Bearer";

    /// <summary>
    /// Recognises a response that means "token expired" even though its status is not 401
    /// (some apps answer 200 or 400 with an error body). Receives the status and the body text.
    /// </summary>
    public Func<HttpStatusCode, string, bool>? IsTokenExpired { get; init; }

    /// <summary>Refresh this long before the stated expiry (default 5 minutes).</summary>
    public TimeSpan RefreshAhead { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The authorization server's issuer identifier (RFC 9207, e.g. <c>https://login.example.com</c>). When set, the
    /// callback must carry an <c>iss</c> parameter equal to it; this is the mix-up defence, since every connector
    /// shares one redirect URI. May contain <c>{param}</c> placeholders.
    /// </summary>
    public string? Issuer { get; init; }

    /// <summary>
    /// The <c>token_type</c> values the app may answer (RFC 6749 §7.1), compared case-insensitively. The token is
    /// sent with <see cref="TokenScheme"/>, so list only types that scheme carries (default: <c>Bearer</c>).
    /// </summary>
    public IReadOnlyList<string> TokenTypes { get; init; } = ["Bearer"];

    /// <summary>Whether a token response without <c>token_type</c> is accepted (Shopify sends none). Off by default.</summary>
    public bool TokenTypeOptional { get; init; }

    /// <summary>
    /// Reads a vendor's non-standard token-endpoint error as an RFC 6749 error code (HubSpot's
    /// <c>{"status":"BAD_REFRESH_TOKEN"}</c> is <c>invalid_grant</c>). Receives the status and the body text;
    /// returns the code, or <see langword="null"/> to keep the platform's reading.
    /// </summary>
    public Func<HttpStatusCode, string, string?>? TokenErrorCode { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<CredentialField> Fields => ConnectionParameters;

    /// <inheritdoc />
    public override IEnumerable<string> SecretNames => ["access_token", "refresh_token", "client_secret"];

    /// <summary>The scope string sent to the app.</summary>
    public string ScopeString(IEnumerable<string>? scopes = null) => string.Join(ScopeSeparator, scopes ?? Scopes);

    /// <summary>Fills <c>{param}</c> placeholders of a URL template from the given values.</summary>
    /// <exception cref="ConnectorValidationException">A value the template uses is empty or a dot segment.</exception>
    public static string ResolveTemplate(string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var result = template;
        foreach (var (key, value) in values)
        {
            var placeholder = "{" + key + "}";
            if (!result.Contains(placeholder, StringComparison.Ordinal))
            {
                continue;
            }

            // Whole URLs (Salesforce instance_url) go in as they are; other values are escaped, and refused when
            // they are empty or a dot segment ('.', '..', or an encoding of them), which would name another address:
            // the same rule as UrlTemplate's for connector paths.
            var text = value.StartsWith("https://", StringComparison.Ordinal) || value.StartsWith("http://", StringComparison.Ordinal)
                ? value.TrimEnd('/')
                : UrlTemplate.Segment(value, $"connection's '{key}'");
            result = result.Replace(placeholder, text, StringComparison.Ordinal);
        }

        return result;
    }

    /// <inheritdoc />
    public override ValueTask ApplyAsync(HttpRequestMessage request, AuthCredentials credentials, CancellationToken cancellationToken)
    {
        var token = credentials.AccessToken
            ?? throw new Http.AuthRequiredException("The connection has no access token yet. Complete the OAuth consent (connect again).");
        TokenHeader.Apply(request, TokenHeaderName, TokenScheme, token);
        return ValueTask.CompletedTask;
    }
}
