using System.Net;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.BuiltIn.HubSpot;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;
using Fastn.Engine.OAuth;
using Fastn.Sandbox.Vendors.HubSpot;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Connectors.BuiltIn.Tests.HubSpot;

/// <summary>HubSpot's own token-endpoint error shape (<c>{"status":"BAD_REFRESH_TOKEN",…}</c>) read as RFC 6749 codes.</summary>
public sealed class HubSpotTokenErrorTests
{
    [Theory]
    [InlineData("BAD_REFRESH_TOKEN", 400, "invalid_grant")]
    [InlineData("BAD_AUTH_CODE", 400, "invalid_grant")]
    [InlineData("BAD_REDIRECT_URI", 400, "invalid_grant")]
    [InlineData("BAD_CLIENT_ID", 400, "invalid_client")]
    [InlineData("BAD_CLIENT_SECRET", 400, "invalid_client")]
    [InlineData("BAD_GRANT_TYPE", 400, "unsupported_grant_type")]
    [InlineData("BAD_SCOPE", 400, "invalid_scope")]
    [InlineData("SOMETHING_NEW", 400, null)]
    [InlineData("SOMETHING_NEW", 502, "server_error")]
    public void Classify_HubSpotStatus_IsTheRfcCode(string status, int http, string? expected)
    {
        var body = $$"""{"status":"{{status}}","message":"missing or unknown refresh token","correlationId":"3d4e7b6a-5c2f-4b8e-9a1d-0f6e2c7b8a9d"}""";

        HubSpotTokenErrors.Classify((HttpStatusCode)http, body).ShouldBe(expected);
    }

    [Theory]
    [InlineData("""{"error":"invalid_grant"}""")]
    [InlineData("<html>Bad Gateway</html>")]
    [InlineData("[]")]
    public void Classify_NotHubSpotsShape_LeavesThePlatformsReading(string body) =>
        HubSpotTokenErrors.Classify(HttpStatusCode.BadRequest, body).ShouldBeNull();

    [Fact]
    public async Task Refresh_UnknownRefreshTokenAtTheSimulation_IsInvalidGrantNeedingReauthorization()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FastnTestServer.StartAsync();
        var tokens = server.Services.GetRequiredService<OAuthTokenClient>();
        var method = HubSpotConnector.Create(server.SandboxAddress.ToString()).Auth.Find("oauth").ShouldBeOfType<OAuth2Auth>();
        var client = new OAuthClientCredentials(HubSpotSandboxApp.SandboxClientId, HubSpotSandboxApp.SandboxClientSecret);

        var refused = await Should.ThrowAsync<OAuthTokenException>(() => tokens.RefreshAsync(method, client, new Dictionary<string, string>(), "not-a-refresh-token", ct));
        var unread = await Should.ThrowAsync<OAuthTokenException>(() => tokens.RefreshAsync(method with { TokenErrorCode = null }, client, new Dictionary<string, string>(), "not-a-refresh-token", ct));

        refused.Error.ShouldBe("invalid_grant");
        refused.RequiresReauthorization.ShouldBeTrue();
        refused.IsTransient.ShouldBeFalse();
        refused.Status.ShouldBe(400);
        // Without the connector's hook the same answer is only an unreadable one: the hook is what marks the connection for re-auth.
        unread.RequiresReauthorization.ShouldBeFalse();
    }
}
