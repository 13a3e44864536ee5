using System.Diagnostics;
using System.Net;
using Fastn.Server.Tests.Infrastructure;

namespace Fastn.Server.Tests.PlatformCore;

/// <summary>What a misbehaving app looks like through the API, using a real stub app and API-key connectors.</summary>
[Collection(ServerCollection.Name)]
public sealed class UpstreamTests(ServerFixture fixture)
{
    private FastnTestServer Server => fixture.Server;

    private StubApp Stub => fixture.Stub;

    [Fact]
    public async Task ExecuteAction_AppAnswersHtml_UpstreamProblemSayingHtml()
    {
        var tenant = Scenarios.NewTenant();
        var id = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, "k-html");

        using var response = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/html", tenant, new { });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadGateway, "fastn:upstream");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("HTML");
        problem.GetProperty("upstreamStatus").GetInt32().ShouldBe(200);
        using var calls = await Server.SendAsync(HttpMethod.Get, $"api/v1/connections/{id}/calls", tenant);
        var call = (await calls.ReadJsonAsync()).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        call.GetProperty("status").GetString().ShouldBe("Failed");
        call.GetProperty("errorType").GetString().ShouldBe("fastn:upstream");
    }

    [Fact]
    public async Task ExecuteAction_AppNeverAnswers_TimeoutProblemAfterTheActionTimeout()
    {
        var tenant = Scenarios.NewTenant();
        var id = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, "k-hang");
        Stub.ResetHang();
        var stopwatch = Stopwatch.StartNew();

        using var response = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/hang", tenant, new { });

        stopwatch.Stop();
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.GatewayTimeout, "fastn:timeout");
        problem.GetProperty("category").GetString().ShouldBe("unreachable");
        problem.GetProperty("retryable").GetBoolean().ShouldBeTrue();
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("1 s");
        stopwatch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9));
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
        // The outbound request was abandoned, not left hanging.
        await Stub.HangAborted.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ExecuteAction_App503WithRetryAfter_RetriedAfterTheWaitAndSucceeds()
    {
        var tenant = Scenarios.NewTenant();
        var id = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, "k-flaky");
        Stub.FlakyFailures = 1;

        using var response = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/flaky", tenant, new { });

        (await response.ReadJsonAsync()).GetProperty("ok").GetBoolean().ShouldBeTrue();
        var attempts = Stub.RequestsTo("/flaky").Where(r => r.QueryApiKey == "k-flaky").ToList();
        attempts.Count.ShouldBe(2);
        (attempts[1].At - attempts[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9), "Retry-After: 1 must be honoured");
    }

    [Fact]
    public async Task ExecuteAction_AppKeepsAnswering503_UpstreamProblemWithStatusAfterRetries()
    {
        var tenant = Scenarios.NewTenant();
        var id = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, "k-down");
        Stub.FlakyFailures = 4;

        using var response = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/flaky", tenant, new { });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadGateway, "fastn:upstream");
        problem.GetProperty("upstreamStatus").GetInt32().ShouldBe(503);
        problem.GetProperty("category").GetString().ShouldBe("upstream");
        problem.GetProperty("retryable").GetBoolean().ShouldBeTrue();
        Stub.RequestsTo("/flaky").Count(r => r.QueryApiKey == "k-down").ShouldBe(4);
        Stub.FlakyFailures = 0;
    }

    [Theory]
    [InlineData("quote\"single'back\\slash")]
    [InlineData("ünïcødé-€-😀-日本")]
    [InlineData("new\nline\r\nand &=?#%+ spaces")]
    public async Task ExecuteAction_QueryBoundCredentialWithSpecialCharacters_AppReceivesItExactly(string secret)
    {
        var tenant = Scenarios.NewTenant();
        var id = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, secret);
        var before = Stub.Requests.Count;

        using var response = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/echo", tenant, new { });

        (await response.ReadJsonAsync()).GetProperty("ok").GetBoolean().ShouldBeTrue();
        Stub.Requests.Skip(before).ShouldHaveSingleItem().QueryApiKey.ShouldBe(secret);
    }

    [Theory]
    [InlineData("quote\"single'back\\slash")]
    [InlineData("with spaces and = ; , signs")]
    public async Task ExecuteAction_HeaderBoundCredentialWithPrintableCharacters_AppReceivesItExactly(string secret)
    {
        var tenant = Scenarios.NewTenant();
        var id = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Header, secret);
        var before = Stub.Requests.Count;

        using var response = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/echo", tenant, new { });

        (await response.ReadJsonAsync()).GetProperty("ok").GetBoolean().ShouldBeTrue();
        Stub.Requests.Skip(before).ShouldHaveSingleItem().HeaderApiKey.ShouldBe(secret);
    }

    [Theory]
    [InlineData("new\nline")]
    [InlineData("carriage\r\nreturn")]
    [InlineData("key\r\nX-Injected: yes")]
    [InlineData("ünïcødé-€-😀")]
    public async Task CreateConnection_HeaderBoundCredentialThatCannotBeSentInAHeader_ClearValidationProblem(string secret)
    {
        var tenant = Scenarios.NewTenant();
        var before = Stub.Requests.Count;

        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/connections", tenant,
            new { connector = StubConnectors.Header, credentials = new Dictionary<string, string> { ["api_key"] = secret } });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe("$.credentials.api_key");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain(secret);
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldBeEmpty();
        Stub.Requests.Count.ShouldBe(before);
    }

    [Fact]
    public async Task ReconnectConnection_HeaderBoundCredentialWithLineBreak_ValidationProblemAndOldCredentialKept()
    {
        var tenant = Scenarios.NewTenant();
        var id = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Header, "good-key");

        using var response = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/reconnect", tenant,
            new { credentials = new Dictionary<string, string> { ["api_key"] = "bad\r\nX-Injected: yes" } });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        var before = Stub.Requests.Count;
        using var echo = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/echo", tenant, new { });
        (await echo.ReadJsonAsync()).GetProperty("ok").GetBoolean().ShouldBeTrue();
        var sent = Stub.Requests.Skip(before).ShouldHaveSingleItem();
        sent.HeaderApiKey.ShouldBe("good-key");
        sent.Headers.ShouldNotContainKey("X-Injected");
    }
}
