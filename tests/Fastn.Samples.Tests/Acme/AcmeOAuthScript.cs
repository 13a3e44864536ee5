using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Fastn.Samples.Tests.Acme;

/// <summary>Walks the Acme OAuth pages like a browser would: authorize → login form → consent form → redirect.</summary>
internal static partial class AcmeOAuthScript
{
    public const string ClientId = "fastn-local";
    public const string ClientSecret = "acme-local-secret";
    public const string RedirectUri = "http://127.0.0.1:5173/oauth/callback";

    public static (string Verifier, string Challenge) CreatePkce()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return (verifier, challenge);
    }

    public static string AuthorizeUrl(string challenge, string state = "st-123", string redirectUri = RedirectUri, string clientId = ClientId, string scope = "contacts.read contacts.write") =>
        QueryHelpers.AddQueryString("oauth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });

    /// <summary>Signs in and answers the consent page; returns the redirect's Location.</summary>
    public static async Task<Uri> AuthorizeAsync(
        HttpClient http, string challenge, string decision = "allow", string redirectUri = RedirectUri, string state = "st-123")
    {
        var ct = TestContext.Current.CancellationToken;
        var loginPage = await http.GetAsync(AuthorizeUrl(challenge, state, redirectUri), ct);
        loginPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (loginAction, loginFields) = ParseForm(await loginPage.Content.ReadAsStringAsync(ct));
        loginFields["email"] = "demo@acme.example";
        loginFields["password"] = "acme-demo";

        var consentPage = await http.PostAsync(loginAction, new FormUrlEncodedContent(loginFields), ct);
        consentPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        var consentHtml = await consentPage.Content.ReadAsStringAsync(ct);
        consentHtml.ShouldContain("contacts.write");
        var (consentAction, consentFields) = ParseForm(consentHtml);
        consentFields["decision"] = decision;

        var redirect = await http.PostAsync(consentAction, new FormUrlEncodedContent(consentFields), ct);
        redirect.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return redirect.Headers.Location.ShouldNotBeNull();
    }

    public static Dictionary<string, string> Query(Uri location) =>
        QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    public static async Task<string> GetCodeAsync(HttpClient http, string challenge, string redirectUri = RedirectUri)
    {
        var location = await AuthorizeAsync(http, challenge, redirectUri: redirectUri);
        var query = Query(location);
        query["state"].ShouldBe("st-123");
        return query["code"];
    }

    public static Task<HttpResponseMessage> RedeemAsync(HttpClient http, string code, string verifier, string redirectUri = RedirectUri) =>
        TokenAsync(http, new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier,
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
        });

    public static Task<HttpResponseMessage> RefreshAsync(HttpClient http, string refreshToken) =>
        TokenAsync(http, new()
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
        });

    public static Task<HttpResponseMessage> TokenAsync(HttpClient http, Dictionary<string, string> form) =>
        http.PostAsync("oauth/token", new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);

    /// <summary>Runs the whole flow and returns the token response.</summary>
    public static async Task<JsonElement> ConnectAsync(HttpClient http)
    {
        var (verifier, challenge) = CreatePkce();
        var code = await GetCodeAsync(http, challenge);
        var response = await RedeemAsync(http, code, verifier);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await AcmeSandboxHost.ReadJsonAsync(response);
    }

    public static async Task AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        response.StatusCode.ShouldBe(status);
        var body = await AcmeSandboxHost.ReadJsonAsync(response);
        body.GetProperty("error").GetString().ShouldBe(error);
        body.GetProperty("error_description").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    private static (string Action, Dictionary<string, string> Fields) ParseForm(string html)
    {
        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value);
        action.ShouldNotBeNullOrEmpty();
        var fields = HiddenInput().Matches(html)
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        return (action, fields);
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
}
