using System.Text;

namespace Fastn.Cli.Commands.New.Templates;

/// <summary>One auth template per <see cref="ScaffoldAuth"/>: the <c>Auth = …</c> code, fixture credentials and README notes.</summary>
internal static class AuthTemplates
{
    public static AuthTemplate For(ScaffoldAuth auth) => auth switch
    {
        ScaffoldAuth.None => None,
        ScaffoldAuth.Basic => Basic,
        ScaffoldAuth.Bearer => Bearer,
        ScaffoldAuth.ApiKey => ApiKey,
        ScaffoldAuth.OAuth2 => OAuth2,
        ScaffoldAuth.Custom => Custom,
        _ => throw new ArgumentOutOfRangeException(nameof(auth), auth, "Unknown auth kind."),
    };

    private static AuthTemplate None { get; } = new()
    {
        Kind = ScaffoldAuth.None,
        Summary = "a public API without authentication",
        Expression = "Auth.None()",
        ReadmeSection = """
            The connector uses **no authentication** (`Auth.None()`): every tenant reaches the same public API.
            If the app needs credentials after all, switch to `Auth.ApiKeyHeader(…)`, `Auth.BearerToken(…)` or
            `Auth.OAuth2(…)` and add the matching `credentials` to the fixtures.
            """,
    };

    private static AuthTemplate Basic { get; } = new()
    {
        Kind = ScaffoldAuth.Basic,
        Summary = "HTTP Basic authentication",
        Expression = """
            // HTTP Basic: the Connect form asks for a username and a password (here: an API token).
            Auth.Basic(usernameLabel: "Username", passwordLabel: "API token")
            """,
        Credentials = new Dictionary<string, string> { ["username"] = "test-user", ["password"] = "test-password" },
        RequestHeaders = new Dictionary<string, string>
        {
            ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("test-user:test-password")),
        },
        ReadmeSection = """
            The connector uses **HTTP Basic** (`Auth.Basic(…)`): the Connect form asks for a username and a
            password, sent as `Authorization: Basic …`. Rename the field labels to the words the app uses.
            """,
    };

    private static AuthTemplate Bearer { get; } = new()
    {
        Kind = ScaffoldAuth.Bearer,
        Summary = "a personal access token",
        Expression = """
            // A long-lived token sent as "Authorization: Bearer <token>".
            Auth.BearerToken(help: "Create a personal access token in {{DisplayName}} under Settings > API tokens.")
            """,
        Credentials = new Dictionary<string, string> { ["token"] = "test_token" },
        RequestHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer test_token" },
        ReadmeSection = """
            The connector uses a **bearer token** (`Auth.BearerToken(…)`): the Connect form asks for a
            personal access token, sent as `Authorization: Bearer …`. Update the help text to say where users
            create one.
            """,
    };

    private static AuthTemplate ApiKey { get; } = new()
    {
        Kind = ScaffoldAuth.ApiKey,
        Summary = "an API key in the X-API-Key header",
        Expression = """
            // An API key in a header; use Auth.ApiKeyQuery("api_key") for apps that take it in the query string.
            Auth.ApiKeyHeader("X-API-Key", help: "Find your API key in {{DisplayName}} under Settings > API.")
            """,
        Credentials = new Dictionary<string, string> { ["api_key"] = "test_api_key" },
        RequestHeaders = new Dictionary<string, string> { ["X-API-Key"] = "test_api_key" },
        ReadmeSection = """
            The connector uses an **API key** (`Auth.ApiKeyHeader("X-API-Key", …)`). Change the header name (and
            a `prefix:` such as `"Token "`) to what the app expects, or use `Auth.ApiKeyQuery(…)`.
            """,
    };

    private static AuthTemplate OAuth2 { get; } = new()
    {
        Kind = ScaffoldAuth.OAuth2,
        Summary = "OAuth 2.0 (authorization code with PKCE)",
        Expression = """
            Auth.OAuth2(o =>
            {
                // Where the user signs in and consents, and where Fastn exchanges and refreshes tokens.
                o.AuthorizationUrl = "https://api.example.com/oauth/authorize";
                o.TokenUrl = "https://api.example.com/oauth/token";
                o.RevocationUrl = "https://api.example.com/oauth/revoke";
                o.Scopes = ["users.read", "items.read"];
                o.Pkce = true;
                o.SupportsRefresh = true;
            })
            """,
        Credentials = new Dictionary<string, string> { ["access_token"] = "test_access_token" },
        RequestHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer test_access_token" },
        ReadmeSection = """
            The connector uses **OAuth 2.0** (authorization code with PKCE). Replace the placeholder URLs on
            `https://api.example.com` with the app's authorization, token and revocation endpoints and set the
            scopes you need. Register an OAuth app with the vendor, using your Fastn server's callback
            `{PublicBaseUrl}/oauth/callback` as redirect URI, and give Fastn its client id and secret.
            Fixtures use a test `access_token`; Fastn refreshes real tokens before they expire.
            """,
    };

    private static AuthTemplate Custom { get; } = new()
    {
        Kind = ScaffoldAuth.Custom,
        Summary = "custom credentials (account id and API secret)",
        Expression = """
            Auth.Custom(
                [
                    CredentialField.Text("account_id", "Account ID", help: "Shown in {{DisplayName}} under Settings > Account."),
                    CredentialField.SecretField("api_secret", "API secret", help: "Create one in {{DisplayName}} under Settings > API."),
                ],
                apply: ApplyCredentials)
            """,
        Members = """
            /// <summary>
            /// Puts the connection's credentials on every request. For apps that trade credentials for a
            /// short-lived token, also pass <c>exchange:</c> to <see cref="Auth.Custom"/> and send
            /// <c>credentials.AccessToken</c> here.
            /// </summary>
            private static ValueTask ApplyCredentials(HttpRequestMessage request, AuthCredentials credentials, CancellationToken cancellationToken)
            {
                request.Headers.Remove("X-Account-Id");
                request.Headers.TryAddWithoutValidation("X-Account-Id", credentials.Get("account_id"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Token", credentials.Get("api_secret"));
                return ValueTask.CompletedTask;
            }
            """,
        SystemUsings = ["System.Net.Http.Headers"],
        Credentials = new Dictionary<string, string> { ["account_id"] = "acct_123", ["api_secret"] = "test_api_secret" },
        RequestHeaders = new Dictionary<string, string> { ["X-Account-Id"] = "acct_123", ["Authorization"] = "Token test_api_secret" },
        ReadmeSection = """
            The connector uses **custom auth** (`Auth.Custom(…)`): it declares the fields the Connect form asks
            for (`account_id`, `api_secret`) and `ApplyCredentials` puts them on each request. If the app
            trades them for a short-lived token, add an `exchange:` handler; Fastn caches the token and
            exchanges again before it expires or after a 401.
            """,
    };
}
