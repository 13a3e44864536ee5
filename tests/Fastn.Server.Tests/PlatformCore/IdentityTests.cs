using System.Net;
using Fastn.Server.Tests.Infrastructure;
using Fastn.Storage;
using Fastn.Storage.ApiKeys;
using Fastn.Storage.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Server.Tests.PlatformCore;

/// <summary>Issue 9 §1: roles, the last admin key, the one tenant-id rule, keys stored before it.</summary>
[Collection(ServerCollection.Name)]
public sealed class IdentityTests(ServerFixture fixture)
{
    private FastnTestServer Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MemberKey_AdminOnlyEndpoints_ForbiddenProblemNamingTheAdminRole()
    {
        var member = await CreateKeyAsync(new { name = "member" });
        var adminKeyId = await AdminKeyIdAsync();

        foreach (var (method, path, json) in AdminEndpoints(adminKeyId))
        {
            using var response = await Server.SendAsync(method, path, json: json, apiKey: member);
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "fastn:forbidden");
            problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("admin API key");
        }

        // The plain workspace key revoked the only admin key before: it must still work.
        using var stillAdmin = await Server.SendAsync(HttpMethod.Get, "api/v1/api-keys");
        stillAdmin.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var memberWorks = await Server.SendAsync(HttpMethod.Get, "api/v1/connections", apiKey: member);
        memberWorks.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CreateApiKey_AdminRole_CanManageKeysAndIsListedWithItsRole()
    {
        using var created = await Server.SendAsync(HttpMethod.Post, "api/v1/api-keys", json: new { name = "second admin", role = "admin" });
        var body = await created.ReadJsonAsync(HttpStatusCode.Created);
        body.GetProperty("role").GetString().ShouldBe("admin");
        var key = body.GetProperty("key").GetString().ShouldNotBeNull();

        using var list = await Server.SendAsync(HttpMethod.Get, "api/v1/api-keys", apiKey: key);
        var keys = await list.ReadJsonAsync();
        keys.EnumerateArray().Single(k => k.GetProperty("id").GetString() == body.GetProperty("id").GetString())
            .GetProperty("role").GetString().ShouldBe("admin");
    }

    [Fact]
    public async Task RevokeApiKey_LastActiveAdminKey_ConflictAndTheKeyKeepsWorking()
    {
        var (workspaceId, firstAdmin, firstId) = await NewWorkspaceWithAdminAsync();

        using (var refused = await Server.SendAsync(HttpMethod.Delete, $"api/v1/api-keys/{firstId}", apiKey: firstAdmin))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "fastn:last-admin-key");
        }

        using var created = await Server.SendAsync(HttpMethod.Post, "api/v1/api-keys", json: new { name = "next admin", role = "admin" }, apiKey: firstAdmin);
        var second = await created.ReadJsonAsync(HttpStatusCode.Created);
        var secondKey = second.GetProperty("key").GetString().ShouldNotBeNull();
        using (var revoked = await Server.SendAsync(HttpMethod.Delete, $"api/v1/api-keys/{firstId}", apiKey: secondKey))
        {
            revoked.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using (var last = await Server.SendAsync(HttpMethod.Delete, $"api/v1/api-keys/{second.GetProperty("id").GetString()}", apiKey: secondKey))
        {
            await last.ShouldBeProblemAsync(HttpStatusCode.Conflict, "fastn:last-admin-key");
        }

        using var works = await Server.SendAsync(HttpMethod.Get, "api/v1/api-keys", apiKey: secondKey);
        works.StatusCode.ShouldBe(HttpStatusCode.OK);
        workspaceId.ShouldNotBeNullOrEmpty();
    }

    public static TheoryData<string> InvalidTenantIds() =>
        ["", "../x", ".x", "a..b", new string('t', 5000), "a\0b", "a\nINFO forged line", "a b", "a/b", "ü"];

    [Theory]
    [MemberData(nameof(InvalidTenantIds))]
    public async Task CreateApiKey_InvalidTenantId_ValidationProblemAndNothingStored(string tenantId)
    {
        var before = await KeyCountAsync();

        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/api-keys", json: new { name = "tenant key", tenantId });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe("$.tenantId");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().Length.ShouldBeLessThan(400);
        (await KeyCountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData(".x")]
    [InlineData("a..b")]
    public async Task TenantHeader_InvalidTenantId_ValidationProblem(string tenantId)
    {
        using var response = await Server.SendAsync(HttpMethod.Get, "api/v1/connections", tenantId);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData(".hidden")]
    public async Task CreateTenant_DotRules_ValidationProblem(string id)
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/tenants", json: new { id });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
    }

    [Theory]
    [InlineData(201)]
    [InlineData(-1)]
    public async Task CreateApiKey_BadName_ValidationProblem(int length)
    {
        var name = length < 0 ? "line\nbreak" : new string('n', length);

        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/api-keys", json: new { name });

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation")).GetProperty("path").GetString().ShouldBe("$.name");
    }

    [Fact]
    public async Task CreateApiKey_AdminRoleWithTenant_ValidationProblem()
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/api-keys", json: new { name = "x", tenantId = Scenarios.NewTenant(), role = "admin" });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
    }

    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("a\nb")]
    public async Task StoredKeyWithInvalidTenant_EventsAndConnections_UnauthenticatedNotWidened(string storedTenant)
    {
        var other = Scenarios.NewTenant();
        await Scenarios.ConnectStubAsync(Server, other, StubConnectors.Query, "k-other-tenant");
        var requestsBefore = fixture.Stub.Requests.Count;
        var key = await InsertKeyAsync(storedTenant);

        using (var events = await Server.SendAsync(HttpMethod.Get, "api/v1/events", apiKey: key))
        {
            await events.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "fastn:unauthenticated");
        }

        using (var create = await Server.SendAsync(HttpMethod.Post, "api/v1/connections",
            json: new { connector = StubConnectors.Query, credentials = new { api_key = "k-widened" } }, apiKey: key))
        {
            await create.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "fastn:unauthenticated");
        }

        // Refused before anything reached the app.
        fixture.Stub.Requests.Skip(requestsBefore).ShouldNotContain(r => r.QueryApiKey == "k-widened");
    }

    [Fact]
    public async Task NoKey_Unauthenticated_SaysHowToAuthenticate()
    {
        using var response = await Server.Http.GetAsync("api/v1/api-keys", Ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "fastn:unauthenticated");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("Authorization: Bearer");
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }

    private static IEnumerable<(HttpMethod Method, string Path, object? Json)> AdminEndpoints(string adminKeyId) =>
    [
        (HttpMethod.Get, "api/v1/api-keys", null),
        (HttpMethod.Post, "api/v1/api-keys", new { name = "escalate", role = "admin" }),
        (HttpMethod.Delete, $"api/v1/api-keys/{adminKeyId}", null),
        (HttpMethod.Get, "api/v1/vault/keys", null),
        (HttpMethod.Post, "api/v1/vault/rotate", new { }),
        (HttpMethod.Get, "api/v1/oauth-apps", null),
        (HttpMethod.Put, $"api/v1/oauth-apps/{StubConnectors.Query}", new { clientId = "c", clientSecret = "s" }),
        (HttpMethod.Patch, "api/v1/workspace", new { name = "taken over" }),
        (HttpMethod.Put, "api/v1/workspace/redirect-urls", new { urls = new[] { "https://evil.example/back" } }),
    ];

    private async Task<string> CreateKeyAsync(object body)
    {
        using var created = await Server.SendAsync(HttpMethod.Post, "api/v1/api-keys", json: body);
        return (await created.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("key").GetString().ShouldNotBeNull();
    }

    private async Task<string> AdminKeyIdAsync()
    {
        using var list = await Server.SendAsync(HttpMethod.Get, "api/v1/api-keys");
        return (await list.ReadJsonAsync()).EnumerateArray()
            .First(k => k.GetProperty("role").GetString() == "admin" && k.GetProperty("revokedAt").ValueKind == System.Text.Json.JsonValueKind.Null)
            .GetProperty("id").GetString().ShouldNotBeNull();
    }

    private Task<int> KeyCountAsync() => Server.InScopeAsync(async sp =>
        (await sp.GetRequiredService<ApiKeyStore>().ListAsync("default", Ct)).Count);

    private Task<(string WorkspaceId, string Key, string KeyId)> NewWorkspaceWithAdminAsync() => Server.InScopeAsync(async sp =>
    {
        var workspace = await sp.GetRequiredService<WorkspaceStore>().CreateWorkspaceAsync("Identity test", cancellationToken: Ct);
        var created = await sp.GetRequiredService<ApiKeyStore>().CreateAsync(workspace.Id, "admin", ApiKeyRole.Admin, cancellationToken: Ct);
        return (workspace.Id, created.PlaintextKey, created.Key.Id);
    });

    // A key written before the tenant-id rule existed (the store refuses such tenants now, so write the row directly).
    private Task<string> InsertKeyAsync(string tenantId) => Server.InScopeAsync(async sp =>
    {
        var plaintext = "fk_" + Guid.NewGuid().ToString("N");
        var db = sp.GetRequiredService<FastnDbContext>();
        db.ApiKeys.Add(new ApiKey
        {
            Id = "key_" + Guid.NewGuid().ToString("N"),
            WorkspaceId = "default",
            TenantId = tenantId,
            Name = "legacy tenant key",
            Prefix = plaintext[3..11],
            Hash = ApiKeyStore.Hash(plaintext),
            Scopes = "tenant",
            Role = ApiKeyRole.Member,
            CreatedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow(),
        });
        await db.SaveChangesAsync(Ct);
        return plaintext;
    });
}
