using System.Globalization;
using Fastn.Samples.Acme.OAuth;

namespace Fastn.Samples.Acme;

/// <summary>An application registered with the Acme OAuth server.</summary>
public sealed class AcmeOAuthClient
{
    /// <summary>Placeholder allowed inside a redirect URI that matches any port number.</summary>
    public const string PortPlaceholder = "{port}";

    /// <summary>The client id.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The client secret; null for a public client (which must then use PKCE).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Display name shown on the consent page.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>
    /// Registered redirect URIs, matched exactly. <c>{port}</c> stands for any port number, so
    /// <c>http://localhost:{port}/oauth/callback</c> matches <c>http://localhost:5173/oauth/callback</c>.
    /// </summary>
    public IList<string> RedirectUris { get; set; } = [];

    /// <summary>Scopes this client may request (default: every Acme scope).</summary>
    public IList<string> AllowedScopes { get; set; } = [.. AcmeScopes.All];

    /// <summary>
    /// The default registered client: id <c>fastn-local</c>, secret <c>acme-local-secret</c>, redirect URIs
    /// <c>http://localhost:{port}/oauth/callback</c> and <c>http://127.0.0.1:{port}/oauth/callback</c>.
    /// </summary>
    public static AcmeOAuthClient FastnLocal() => new()
    {
        ClientId = "fastn-local",
        ClientSecret = "acme-local-secret",
        DisplayName = "Fastn (local)",
        RedirectUris = ["http://localhost:{port}/oauth/callback", "http://127.0.0.1:{port}/oauth/callback"],
    };

    /// <summary>True when <paramref name="redirectUri"/> equals a registered URI (with <c>{port}</c> matching digits).</summary>
    public bool IsRedirectUriAllowed(string redirectUri) => RedirectUris.Any(pattern => Matches(pattern, redirectUri));

    private static bool Matches(string pattern, string candidate)
    {
        var at = pattern.IndexOf(PortPlaceholder, StringComparison.Ordinal);
        if (at < 0)
        {
            return string.Equals(pattern, candidate, StringComparison.Ordinal);
        }

        var prefix = pattern[..at];
        var suffix = pattern[(at + PortPlaceholder.Length)..];
        if (candidate.Length <= prefix.Length + suffix.Length
            || !candidate.StartsWith(prefix, StringComparison.Ordinal)
            || !candidate.EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var port = candidate[prefix.Length..^suffix.Length];
        return port.Length <= 5 && port.All(char.IsAsciiDigit) && int.Parse(port, CultureInfo.InvariantCulture) is > 0 and <= 65535;
    }
}
