using System.Net;
using System.Text.Json;
using Fastn.Server.Tests.Infrastructure;

namespace Fastn.Server.Tests.PlatformCore;

[Collection(ServerCollection.Name)]
public sealed class HealthTests(ServerFixture fixture)
{
    [Theory]
    [InlineData("health/live")]
    [InlineData("health/ready")]
    public async Task Health_RunningServer_Returns200(string path)
    {
        using var response = await fixture.Server.Http.GetAsync(path, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenApi_Document_IsJsonListingTheActionEndpoint()
    {
        using var response = await fixture.Server.Http.GetAsync("openapi/v1.json", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        document.RootElement.GetProperty("openapi").GetString().ShouldStartWith("3.");
        var paths = document.RootElement.GetProperty("paths");
        paths.TryGetProperty("/api/v1/connections/{id}/actions/{action}", out var action).ShouldBeTrue();
        action.TryGetProperty("post", out _).ShouldBeTrue();
        paths.EnumerateObject().Select(p => p.Name).ShouldNotContain(p => p.StartsWith("/sandbox", StringComparison.Ordinal));
    }
}
