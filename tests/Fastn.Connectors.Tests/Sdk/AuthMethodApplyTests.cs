using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;
using Fastn.Connectors.Testing;

namespace Fastn.Connectors.Tests.Sdk;

/// <summary>Every auth kind, and exactly what it does to an outgoing request.</summary>
public sealed class AuthMethodApplyTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static AuthCredentials Creds(AuthMethod method, params (string Key, string Value)[] values) =>
        ConnectorTestHost.CredentialsFor(method, values.ToDictionary(v => v.Key, v => v.Value));

    private static async Task<RecordedRequest> SendAsync(AuthMethod method, AuthCredentials credentials, string url = "https://api.test/v1/items")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        await method.ApplyAsync(request, credentials, Ct);
        return await RecordedRequest.CaptureAsync(request, Ct);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task None_ApplyAsync_LeavesRequestUntouched()
    {
        var sent = await SendAsync(Auth.None(), AuthCredentials.Empty, "https://api.test/v1/items?page=2");

        sent.Headers.ShouldBeEmpty();
        sent.Url.ToString().ShouldBe("https://api.test/v1/items?page=2");
    }

    [Fact]
    public async Task Basic_ApplyAsync_SetsBase64OfUserColonPassword()
    {
        var method = Auth.Basic();

        var sent = await SendAsync(method, Creds(method, ("username", "user"), ("password", "pass")));

        sent.Header("Authorization").ShouldBe("Basic dXNlcjpwYXNz");
    }

    [Fact]
    public async Task Basic_PasswordWithColonAndUnicode_EncodesUtf8AndKeepsEveryColon()
    {
        var method = Auth.Basic();

        var sent = await SendAsync(method, Creds(method, ("username", "josé"), ("password", "pa:ss:wörd✓\"")));

        sent.Header("Authorization").ShouldBe("Basic " + Base64("josé:pa:ss:wörd✓\""));
        Encoding.UTF8.GetString(Convert.FromBase64String(sent.Header("Authorization")!["Basic ".Length..])).ShouldBe("josé:pa:ss:wörd✓\"");
    }

    [Fact]
    public async Task Basic_OptionalPasswordMissing_SendsUserAndEmptyPassword()
    {
        var method = Auth.Basic() with { PasswordOptional = true };

        var sent = await SendAsync(method, Creds(method, ("username", "sk_test_1")));

        sent.Header("Authorization").ShouldBe("Basic " + Base64("sk_test_1:"));
    }

    [Fact]
    public async Task BearerToken_Default_SetsAuthorizationBearer()
    {
        var method = Auth.BearerToken();

        var sent = await SendAsync(method, Creds(method, ("token", "tok_123")));

        sent.Header("Authorization").ShouldBe("Bearer tok_123");
        sent.Headers.Count.ShouldBe(1);
    }

    [Fact]
    public async Task BearerToken_CustomScheme_UsesSchemeInAuthorization()
    {
        var method = Auth.BearerToken(scheme: "token");

        var sent = await SendAsync(method, Creds(method, ("token", "ghp_abc")));

        sent.Header("Authorization").ShouldBe("token ghp_abc");
    }

    [Fact]
    public async Task BearerToken_CustomHeaderWithoutScheme_SendsRawTokenInThatHeader()
    {
        var method = Auth.BearerToken(headerName: "X-Auth-Token", scheme: "");

        var sent = await SendAsync(method, Creds(method, ("token", "raw-tok")));

        sent.Header("X-Auth-Token").ShouldBe("raw-tok");
        sent.Header("Authorization").ShouldBeNull();
    }

    [Fact]
    public async Task BearerToken_CustomHeaderWithScheme_PrefixesScheme()
    {
        var method = Auth.BearerToken(headerName: "X-Auth", scheme: "Token");

        var sent = await SendAsync(method, Creds(method, ("token", "t1")));

        sent.Header("X-Auth").ShouldBe("Token t1");
    }

    [Fact]
    public async Task ApiKeyHeader_WithPrefix_SetsPrefixedKeyAndReplacesExistingHeader()
    {
        var method = Auth.ApiKeyHeader("X-API-Key", prefix: "Token ");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/v1/items");
        request.Headers.TryAddWithoutValidation("X-API-Key", "stale");

        await method.ApplyAsync(request, Creds(method, ("api_key", "k-1")), Ct);
        var sent = await RecordedRequest.CaptureAsync(request, Ct);

        sent.Header("X-API-Key").ShouldBe("Token k-1");
    }

    [Fact]
    public async Task ApiKeyQuery_ExistingQuery_AppendsEscapedKey()
    {
        var method = Auth.ApiKeyQuery("api_key");

        var sent = await SendAsync(method, Creds(method, ("api_key", "a+b&c=d é")), "https://api.test/v1/items?page=2");

        sent.Url.Query.ShouldBe("?page=2&api_key=a%2Bb%26c%3Dd%20%C3%A9");
        sent.Query["api_key"].ShouldBe("a+b&c=d é");
        sent.Query["page"].ShouldBe("2");
        sent.Headers.ShouldBeEmpty();
    }

    [Fact]
    public async Task ApiKeyQuery_SameNamedParameter_IsReplacedNotDuplicated()
    {
        var method = Auth.ApiKeyQuery("key");

        var sent = await SendAsync(method, Creds(method, ("api_key", "new")), "https://api.test/v1/items?key=old&x=1");

        sent.Url.Query.ShouldBe("?x=1&key=new");
    }

    [Fact]
    public async Task ApiKeyQuery_NoQuery_AddsOne()
    {
        var method = Auth.ApiKeyQuery("apikey");

        var sent = await SendAsync(method, Creds(method, ("api_key", "k")));

        sent.Url.ToString().ShouldBe("https://api.test/v1/items?apikey=k");
    }

    [Fact]
    public async Task OAuth2_AccessToken_SetsAuthorizationBearer()
    {
        var method = Auth.OAuth2(o => { o.AuthorizationUrl = "https://a.test/authorize"; o.TokenUrl = "https://a.test/token"; });

        var sent = await SendAsync(method, ConnectorTestHost.CredentialsFor(method, accessToken: "at_1"));

        sent.Header("Authorization").ShouldBe("Bearer at_1");
    }

    [Fact]
    public async Task OAuth2_ShopifyStyleHeaderWithEmptyScheme_SendsRawTokenOnly()
    {
        var method = Auth.OAuth2(o =>
        {
            o.AuthorizationUrl = "https://{shop}.myshopify.com/admin/oauth/authorize";
            o.TokenUrl = "https://{shop}.myshopify.com/admin/oauth/access_token";
            o.TokenHeaderName = "X-Shopify-Access-Token";
            o.TokenScheme = "";
        });

        var sent = await SendAsync(method, ConnectorTestHost.CredentialsFor(method, accessToken: "shpat_abc"));

        sent.Header("X-Shopify-Access-Token").ShouldBe("shpat_abc");
        sent.Header("Authorization").ShouldBeNull();
    }

    [Fact]
    public async Task OAuth2_MissingAccessToken_ThrowsAuthRequired()
    {
        var method = Auth.OAuth2(o => { o.AuthorizationUrl = "https://a.test/authorize"; o.TokenUrl = "https://a.test/token"; });

        var ex = await Should.ThrowAsync<AuthRequiredException>(() => SendAsync(method, ConnectorTestHost.CredentialsFor(method)));

        ex.ProblemType.ShouldBe("fastn:auth-required");
        ex.Message.ShouldContain("access token");
    }

    [Fact]
    public async Task Custom_Apply_RunsConnectorHandler()
    {
        var method = Auth.Custom([CredentialField.Text("account", "Account"), CredentialField.SecretField("secret", "Secret")],
            (request, creds, _) =>
            {
                request.Headers.TryAddWithoutValidation("X-Account", creds.Get("account"));
                request.Headers.TryAddWithoutValidation("X-Signature", "sig:" + creds.Get("secret"));
                return ValueTask.CompletedTask;
            });

        var sent = await SendAsync(method, Creds(method, ("account", "acme"), ("secret", "s3")));

        sent.Header("X-Account").ShouldBe("acme");
        sent.Header("X-Signature").ShouldBe("sig:s3");
    }

    [Fact]
    public async Task Custom_Exchange_TokenFromExchangeIsAppliedToActionRequests()
    {
        var method = Auth.Custom([CredentialField.Text("client_id", "Client id"), CredentialField.SecretField("client_secret", "Client secret")],
            (request, creds, _) =>
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Session", creds.AccessToken);
                return ValueTask.CompletedTask;
            },
            async (creds, http, ct) =>
            {
                using var response = await http.PostAsync("session", new FormUrlEncodedContent(
                    [new("id", creds.Get("client_id")), new("secret", creds.Get("client_secret"))]), ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                return new ExchangedToken(System.Text.Json.Nodes.JsonNode.Parse(body)!["token"]!.GetValue<string>(), null);
            });
        var definition = new ConnectorDefinition
        {
            Name = "exchange-app",
            DisplayName = "Exchange App",
            BaseUrl = "https://x.test/api",
            Auth = method,
            Actions = { Define.Action<Empty, Empty>("ping", "Ping", (_, ctx, ct) => ctx.Http.GetJsonAsync<Empty>("ping", ct)) },
        };
        var stub = new StubHttpHandler()
            .RouteJson(HttpMethod.Post, "/api/session", new { token = "sess_42" })
            .RouteJson(HttpMethod.Get, "/api/ping", new { });
        using var host = new ConnectorTestHost(definition, Creds(method, ("client_id", "id1"), ("client_secret", "sec\"ret\n")), stub);

        await host.RunActionAsync("ping", null, Ct);

        stub.Requests.Count.ShouldBe(2);
        stub.Requests[0].Header("Authorization").ShouldBeNull();
        stub.Requests[0].Body.ShouldBe("id=id1&secret=sec%22ret%0A");
        stub.Requests[1].Header("Authorization").ShouldBe("Session sess_42");
        host.Credentials.AccessToken.ShouldBe("sess_42");
    }

    [Fact]
    public async Task Bearer_TokenWithQuotesAndUnicode_IsSentVerbatim()
    {
        var method = Auth.BearerToken(headerName: "X-Token", scheme: "");

        var sent = await SendAsync(method, Creds(method, ("token", "a\"b'ç")));

        sent.Header("X-Token").ShouldBe("a\"b'ç");
    }

    [Fact]
    public async Task ApiKeyHeader_ValueWithNewline_IsRefusedAndAddsNoHeader()
    {
        var method = Auth.ApiKeyHeader("X-API-Key");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/v1/items");

        await Should.ThrowAsync<ConnectorValidationException>(() => method.ApplyAsync(request, Creds(method, ("api_key", "k\r\nX-Injected: 1")), Ct).AsTask());

        request.Headers.Contains("X-Injected").ShouldBeFalse();
        request.Headers.Contains("X-API-Key").ShouldBeFalse();
    }

    [Fact]
    public async Task ApiKeyHeader_ThroughTestHost_ReachesTheAppOnEveryRequest()
    {
        var stub = new StubHttpHandler().EnqueueJson(new { id = "c_1", email = "a@b.c", updatedAt = DateTimeOffset.UnixEpoch }, HttpStatusCode.Created);
        var definition = Testing.ExampleConnector.Definition;
        using var host = new ConnectorTestHost(definition, Creds(definition.Auth.Default!, ("api_key", "k_live")), stub);

        await host.RunActionAsync("create_contact", new System.Text.Json.Nodes.JsonObject { ["email"] = "a@b.c" }, Ct);

        stub.LastRequest.Header("X-Api-Key").ShouldBe("k_live");
        stub.LastRequest.Url.ToString().ShouldBe("https://api.example-crm.test/v1/contacts");
    }

    public sealed record Empty;
}
