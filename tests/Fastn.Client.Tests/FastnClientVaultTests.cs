using Fastn.Client.Errors;
using Fastn.Client.Tests.Infrastructure;

namespace Fastn.Client.Tests;

/// <summary>Vault key listing and rotation through the client.</summary>
[Collection(ClientServerCollection.Name)]
public sealed class FastnClientVaultTests(ClientServerFixture fixture)
{
    private FastnServerHost Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RotateVaultKeyAsync_AdminKey_NewKeyIsListed()
    {
        using var client = Server.Client();
        var before = await client.ListVaultKeysAsync(Ct);

        var rotated = await client.RotateVaultKeyAsync(Ct);

        var after = await client.ListVaultKeysAsync(Ct);
        after.Count.ShouldBe(before.Count + 1);
        after.Select(k => k.Id).ShouldContain(rotated.Id);
        rotated.ExpiresAt.ShouldBeGreaterThan(rotated.ActivatesAt);
    }

    [Fact]
    public async Task ListVaultKeysAsync_WorkspaceKeyWithoutAdminScope_Forbidden()
    {
        using var admin = Server.Client();
        var created = await admin.CreateApiKeyAsync("ops", cancellationToken: Ct);
        using var ops = Server.Client(apiKey: created.Key);

        var ex = await Should.ThrowAsync<FastnApiException>(() => ops.ListVaultKeysAsync(Ct));

        ex.Status.ShouldBe(403);
        ex.Type.ShouldBe("fastn:forbidden");
    }
}
