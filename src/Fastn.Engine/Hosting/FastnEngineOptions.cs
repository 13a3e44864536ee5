namespace Fastn.Engine.Hosting;

/// <summary>Engine settings (<c>Fastn</c> section).</summary>
public sealed class FastnEngineOptions
{
    /// <summary>The URL users and apps reach the server at; the OAuth redirect URI is <c>{PublicBaseUrl}/oauth/callback</c>.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5173";

    /// <summary>How long an OAuth <c>state</c> stays usable.</summary>
    public TimeSpan OAuthStateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long one token-endpoint request may take. A refresh runs inside the connection's non-reentrant grain,
    /// so this stays well below Orleans' 30 s call timeout (three attempts with back-off must fit).
    /// </summary>
    public TimeSpan TokenEndpointTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>The exact OAuth redirect URI registered with every app.</summary>
    public string OAuthRedirectUri => PublicBaseUrl.TrimEnd('/') + "/oauth/callback";
}
