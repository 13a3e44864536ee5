namespace Fastn.Engine.Connections;

/// <summary>Reserved names inside a connection's encrypted secret bag.</summary>
internal static class SecretKeys
{
    /// <summary>The OAuth2 or exchanged access token.</summary>
    public const string AccessToken = "access_token";

    /// <summary>The OAuth2 refresh token.</summary>
    public const string RefreshToken = "refresh_token";

    /// <summary>Whether a key is reserved for tokens (not a user-entered credential value).</summary>
    public static bool IsToken(string key) => key is AccessToken or RefreshToken;
}
