using System.Net;
using Fastn.Server.Tests.Infrastructure;

namespace Fastn.Server.Tests.ConnectSessions;

/// <summary><c>/api/v1/workspace</c> (branding, redirect URLs) and <c>/api/v1/events</c>.</summary>
[Collection(ServerCollection.Name)]
public sealed class WorkspaceAndEventsApiTests(ServerFixture fixture)
{
    private FastnTestServer Server => fixture.Server;

    [Fact]
    public async Task PatchWorkspace_NameOnly_KeepsLogo()
    {
        using (var set = await Server.SendAsync(HttpMethod.Patch, "api/v1/workspace", json: new { name = "Acme Books", logoUrl = "https://cdn.example/a.png" }))
        {
            set.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var rename = await Server.SendAsync(HttpMethod.Patch, "api/v1/workspace", json: new { name = "Acme Books Ltd" });
        await rename.ReadJsonAsync();
        using var get = await Server.SendAsync(HttpMethod.Get, "api/v1/workspace");

        var ws = await get.ReadJsonAsync();
        ws.GetProperty("name").GetString().ShouldBe("Acme Books Ltd");
        ws.GetProperty("logoUrl").GetString().ShouldBe("https://cdn.example/a.png");
    }

    [Theory]
    [InlineData("{\"name\":\"\"}", "$.name")]
    [InlineData("{\"logoUrl\":\"javascript:alert(1)\"}", "$.logoUrl")]
    [InlineData("{\"logoUrl\":\"http://cdn.example/a.png\"}", "$.logoUrl")]
    [InlineData("{\"logoUrl\":42}", "$.logoUrl")]
    public async Task PatchWorkspace_BadValue_ValidationProblem(string json, string path)
    {
        using var request = Server.Request(HttpMethod.Patch, "api/v1/workspace");
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await Server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe(path);
    }

    [Fact]
    public async Task PutRedirectUrls_InvalidEntry_ValidationProblemNamingIndexAndListUnchanged()
    {
        await ConnectBrowser.RegisterReturnUrlsAsync(Server);

        using var response = await Server.SendAsync(HttpMethod.Put, "api/v1/workspace/redirect-urls",
            json: new { urls = new[] { "https://ok.example/back", "https://bad.example/back?x=1" } });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe("$.urls[1]");
        using var get = await Server.SendAsync(HttpMethod.Get, "api/v1/workspace/redirect-urls");
        (await get.ReadJsonAsync()).GetProperty("urls").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task ListEvents_Paged_NewestFirstAndAfterCursorGivesOlder()
    {
        var tenant = ConnectBrowser.NewTenant();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await PlatformCore.Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, $"k-events-{i}"));
        }

        using var first = await Server.SendAsync(HttpMethod.Get, "api/v1/events?type=connection.created&limit=2", tenant);
        var page1 = await first.ReadJsonAsync();
        var cursor = page1.GetProperty("nextCursor").GetString().ShouldNotBeNull();
        using var second = await Server.SendAsync(HttpMethod.Get, $"api/v1/events?type=connection.created&limit=2&after={cursor}", tenant);
        var page2 = await second.ReadJsonAsync();

        var subjects = page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("subject").GetString()).ToList();
        subjects.ShouldBe([ids[2], ids[1], ids[0]]);
        page2.GetProperty("nextCursor").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task ListEvents_BadLimit_ValidationProblem()
    {
        using var response = await Server.SendAsync(HttpMethod.Get, "api/v1/events?limit=0");

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation")).GetProperty("path").GetString().ShouldBe("limit");
    }
}
