using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;

namespace Fastn.Connectors.Tests.Sdk;

public sealed class HeaderInjectionTests
{
    [Theory]
    [InlineData("key\r\nX-Injected: yes")]
    [InlineData("key\nmore")]
    [InlineData("key\0")]
    public async Task ApiKeyHeader_ValueWithLineBreak_IsRefused(string value)
    {
        var method = Auth.ApiKeyHeader("X-Api-Key");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/x");
        var credentials = new AuthCredentials(AuthKind.ApiKey, "apikey", new Dictionary<string, string> { ["api_key"] = value });

        var ex = await Should.ThrowAsync<ConnectorValidationException>(() => method.ApplyAsync(request, credentials, TestContext.Current.CancellationToken).AsTask());

        ex.Message.ShouldContain("X-Api-Key");
        request.Headers.Contains("X-Injected").ShouldBeFalse();
    }

    [Fact]
    public async Task OAuth2_TokenWithLineBreak_IsRefused()
    {
        var method = Auth.OAuth2(o => { o.AuthorizationUrl = "https://a.example/auth"; o.TokenUrl = "https://a.example/token"; });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/x");
        var credentials = new AuthCredentials(AuthKind.OAuth2, "oauth2", new Dictionary<string, string>(), "tok\r\nX-Injected: yes");

        await Should.ThrowAsync<ConnectorValidationException>(() => method.ApplyAsync(request, credentials, TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public async Task ApiKeyQuery_ValueWithLineBreak_IsEscapedNotRefused()
    {
        var method = Auth.ApiKeyQuery("key");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/x");
        var credentials = new AuthCredentials(AuthKind.ApiKey, "apikey", new Dictionary<string, string> { ["api_key"] = "a\nb" });

        await method.ApplyAsync(request, credentials, TestContext.Current.CancellationToken);

        request.RequestUri!.Query.ShouldBe("?key=a%0Ab");
    }
}
