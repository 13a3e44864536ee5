using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Fastn.Server.Tests.Infrastructure;
using Fastn.Server.Tests.PlatformCore;

namespace Fastn.Server.Tests.StrictInput;

/// <summary>Issue 9 §2: input the API cannot use is a 400/404/413 problem+json, never a 500, and changes nothing.</summary>
[Collection(ServerCollection.Name)]
public sealed class StrictInputTests(ServerFixture fixture)
{
    private FastnTestServer Server => fixture.Server;

    public static TheoryData<string> BadCursors => ["garbage", "%00", new string('a', 5000), "eyJhIjoxfQ", "123.", "1.call%0A", "99999999999999999999.call_x"];

    [Theory]
    [MemberData(nameof(BadCursors))]
    public async Task ListActionCalls_InvalidCursor_ValidationProblemSaysPassNextCursor(string cursor)
    {
        var tenant = Scenarios.NewTenant();
        var id = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, "k-cursor");

        using var response = await Server.SendAsync(HttpMethod.Get, $"api/v1/connections/{id}/calls?cursor={cursor}", tenant);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("nextCursor");
        problem.GetProperty("path").GetString().ShouldBe("cursor");
    }

    [Fact]
    public async Task ListActionCalls_NextCursorOfPreviousPage_Accepted()
    {
        var tenant = Scenarios.NewTenant();
        var id = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, "k-cursor-ok");
        for (var i = 0; i < 2; i++)
        {
            using var call = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/echo", tenant, new { });
            call.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var first = await Server.SendAsync(HttpMethod.Get, $"api/v1/connections/{id}/calls?limit=1", tenant);
        var next = (await first.ReadJsonAsync()).GetProperty("nextCursor").GetString().ShouldNotBeNull();
        using var second = await Server.SendAsync(HttpMethod.Get, $"api/v1/connections/{id}/calls?limit=1&cursor={Uri.EscapeDataString(next)}", tenant);

        (await second.ReadJsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    public static TheoryData<byte[], string> BadWorkspaceBodies => new()
    {
        { Encoding.UTF8.GetBytes("{\"name\":\"A\",\"name\":\"B\"}"), "$.name" },
        { Encoding.UTF8.GetBytes("{\"logoUrl\":null,\"x\":{\"a\":1,\"a\":2}}"), "$.x.a" },
        { [.. "{\"name\":\"A"u8, 0xC3, 0x28, .. "\"}"u8], "$.name" },
        { [.. "{\"name\":\""u8, 0xFF, 0xFE, .. "\"}"u8], "$.name" },
        { Encoding.UTF8.GetBytes("{\"name\":\"\\ud800\"}"), "$.name" },
        { Encoding.UTF8.GetBytes("{\"name\":\"x\\udc00y\"}"), "$.name" },
        { Encoding.UTF8.GetBytes("{\"list\":[1,\"\\ud800\"]}"), "$.list[1]" },
    };

    [Theory]
    [MemberData(nameof(BadWorkspaceBodies))]
    public async Task PatchWorkspace_DuplicateKeysOrInvalidText_ValidationProblemWithPathAndUnchanged(byte[] body, string path)
    {
        using var before = await Server.SendAsync(HttpMethod.Get, "api/v1/workspace");
        var name = (await before.ReadJsonAsync()).GetProperty("name").GetString();
        using var request = Server.Request(HttpMethod.Patch, "api/v1/workspace");
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await Server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe(path);
        using var after = await Server.SendAsync(HttpMethod.Get, "api/v1/workspace");
        (await after.ReadJsonAsync()).GetProperty("name").GetString().ShouldBe(name);
    }

    [Fact]
    public async Task ExecuteAction_DuplicateKeys_ValidationProblemAndNoCallRecorded()
    {
        var tenant = Scenarios.NewTenant();
        var id = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, "k-dup");
        using var request = Server.Request(HttpMethod.Post, $"api/v1/connections/{id}/actions/echo", tenant);
        request.Content = new StringContent("{\"q\":\"a\",\"q\":\"b\"}", Encoding.UTF8, "application/json");

        using var response = await Server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe("$.q");
        (await Scenarios.CallCountAsync(Server, tenant, id)).ShouldBe(0);
        fixture.Stub.Requests.ShouldNotContain(r => r.QueryApiKey == "k-dup");
    }

    [Fact]
    public async Task CreateConnection_DuplicateCredentialKeys_ValidationProblemAndNothingCreated()
    {
        var tenant = Scenarios.NewTenant();
        using var request = Server.Request(HttpMethod.Post, "api/v1/connections", tenant);
        request.Content = new StringContent(
            "{\"connector\":\"" + StubConnectors.Query + "\",\"credentials\":{\"api_key\":\"k-a\",\"api_key\":\"k-b\"}}", Encoding.UTF8, "application/json");

        using var response = await Server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe("$.credentials.api_key");
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldBeEmpty();
    }

    [Fact]
    public async Task PatchWorkspace_BodyOverOneMegabyte_PayloadTooLargeProblemNamingLimit()
    {
        using var request = Server.Request(HttpMethod.Patch, "api/v1/workspace");
        request.Content = new StringContent("{\"name\":\"" + new string('n', 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");

        using var response = await Server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "fastn:payload-too-large");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("1048576 bytes");
        problem.GetProperty("limitBytes").GetInt64().ShouldBe(1024 * 1024);
    }

    [Fact]
    public async Task OpenApi_UnknownDocument_NotFoundProblem()
    {
        using var response = await Server.Http.GetAsync("openapi/x.json", TestContext.Current.CancellationToken);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "fastn:not-found");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("/openapi/v1.json");
        using var known = await Server.Http.GetAsync("openapi/v1.json", TestContext.Current.CancellationToken);
        known.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task LongUrl_UriTooLongProblemNamingTheSetting()
    {
        using var response = await Server.SendAsync(HttpMethod.Get, "api/v1/connections?connector=" + new string('a', 9000));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestUriTooLong, "fastn:uri-too-long");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("Fastn:Limits:MaxUrlBytes");
    }

    [Fact]
    public async Task HugeHeaders_HeadersTooLargeProblem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/connections");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Server.AdminKey);
        for (var i = 0; i < 5; i++)
        {
            request.Headers.TryAddWithoutValidation($"x-filler-{i}", new string('b', 8000));
        }

        using var response = await Server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, "fastn:headers-too-large");
    }

    public static TheoryData<string> BadEventCursors => ["%00", new string('a', 5000), "a.b", "../x", "evt%0Ax"];

    [Theory]
    [MemberData(nameof(BadEventCursors))]
    public async Task ListEvents_InvalidAfterCursor_ValidationProblem(string after)
    {
        using var response = await Server.SendAsync(HttpMethod.Get, $"api/v1/events?after={after}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe("after");
    }

    public static TheoryData<string> BadNames => [new string('n', 201), "line\nforged", "tab\tname", "   "];

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task CreateTenant_BadName_ValidationProblemAndNothingStored(string name)
    {
        var tenant = Scenarios.NewTenant();

        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/tenants", json: new { id = tenant, name });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe("$.name");
        using var get = await Server.SendAsync(HttpMethod.Get, $"api/v1/tenants/{tenant}");
        get.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task CreateConnection_BadDisplayName_ValidationProblemAndNothingCreated(string name)
    {
        var tenant = Scenarios.NewTenant();

        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/connections", tenant,
            new { connector = StubConnectors.Query, credentials = new Dictionary<string, string> { ["api_key"] = "k-name" }, displayName = name });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe("$.displayName");
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldBeEmpty();
    }
}
