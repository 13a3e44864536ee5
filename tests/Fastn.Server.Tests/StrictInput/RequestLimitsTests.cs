using System.Net;
using System.Text;
using Fastn.Server.Tests.Infrastructure;
using Fastn.Server.Tests.PlatformCore;

namespace Fastn.Server.Tests.StrictInput;

/// <summary>The configured limits: <c>Fastn:Limits:MaxRequestBodyBytes</c> for the API, <c>Fastn:Limits:MaxActionInputBytes</c> for action inputs.</summary>
public sealed class RequestLimitsTests
{
    [Fact]
    public async Task Limits_Configured_ApiBodyAndActionInputLimitedSeparately()
    {
        await using var stub = await StubApp.StartAsync();
        await using var server = await FastnTestServer.StartAsync(new FastnTestServerOptions
        {
            Connectors = [StubConnectors.QueryKey(stub.BaseUrl)],
            AllowedPrivateHosts = [stub.Authority],
            Settings = new Dictionary<string, string> { ["Fastn:Limits:MaxRequestBodyBytes"] = "2000", ["Fastn:Limits:MaxActionInputBytes"] = "300" },
        });
        var tenant = Scenarios.NewTenant();
        var id = await Scenarios.ConnectStubAsync(server, tenant, StubConnectors.Query, "k-limit");
        var input = "{\"q\":\"" + new string('q', 400) + "\"}";

        using var action = server.Request(HttpMethod.Post, $"api/v1/connections/{id}/actions/echo", tenant);
        action.Content = new StringContent(input, Encoding.UTF8, "application/json");
        using var refused = await server.Http.SendAsync(action, TestContext.Current.CancellationToken);
        using var patch = server.Request(HttpMethod.Patch, "api/v1/workspace");
        patch.Content = new StringContent("{\"name\":\"" + new string('w', 150) + "\",\"logoUrl\":null,\"pad\":\"" + new string('p', 300) + "\"}", Encoding.UTF8, "application/json");
        using var accepted = await server.Http.SendAsync(patch, TestContext.Current.CancellationToken);
        using var big = server.Request(HttpMethod.Patch, "api/v1/workspace");
        big.Content = new StringContent("{\"name\":\"" + new string('w', 2000) + "\"}", Encoding.UTF8, "application/json");
        using var tooBig = await server.Http.SendAsync(big, TestContext.Current.CancellationToken);

        (await refused.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "fastn:payload-too-large"))
            .GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("Fastn:Limits:MaxActionInputBytes");
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await tooBig.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "fastn:payload-too-large"))
            .GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("2000 bytes");
        (await Scenarios.CallCountAsync(server, tenant, id)).ShouldBe(0);
    }
}
