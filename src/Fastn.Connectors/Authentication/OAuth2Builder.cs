using System.Net;

namespace Fastn.Connectors.Authentication;

/// <summary>The mutable shape <see cref="Auth.OAuth2"/> hands to its configuration callback.</summary>
public sealed class OAuth2Builder
{
    /// <summary>See <see cref="AuthMethod.Id"/>.</summary>
    public string Id { get; set; } = "";
    /// <summary>See <see cref="AuthMethod.Label"/>.</summary>
    public string? Label { get; set; }
    /// <summary>See <see cref="OAuth2Auth.GrantType"/>.</summary>
    public OAuth2GrantType GrantType { get; set; } = OAuth2GrantType.AuthorizationCode;
    /// <summary>See <see cref="OAuth2Auth.AuthorizationUrl"/>.</summary>
    public string? AuthorizationUrl { get; set; }
    /// <summary>See <see cref="OAuth2Auth.TokenUrl"/>.</summary>
    public string? TokenUrl { get; set; }
    /// <summary>See <see cref="OAuth2Auth.RefreshUrl"/>.</summary>
    public string? RefreshUrl { get; set; }
    /// <summary>See <see cref="OAuth2Auth.RevocationUrl"/>.</summary>
    public string? RevocationUrl { get; set; }
    /// <summary>See <see cref="OAuth2Auth.Scopes"/>.</summary>
    public IReadOnlyList<string> Scopes { get; set; } = [];
    /// <summary>See <see cref="OAuth2Auth.ScopeSeparator"/>.</summary>
    public string ScopeSeparator { get; set; } = " ";
    /// <summary>See <see cref="OAuth2Auth.Pkce"/>.</summary>
    public bool Pkce { get; set; } = true;
    /// <summary>See <see cref="OAuth2Auth.ExtraAuthorizeParameters"/>.</summary>
    public Dictionary<string, string> ExtraAuthorizeParameters { get; } = [];
    /// <summary>See <see cref="OAuth2Auth.ExtraTokenParameters"/>.</summary>
    public Dictionary<string, string> ExtraTokenParameters { get; } = [];
    /// <summary>See <see cref="OAuth2Auth.ClientAuthentication"/>.</summary>
    public OAuth2ClientAuthentication ClientAuthentication { get; set; } = OAuth2ClientAuthentication.BasicHeader;
    /// <summary>See <see cref="OAuth2Auth.SupportsRefresh"/>.</summary>
    public bool SupportsRefresh { get; set; } = true;
    /// <summary>See <see cref="OAuth2Auth.TokenResponseFields"/>.</summary>
    public IReadOnlyList<string> TokenResponseFields { get; set; } = [];
    /// <summary>See <see cref="OAuth2Auth.CallbackParameters"/>.</summary>
    public IReadOnlyList<string> CallbackParameters { get; set; } = [];
    /// <summary>See <see cref="OAuth2Auth.ConnectionParameters"/>.</summary>
    public IReadOnlyList<CredentialField> ConnectionParameters { get; set; } = [];
    /// <summary>See <see cref="OAuth2Auth.TokenHeaderName"/>.</summary>
    public string TokenHeaderName { get; set; } = "Authorization";
    /// <summary>See <see cref="OAuth2Auth.TokenScheme"/>.</summary>
    public string TokenScheme { get; set; } = "Bearer";
    /// <summary>See <see cref="OAuth2Auth.IsTokenExpired"/>.</summary>
    public Func<HttpStatusCode, string, bool>? IsTokenExpired { get; set; }
    /// <summary>See <see cref="OAuth2Auth.RefreshAhead"/>.</summary>
    public TimeSpan RefreshAhead { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>See <see cref="OAuth2Auth.Issuer"/>.</summary>
    public string? Issuer { get; set; }
    /// <summary>See <see cref="OAuth2Auth.TokenTypes"/>.</summary>
    public IReadOnlyList<string> TokenTypes { get; set; } = ["Bearer"];
    /// <summary>See <see cref="OAuth2Auth.TokenTypeOptional"/>.</summary>
    public bool TokenTypeOptional { get; set; }
    /// <summary>See <see cref="OAuth2Auth.TokenErrorCode"/>.</summary>
    public Func<HttpStatusCode, string, string?>? TokenErrorCode { get; set; }

    internal OAuth2Auth Build() => new()
    {
        Id = Id,
        Label = Label,
        GrantType = GrantType,
        AuthorizationUrl = AuthorizationUrl,
        TokenUrl = TokenUrl,
        RefreshUrl = RefreshUrl,
        RevocationUrl = RevocationUrl,
        Scopes = [.. Scopes],
        ScopeSeparator = ScopeSeparator,
        Pkce = Pkce,
        ExtraAuthorizeParameters = new Dictionary<string, string>(ExtraAuthorizeParameters),
        ExtraTokenParameters = new Dictionary<string, string>(ExtraTokenParameters),
        ClientAuthentication = ClientAuthentication,
        SupportsRefresh = SupportsRefresh,
        TokenResponseFields = [.. TokenResponseFields],
        CallbackParameters = [.. CallbackParameters],
        ConnectionParameters = [.. ConnectionParameters],
        TokenHeaderName = TokenHeaderName,
        TokenScheme = TokenScheme,
        IsTokenExpired = IsTokenExpired,
        RefreshAhead = RefreshAhead,
        Issuer = Issuer,
        TokenTypes = [.. TokenTypes],
        TokenTypeOptional = TokenTypeOptional,
        TokenErrorCode = TokenErrorCode,
    };
}
