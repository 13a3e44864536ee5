using System.Net;
using Fastn.Server.Tests.Infrastructure;
using Fastn.Storage.ApiKeys;
using Fastn.Storage.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Server.Tests.PlatformCore;

/// <summary>API keys, tenants and workspaces: who may see and act on a connection.</summary>
[Collection(ServerCollection.Name)]
public sealed class ApiSecurityTests(ServerFixture fixture)
{
    private FastnTestServer Server => fixture.Server;

    [Fact]
    public async Task Api_NoApiKey_UnauthenticatedProblem()
    {
        using var response = await Server.Http.GetAsync("api/v1/connections", TestContext.Current.CancellationToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "fastn:unauthenticated");
    }

    [Fact]
    public async Task Api_UnknownApiKey_UnauthenticatedProblem()
    {
        using var response = await Server.SendAsync(HttpMethod.Get, "api/v1/connections", apiKey: "fk_" + new string('x', 30));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "fastn:unauthenticated");
    }

    [Fact]
    public async Task Api_RevokedApiKey_UnauthenticatedProblem()
    {
        using var created = await Server.SendAsync(HttpMethod.Post, "api/v1/api-keys", json: new { name = "short-lived" });
        var body = await created.ReadJsonAsync(HttpStatusCode.Created);
        var key = body.GetProperty("key").GetString().ShouldNotBeNull();
        var keyId = body.GetProperty("id").GetString();
        using (var works = await Server.SendAsync(HttpMethod.Get, "api/v1/connections", apiKey: key))
        {
            works.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var revoke = await Server.SendAsync(HttpMethod.Delete, $"api/v1/api-keys/{keyId}"))
        {
            revoke.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using var refused = await Server.SendAsync(HttpMethod.Get, "api/v1/connections", apiKey: key);
        await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "fastn:unauthenticated");
    }

    [Fact]
    public async Task Connection_OtherTenantsId_NotFoundEverywhereAndUntouched()
    {
        var owner = Scenarios.NewTenant();
        var other = Scenarios.NewTenant();
        var id = await Scenarios.ConnectStubAsync(Server, owner, StubConnectors.Query, "k-tenant-a");

        foreach (var (method, path, json) in OwnedEndpoints(id))
        {
            using var response = await Server.SendAsync(method, path, other, json);
            await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "fastn:not-found");
        }

        (await Scenarios.ConnectionIdsAsync(Server, other)).ShouldBeEmpty();
        (await Scenarios.GetConnectionAsync(Server, owner, id)).GetProperty("status").GetString().ShouldBe("Active");
        (await Scenarios.CallCountAsync(Server, owner, id)).ShouldBe(0);
        fixture.Stub.Requests.ShouldNotContain(r => r.QueryApiKey == "k-tenant-a");
    }

    [Fact]
    public async Task Connection_OtherWorkspacesKey_NotFoundEvenForTheSameTenantId()
    {
        var tenant = Scenarios.NewTenant();
        var id = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, "k-workspace-a");
        var otherKey = await Server.InScopeAsync(async sp =>
        {
            var ct = TestContext.Current.CancellationToken;
            var workspace = await sp.GetRequiredService<WorkspaceStore>().CreateWorkspaceAsync("Other workspace", cancellationToken: ct);
            return (await sp.GetRequiredService<ApiKeyStore>().CreateAsync(workspace.Id, "other admin", ApiKeyRole.Admin, cancellationToken: ct)).PlaintextKey;
        });

        foreach (var (method, path, json) in OwnedEndpoints(id))
        {
            using var response = await Server.SendAsync(method, path, tenant, json, apiKey: otherKey);
            await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "fastn:not-found");
        }

        using (var list = await Server.SendAsync(HttpMethod.Get, "api/v1/connections", apiKey: otherKey))
        {
            (await list.ReadJsonAsync()).GetArrayLength().ShouldBe(0);
        }

        (await Scenarios.GetConnectionAsync(Server, tenant, id)).GetProperty("status").GetString().ShouldBe("Active");
        fixture.Stub.Requests.ShouldNotContain(r => r.QueryApiKey == "k-workspace-a");
    }

    [Fact]
    public async Task TenantScopedKey_OtherTenantHeader_ForbiddenButOwnTenantWorks()
    {
        var mine = Scenarios.NewTenant();
        var theirs = Scenarios.NewTenant();
        var theirConnection = await Scenarios.ConnectStubAsync(Server, theirs, StubConnectors.Query, "k-theirs");
        using var created = await Server.SendAsync(HttpMethod.Post, "api/v1/api-keys", json: new { name = "tenant key", tenantId = mine });
        var key = (await created.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("key").GetString().ShouldNotBeNull();

        using (var forbidden = await Server.SendAsync(HttpMethod.Get, $"api/v1/connections/{theirConnection}", theirs, apiKey: key))
        {
            await forbidden.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "fastn:forbidden");
        }

        using (var forbiddenAction = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{theirConnection}/actions/echo", theirs, new { }, apiKey: key))
        {
            await forbiddenAction.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "fastn:forbidden");
        }

        // Without a header the key acts for its own tenant, which cannot see the other's connection either.
        using (var notFound = await Server.SendAsync(HttpMethod.Get, $"api/v1/connections/{theirConnection}", apiKey: key))
        {
            await notFound.ShouldBeProblemAsync(HttpStatusCode.NotFound, "fastn:not-found");
        }

        using (var admin = await Server.SendAsync(HttpMethod.Post, "api/v1/api-keys", json: new { name = "escalate" }, apiKey: key))
        {
            await admin.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "fastn:forbidden");
        }

        using var create = await Server.SendAsync(HttpMethod.Post, "api/v1/connections", json: new { connector = StubConnectors.Query, credentials = new { api_key = "k-mine" } }, apiKey: key);
        (await create.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("tenantId").GetString().ShouldBe(mine);
        fixture.Stub.Requests.ShouldNotContain(r => r.QueryApiKey == "k-theirs");
    }

    private static IEnumerable<(HttpMethod Method, string Path, object? Json)> OwnedEndpoints(string id) =>
    [
        (HttpMethod.Get, $"api/v1/connections/{id}", null),
        (HttpMethod.Post, $"api/v1/connections/{id}/actions/echo", new { }),
        (HttpMethod.Get, $"api/v1/connections/{id}/calls", null),
        (HttpMethod.Post, $"api/v1/connections/{id}/test", new { }),
        (HttpMethod.Post, $"api/v1/connections/{id}/reconnect", new { credentials = new { api_key = "stolen" } }),
        (HttpMethod.Delete, $"api/v1/connections/{id}", null),
    ];
}
