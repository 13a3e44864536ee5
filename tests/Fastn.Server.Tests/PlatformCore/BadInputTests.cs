using System.Net;
using System.Text;
using Fastn.Server.Tests.Infrastructure;

namespace Fastn.Server.Tests.PlatformCore;

/// <summary>Bad requests get a clear problem+json (never a 500) and change nothing.</summary>
[Collection(ServerCollection.Name)]
public sealed class BadInputTests(ServerFixture fixture)
{
    private FastnTestServer Server => fixture.Server;

    [Theory]
    [InlineData("{\"limit\": ")]
    [InlineData("{\"limit\": 5,}")]
    [InlineData("not json")]
    public async Task ExecuteAction_MalformedJson_ValidationProblemAndNoCallRecorded(string body)
    {
        var tenant = Scenarios.NewTenant();
        var id = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, "k-1");
        using var request = Server.Request(HttpMethod.Post, $"api/v1/connections/{id}/actions/echo", tenant);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await Server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("JSON");
        (await Scenarios.CallCountAsync(Server, tenant, id)).ShouldBe(0);
        fixture.Stub.Requests.ShouldNotContain(r => r.QueryApiKey == "k-1");
    }

    [Fact]
    public async Task ExecuteAction_WrongInputType_ValidationProblemWithJsonPath()
    {
        var tenant = Scenarios.NewTenant();
        var id = await AcmeBrowser.ConnectAsync(Server, tenant);

        using var response = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/list_contacts", tenant, new { limit = "ten" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe("$.limit");
        (await Scenarios.CallCountAsync(Server, tenant, id)).ShouldBe(0);
    }

    [Fact]
    public async Task CreateConnection_MalformedJson_ValidationProblemAndNothingCreated()
    {
        var tenant = Scenarios.NewTenant();
        using var request = Server.Request(HttpMethod.Post, "api/v1/connections", tenant);
        request.Content = new StringContent("{\"connector\": \"stub-query\", \"credentials\": {\"api_key\": 42", Encoding.UTF8, "application/json");

        using var response = await Server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CreateConnection_MissingCredential_ValidationProblemWithPathAndNothingCreated()
    {
        var tenant = Scenarios.NewTenant();

        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/connections", tenant, new { connector = StubConnectors.Query });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe("$.credentials.api_key");
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StartOAuth_UnknownConnector_NotFoundProblem()
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/connect/no-such-app", Scenarios.NewTenant(), new { });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "fastn:not-found");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("no-such-app");
    }

    [Fact]
    public async Task CreateConnection_UnknownConnector_NotFoundProblemAndNothingCreated()
    {
        var tenant = Scenarios.NewTenant();

        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/connections", tenant, new { connector = "no-such-app", credentials = new { api_key = "x" } });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "fastn:not-found");
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ExecuteAction_UnknownAction_NotFoundProblemListingTheActions()
    {
        var tenant = Scenarios.NewTenant();
        var id = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, "k-2");

        using var response = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/launch_rockets", tenant, new { });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "fastn:not-found");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("echo");
        (await Scenarios.CallCountAsync(Server, tenant, id)).ShouldBe(0);
    }

    [Fact]
    public async Task ExecuteAction_UnknownConnection_NotFoundProblem()
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/connections/conn_doesnotexist/actions/echo", Scenarios.NewTenant(), new { });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "fastn:not-found");
    }

    [Fact]
    public async Task ExecuteAction_NoTenant_ValidationProblemNamingTheHeader()
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/connections/conn_x/actions/echo", tenant: null, new { });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("x-fastn-space-tenantid");
    }
}
