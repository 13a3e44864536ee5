using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Fastn.Samples.Acme;

namespace Fastn.Samples.Tests.Acme;

public sealed class AcmeOAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AuthorizationCodeFlow_WithPkce_IssuesTokensThatPageThroughAllContacts()
    {
        await using var host = await AcmeSandboxHost.StartAsync();

        var tokens = await AcmeOAuthScript.ConnectAsync(host.Http);

        tokens.GetProperty("token_type").GetString().ShouldBe("Bearer");
        tokens.GetProperty("expires_in").GetInt32().ShouldBe(3600);
        tokens.GetProperty("scope").GetString().ShouldBe("contacts.read contacts.write");
        tokens.GetProperty("refresh_token").GetString().ShouldNotBeNullOrEmpty();
        using var api = host.ApiClient(tokens.GetProperty("access_token").GetString()!);
        var ids = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var response = await api.GetAsync(cursor is null ? "contacts?limit=20" : $"contacts?limit=20&cursor={cursor}", Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var page = await AcmeSandboxHost.ReadJsonAsync(response);
            ids.AddRange(page.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("id").GetString()!));
            cursor = page.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null);

        pages.ShouldBe(3);
        ids.Count.ShouldBe(50);
        ids.Distinct().Count().ShouldBe(50);
        ids.ShouldAllBe(id => id.StartsWith("ct_"));
    }

    [Fact]
    public async Task Token_WrongPkceVerifier_ReturnsInvalidGrant()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        var (_, challenge) = AcmeOAuthScript.CreatePkce();
        var (otherVerifier, _) = AcmeOAuthScript.CreatePkce();
        var code = await AcmeOAuthScript.GetCodeAsync(host.Http, challenge);

        var response = await AcmeOAuthScript.RedeemAsync(host.Http, code, otherVerifier);

        await AcmeOAuthScript.AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Token_CodeReused_ReturnsInvalidGrantAndRevokesFirstTokens()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        var (verifier, challenge) = AcmeOAuthScript.CreatePkce();
        var code = await AcmeOAuthScript.GetCodeAsync(host.Http, challenge);
        var first = await AcmeOAuthScript.RedeemAsync(host.Http, code, verifier);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var accessToken = (await AcmeSandboxHost.ReadJsonAsync(first)).GetProperty("access_token").GetString()!;

        var second = await AcmeOAuthScript.RedeemAsync(host.Http, code, verifier);

        await AcmeOAuthScript.AssertOAuthErrorAsync(second, HttpStatusCode.BadRequest, "invalid_grant");
        using var api = host.ApiClient(accessToken);
        (await api.GetAsync("me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_CodeOlderThanSixtySeconds_ReturnsInvalidGrant()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        var (verifier, challenge) = AcmeOAuthScript.CreatePkce();
        var code = await AcmeOAuthScript.GetCodeAsync(host.Http, challenge);
        host.Time.Advance(TimeSpan.FromSeconds(61));

        var response = await AcmeOAuthScript.RedeemAsync(host.Http, code, verifier);

        await AcmeOAuthScript.AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Token_RedirectUriDiffersFromAuthorize_ReturnsInvalidGrant()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        var (verifier, challenge) = AcmeOAuthScript.CreatePkce();
        var code = await AcmeOAuthScript.GetCodeAsync(host.Http, challenge);

        var response = await AcmeOAuthScript.RedeemAsync(host.Http, code, verifier, "http://localhost:5173/oauth/callback");

        await AcmeOAuthScript.AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Theory]
    [InlineData("http://evil.example/oauth/callback")]
    [InlineData("http://localhost:5173/oauth/callback/extra")]
    [InlineData("http://localhost:abc/oauth/callback")]
    [InlineData("https://localhost:5173/oauth/callback")]
    public async Task Authorize_UnregisteredRedirectUri_ShowsErrorPageWithoutRedirect(string redirectUri)
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        var (_, challenge) = AcmeOAuthScript.CreatePkce();

        var response = await host.Http.GetAsync(AcmeOAuthScript.AuthorizeUrl(challenge, redirectUri: redirectUri), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Invalid redirect URI");
    }

    [Fact]
    public async Task Authorize_UnknownClient_ShowsErrorPageWithoutRedirect()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        var (_, challenge) = AcmeOAuthScript.CreatePkce();

        var response = await host.Http.GetAsync(AcmeOAuthScript.AuthorizeUrl(challenge, clientId: "nobody"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Unknown application");
    }

    [Fact]
    public async Task Authorize_WithoutPkce_RedirectsWithInvalidRequest()
    {
        await using var host = await AcmeSandboxHost.StartAsync();

        var response = await host.Http.GetAsync(
            $"oauth/authorize?response_type=code&client_id=fastn-local&redirect_uri={Uri.EscapeDataString(AcmeOAuthScript.RedirectUri)}&state=s1", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var query = AcmeOAuthScript.Query(response.Headers.Location!);
        query["error"].ShouldBe("invalid_request");
        query["state"].ShouldBe("s1");
    }

    [Fact]
    public async Task Consent_Deny_RedirectsWithAccessDenied()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        var (_, challenge) = AcmeOAuthScript.CreatePkce();

        var location = await AcmeOAuthScript.AuthorizeAsync(host.Http, challenge, decision: "deny");

        location.GetLeftPart(UriPartial.Path).ShouldBe(AcmeOAuthScript.RedirectUri);
        var query = AcmeOAuthScript.Query(location);
        query["error"].ShouldBe("access_denied");
        query["state"].ShouldBe("st-123");
        query.ShouldNotContainKey("code");
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsLoginPageAgain()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        var (_, challenge) = AcmeOAuthScript.CreatePkce();
        var page = await (await host.Http.GetAsync(AcmeOAuthScript.AuthorizeUrl(challenge), Ct)).Content.ReadAsStringAsync(Ct);
        page.ShouldContain("demo@acme.example");
        var requestId = System.Text.RegularExpressions.Regex.Match(page, "name=\"request_id\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await host.Http.PostAsync("/sandbox/acme/oauth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["request_id"] = requestId,
            ["email"] = "demo@acme.example",
            ["password"] = "wrong",
        }), Ct);

        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Wrong e-mail or password");
        html.ShouldNotContain("consent-form");
    }

    [Fact]
    public async Task Refresh_RotatesTokens_AndReuseOfOldTokenRevokesTheGrant()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        var tokens = await AcmeOAuthScript.ConnectAsync(host.Http);
        var firstRefresh = tokens.GetProperty("refresh_token").GetString()!;

        var rotated = await AcmeOAuthScript.RefreshAsync(host.Http, firstRefresh);
        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await AcmeSandboxHost.ReadJsonAsync(rotated);
        var secondRefresh = second.GetProperty("refresh_token").GetString()!;
        secondRefresh.ShouldNotBe(firstRefresh);
        var secondAccess = second.GetProperty("access_token").GetString()!;
        using var api = host.ApiClient(secondAccess);
        (await api.GetAsync("me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var reuse = await AcmeOAuthScript.RefreshAsync(host.Http, firstRefresh);

        await AcmeOAuthScript.AssertOAuthErrorAsync(reuse, HttpStatusCode.BadRequest, "invalid_grant");
        await AcmeOAuthScript.AssertOAuthErrorAsync(await AcmeOAuthScript.RefreshAsync(host.Http, secondRefresh), HttpStatusCode.BadRequest, "invalid_grant");
        (await api.GetAsync("me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        host.State.RefreshRequestCount.ShouldBe(3);
        host.State.Tokens.SuccessfulRefreshCount.ShouldBe(1);
    }

    [Fact]
    public async Task Api_AccessTokenPastItsLifetime_Returns401InvalidToken()
    {
        await using var host = await AcmeSandboxHost.StartAsync(o => o.AccessTokenLifetime = TimeSpan.FromSeconds(30));
        var tokens = await AcmeOAuthScript.ConnectAsync(host.Http);
        tokens.GetProperty("expires_in").GetInt32().ShouldBe(30);
        using var api = host.ApiClient(tokens.GetProperty("access_token").GetString()!);
        (await api.GetAsync("me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        host.Time.Advance(TimeSpan.FromSeconds(31));
        var response = await api.GetAsync("me", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("error=\"invalid_token\"");
        (await AcmeSandboxHost.ReadJsonAsync(response)).GetProperty("error").GetString().ShouldBe("invalid_token");
        var refreshed = await AcmeOAuthScript.RefreshAsync(host.Http, tokens.GetProperty("refresh_token").GetString()!);
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        host.State.RefreshRequestCount.ShouldBe(1);
    }

    [Fact]
    public async Task Token_ClientCredentialsWithBasicAuth_IssuesAccessTokenWithoutRefreshToken()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "contacts.read" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("fastn-local:acme-local-secret")));

        var response = await host.Http.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var body = await AcmeSandboxHost.ReadJsonAsync(response);
        body.TryGetProperty("refresh_token", out _).ShouldBeFalse();
        body.GetProperty("scope").GetString().ShouldBe("contacts.read");
    }

    [Fact]
    public async Task Token_WrongClientSecret_Returns401InvalidClient()
    {
        await using var host = await AcmeSandboxHost.StartAsync();

        var response = await AcmeOAuthScript.TokenAsync(host.Http, new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "fastn-local",
            ["client_secret"] = "nope",
        });

        await AcmeOAuthScript.AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Revoke_RefreshToken_RevokesTheWholeGrant()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        var tokens = await AcmeOAuthScript.ConnectAsync(host.Http);
        var refresh = tokens.GetProperty("refresh_token").GetString()!;

        var response = await host.Http.PostAsync("oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = refresh,
            ["client_id"] = AcmeOAuthScript.ClientId,
            ["client_secret"] = AcmeOAuthScript.ClientSecret,
        }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await AcmeOAuthScript.AssertOAuthErrorAsync(await AcmeOAuthScript.RefreshAsync(host.Http, refresh), HttpStatusCode.BadRequest, "invalid_grant");
        using var api = host.ApiClient(tokens.GetProperty("access_token").GetString()!);
        (await api.GetAsync("me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Metadata_NoPublicBaseUrl_AdvertisesEndpointsOfTheRequestHost()
    {
        await using var host = await AcmeSandboxHost.StartAsync();

        var body = await AcmeSandboxHost.ReadJsonAsync(await host.Http.GetAsync(".well-known/oauth-authorization-server", Ct));

        body.GetProperty("token_endpoint").GetString().ShouldBe(host.BaseUrl + "/oauth/token");
        body.GetProperty("code_challenge_methods_supported")[0].GetString().ShouldBe("S256");
    }

    [Fact]
    public async Task Metadata_PublicBaseUrlConfigured_AdvertisesAbsoluteEndpointsOnIt()
    {
        await using var host = await AcmeSandboxHost.StartAsync(sandbox: o => o.PublicBaseUrl = "http://localhost:5173/");

        var body = await AcmeSandboxHost.ReadJsonAsync(await host.Http.GetAsync(".well-known/oauth-authorization-server", Ct));

        body.GetProperty("authorization_endpoint").GetString().ShouldBe("http://localhost:5173/sandbox/acme/oauth/authorize");
    }

    [Theory]
    [InlineData("http://localhost:5173/oauth/callback", true)]
    [InlineData("http://127.0.0.1:1/oauth/callback", true)]
    [InlineData("http://localhost:65536/oauth/callback", false)]
    [InlineData("http://localhost:/oauth/callback", false)]
    [InlineData("http://localhost:5173/oauth/callback?x=1", false)]
    public void IsRedirectUriAllowed_DefaultClient_MatchesLoopbackCallbackOnAnyPort(string redirectUri, bool allowed) =>
        AcmeOAuthClient.FastnLocal().IsRedirectUriAllowed(redirectUri).ShouldBe(allowed);
}
