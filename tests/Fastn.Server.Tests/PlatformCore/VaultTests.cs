using System.Net;
using Fastn.Server.Tests.Infrastructure;

namespace Fastn.Server.Tests.PlatformCore;

/// <summary>The vault's key ring can be rotated while stored credentials stay usable.</summary>
[Collection(ServerCollection.Name)]
public sealed class VaultTests(ServerFixture fixture)
{
    private FastnTestServer Server => fixture.Server;

    [Fact]
    public async Task Rotate_AdminKey_NewKeyActiveAndOldCredentialsStillWork()
    {
        var tenant = Scenarios.NewTenant();
        var before = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, "k-before-rotation");
        using var keysBefore = await Server.SendAsync(HttpMethod.Get, "api/v1/vault/keys");
        var countBefore = (await keysBefore.ReadJsonAsync()).GetArrayLength();

        using var rotate = await Server.SendAsync(HttpMethod.Post, "api/v1/vault/rotate", json: new { });

        var newKey = (await rotate.ReadJsonAsync()).GetProperty("id").GetString();
        using var keysAfter = await Server.SendAsync(HttpMethod.Get, "api/v1/vault/keys");
        var keys = await keysAfter.ReadJsonAsync();
        keys.GetArrayLength().ShouldBe(countBefore + 1);
        keys.EnumerateArray().Select(k => k.GetProperty("id").GetString()).ShouldContain(newKey);
        // Secrets protected with the old key still decrypt; new ones use the new key.
        var after = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, "k-after-rotation");
        foreach (var id in new[] { before, after })
        {
            using var call = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/echo", tenant, new { });
            call.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Rotate_WorkspaceKeyWithoutAdminScope_Forbidden()
    {
        using var created = await Server.SendAsync(HttpMethod.Post, "api/v1/api-keys", json: new { name = "ops" });
        var key = (await created.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("key").GetString();

        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/vault/rotate", json: new { }, apiKey: key);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "fastn:forbidden");
    }
}
