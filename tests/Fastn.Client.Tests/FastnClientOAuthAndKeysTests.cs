using Fastn.Client.Errors;
using Fastn.Client.Models;
using Fastn.Client.Tests.Infrastructure;

namespace Fastn.Client.Tests;

/// <summary>OAuth start, OAuth apps and API keys through the client.</summary>
[Collection(ClientServerCollection.Name)]
public sealed class FastnClientOAuthAndKeysTests(ClientServerFixture fixture)
{
    private FastnServerHost Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartConnectAsync_AcmeThenUserAllows_ConnectionAppearsForTheTenant()
    {
        var tenant = ClientServerFixture.NewTenant();
        using var client = Server.Client(tenant);

        var start = await client.StartConnectAsync("acme-crm", cancellationToken: Ct);
        var callback = await AcmeBrowser.AuthorizeAsync(Server.Http, start.AuthorizationUrl);
        var page = await AcmeBrowser.OpenCallbackAsync(Server.Http, callback);

        start.AuthorizationUrl.ShouldStartWith(Server.BaseUrl + "/sandbox/acme/oauth/authorize");
        start.ExpiresAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        var connection = (await client.ListConnectionsAsync("acme-crm", Ct)).ShouldHaveSingleItem();
        connection.Id.ShouldBe(page.ConnectionId);
        connection.Status.ShouldBe("Active");
        var test = await client.TestConnectionAsync(connection.Id, Ct);
        test.Action.ShouldBe("get_current_user");
        test.CallId.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task StartConnectAsync_ForeignReturnUrl_ValidationExceptionAtReturnUrl()
    {
        using var client = Server.Client(ClientServerFixture.NewTenant());

        var ex = await Should.ThrowAsync<FastnValidationException>(() =>
            client.StartConnectAsync("acme-crm", new StartConnectRequest(ReturnUrl: "https://evil.example/steal"), Ct));

        ex.Path.ShouldBe("$.returnUrl");
    }

    [Fact]
    public async Task OAuthApps_PutListDelete_SecretNeverReturned()
    {
        using var client = Server.Client();

        var put = await client.PutOAuthAppAsync(TestConnectors.Echo, "client-123", "s3cret-value", "read write", Ct);
        var listed = await client.ListOAuthAppsAsync(Ct);
        await client.DeleteOAuthAppAsync(TestConnectors.Echo, Ct);
        var after = await client.ListOAuthAppsAsync(Ct);

        put.ClientId.ShouldBe("client-123");
        put.RedirectUri.ShouldBe(Server.BaseUrl + "/oauth/callback");
        var app = listed.Where(a => a.Connector == TestConnectors.Echo).ShouldHaveSingleItem();
        app.Scopes.ShouldBe("read write");
        app.UpdatedAt.ShouldNotBeNull();
        after.ShouldNotContain(a => a.Connector == TestConnectors.Echo);
        await Should.ThrowAsync<FastnNotFoundException>(() => client.DeleteOAuthAppAsync(TestConnectors.Echo, Ct));
    }

    [Fact]
    public async Task PutOAuthAppAsync_MissingSecret_ValidationExceptionAtClientSecret()
    {
        using var client = Server.Client();

        var ex = await Should.ThrowAsync<FastnValidationException>(() => client.PutOAuthAppAsync("acme-crm", "id", "", cancellationToken: Ct));

        ex.Path.ShouldBe("$.clientSecret");
    }

    [Fact]
    public async Task ApiKeys_CreateUseListRevoke_KeyStopsWorking()
    {
        using var admin = Server.Client();
        var tenant = ClientServerFixture.NewTenant();

        var created = await admin.CreateApiKeyAsync("backend of customer", tenant, Ct);
        using var scoped = Server.Client(apiKey: created.Key);
        var seen = await scoped.GetTenantAsync(tenant, Ct).ContinueWith(t => t.Exception?.InnerException, Ct);
        var connections = await scoped.ListConnectionsAsync(cancellationToken: Ct);
        var keys = await admin.ListApiKeysAsync(Ct);
        await admin.RevokeApiKeyAsync(created.Id, Ct);

        created.Key.ShouldStartWith("fk_");
        created.TenantId.ShouldBe(tenant);
        seen.ShouldBeOfType<FastnNotFoundException>("the tenant was never created, but the key may ask for it");
        connections.ShouldBeEmpty();
        var listed = keys.Where(k => k.Id == created.Id).ShouldHaveSingleItem();
        listed.Prefix.ShouldNotBeNullOrWhiteSpace();
        created.Key.ShouldContain(listed.Prefix);
        listed.RevokedAt.ShouldBeNull();
        var ex = await Should.ThrowAsync<FastnAuthenticationException>(() => scoped.ListConnectionsAsync(cancellationToken: Ct));
        ex.Status.ShouldBe(401);
        (await admin.ListApiKeysAsync(Ct)).Where(k => k.Id == created.Id).ShouldHaveSingleItem().RevokedAt.ShouldNotBeNull();
        created.Role.ShouldBe(ApiKeyRole.Member);
        listed.Role.ShouldBe(ApiKeyRole.Member);
    }

    [Fact]
    public async Task ApiKeys_AdminRole_ManagesKeysWhileAMemberKeyIsForbidden()
    {
        using var admin = Server.Client();

        var second = await admin.CreateApiKeyAsync("second admin", ApiKeyRole.Admin, cancellationToken: Ct);
        var member = await admin.CreateApiKeyAsync("member", ApiKeyRole.Member, cancellationToken: Ct);
        using var asSecond = Server.Client(apiKey: second.Key);
        using var asMember = Server.Client(apiKey: member.Key);
        var listed = await asSecond.ListApiKeysAsync(Ct);
        var refused = await Should.ThrowAsync<FastnApiException>(() => asMember.ListApiKeysAsync(Ct));
        var tenantAdmin = await Should.ThrowAsync<FastnValidationException>(() => admin.CreateApiKeyAsync("x", ApiKeyRole.Admin, "customer-1", Ct));

        second.Role.ShouldBe(ApiKeyRole.Admin);
        listed.Where(k => k.Id == second.Id).ShouldHaveSingleItem().Role.ShouldBe(ApiKeyRole.Admin);
        listed.Where(k => k.Id == member.Id).ShouldHaveSingleItem().Role.ShouldBe(ApiKeyRole.Member);
        refused.Status.ShouldBe(403);
        tenantAdmin.Path.ShouldBe("$.role");
        await admin.RevokeApiKeyAsync(second.Id, Ct);
        await admin.RevokeApiKeyAsync(member.Id, Ct);
    }

    [Fact]
    public async Task CreateApiKeyAsync_TenantScopedKey_CannotAdministerTheWorkspace()
    {
        using var admin = Server.Client();
        var created = await admin.CreateApiKeyAsync("scoped", ClientServerFixture.NewTenant(), Ct);
        using var scoped = Server.Client(apiKey: created.Key);

        var ex = await Should.ThrowAsync<FastnApiException>(() => scoped.ListApiKeysAsync(Ct));

        ex.Type.ShouldBe("fastn:forbidden");
        ex.Status.ShouldBe(403);
    }

    [Fact]
    public async Task RevokeApiKeyAsync_Unknown_NotFoundException()
    {
        using var admin = Server.Client();

        await Should.ThrowAsync<FastnNotFoundException>(() => admin.RevokeApiKeyAsync("key_does_not_exist", Ct));
    }
}
