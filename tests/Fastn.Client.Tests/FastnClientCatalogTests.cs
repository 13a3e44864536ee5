using Fastn.Client.Errors;
using Fastn.Client.Tests.Infrastructure;

namespace Fastn.Client.Tests;

/// <summary>Connectors and tenants through the client against a real server.</summary>
[Collection(ClientServerCollection.Name)]
public sealed class FastnClientCatalogTests(ClientServerFixture fixture)
{
    private FastnServerHost Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListConnectorsAsync_NoFilter_IncludesAcmeAndTheTestConnector()
    {
        using var client = Server.Client();

        var connectors = await client.ListConnectorsAsync(cancellationToken: Ct);

        var acme = connectors.Where(c => c.Name == "acme-crm").ShouldHaveSingleItem();
        acme.DisplayName.ShouldBe("Acme CRM");
        acme.AuthKinds.ShouldContain("OAuth2");
        acme.Actions.ShouldBeGreaterThan(0);
        connectors.Select(c => c.Name).ShouldContain(TestConnectors.Echo);
    }

    [Fact]
    public async Task ListConnectorsAsync_SearchAndCategory_FiltersOnTheServer()
    {
        using var client = Server.Client();

        var byCategory = await client.ListConnectorsAsync(category: "testing", cancellationToken: Ct);
        var bySearch = await client.ListConnectorsAsync(search: "Client Echo", cancellationToken: Ct);
        var byAuth = await client.ListConnectorsAsync(authKind: "OAuth2", cancellationToken: Ct);

        byCategory.ShouldHaveSingleItem().Name.ShouldBe(TestConnectors.Echo);
        bySearch.Select(c => c.Name).ShouldContain(TestConnectors.Echo);
        byAuth.Select(c => c.Name).ShouldContain("acme-crm");
        byAuth.Select(c => c.Name).ShouldNotContain(TestConnectors.Echo);
    }

    [Fact]
    public async Task ListConnectorsAsync_UnknownAuthKind_ValidationExceptionWithParameterPath()
    {
        using var client = Server.Client();

        var ex = await Should.ThrowAsync<FastnValidationException>(() => client.ListConnectorsAsync(authKind: "carrier-pigeon", cancellationToken: Ct));

        ex.Path.ShouldBe("authKind");
        ex.Status.ShouldBe(400);
        ex.Detail.ShouldContain("carrier-pigeon");
    }

    [Fact]
    public async Task GetConnectorAsync_Acme_AuthActionsTriggersEntitiesAndCoverage()
    {
        using var client = Server.Client();

        var acme = await client.GetConnectorAsync("acme-crm", Ct);

        var oauth = acme.Auth.ShouldHaveSingleItem();
        oauth.Kind.ShouldBe("OAuth2");
        oauth.IsDefault.ShouldBeTrue();
        oauth.IsBrowserFlow.ShouldBeTrue();
        oauth.OAuth2.ShouldNotBeNull().Scopes.ShouldNotBeNull().ShouldContain("contacts.read");
        var list = acme.Actions.Where(a => a.Name == "list_contacts").ShouldHaveSingleItem();
        list.InputSchema.ShouldNotBeNull()["type"]!.GetValue<string>().ShouldBe("object");
        list.Hints.ShouldNotBeNull().ReadOnly.ShouldBeTrue();
        acme.Triggers.Select(t => t.Kind).ShouldBe(["Poll", "Webhook"], ignoreOrder: true);
        var contact = acme.Entities.ShouldHaveSingleItem();
        contact.CdmEntity.ShouldBe("CDMContact");
        contact.Coverage.ShouldNotBeNull().Ratio.ShouldBeGreaterThan(0);
        contact.Coverage.Mapped.ShouldContain("email");
    }

    [Fact]
    public async Task GetConnectorAsync_ApiKeyConnector_DescribesTheKeyField()
    {
        using var client = Server.Client();

        var echo = await client.GetConnectorAsync(TestConnectors.Echo, Ct);

        var method = echo.Auth.ShouldHaveSingleItem();
        method.Kind.ShouldBe("ApiKey");
        method.IsBrowserFlow.ShouldBeFalse();
        method.ApiKey.ShouldNotBeNull().Name.ShouldBe("X-Api-Key");
        method.Fields.ShouldContain(f => f.Secret && f.Required);
    }

    [Fact]
    public async Task GetConnectorAsync_Unknown_NotFoundException()
    {
        using var client = Server.Client();

        var ex = await Should.ThrowAsync<FastnNotFoundException>(() => client.GetConnectorAsync("no-such-app", Ct));

        ex.Type.ShouldBe("fastn:not-found");
        ex.Status.ShouldBe(404);
        ex.Detail.ShouldContain("no-such-app");
        ex.Title.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task TenantsApi_CreateGetList_RoundTrips()
    {
        using var client = Server.Client();
        var id = ClientServerFixture.NewTenant();

        var created = await client.CreateTenantAsync(id, "Customer Forty-Two", Ct);
        var fetched = await client.GetTenantAsync(id, Ct);
        var all = await client.ListTenantsAsync(Ct);

        created.Id.ShouldBe(id);
        created.Name.ShouldBe("Customer Forty-Two");
        fetched.ShouldBe(created);
        all.ShouldContain(t => t.Id == id);
    }

    [Fact]
    public async Task CreateTenantAsync_Duplicate_ConflictApiException()
    {
        using var client = Server.Client();
        var id = ClientServerFixture.NewTenant();
        await client.CreateTenantAsync(id, cancellationToken: Ct);

        var ex = await Should.ThrowAsync<FastnApiException>(() => client.CreateTenantAsync(id, cancellationToken: Ct));

        ex.Type.ShouldBe("fastn:conflict");
        ex.Status.ShouldBe(409);
    }

    [Fact]
    public async Task CreateTenantAsync_InvalidId_ValidationExceptionAtId()
    {
        using var client = Server.Client();

        var ex = await Should.ThrowAsync<FastnValidationException>(() => client.CreateTenantAsync("not a valid id!", cancellationToken: Ct));

        ex.Path.ShouldBe("$.id");
    }

    [Fact]
    public async Task GetTenantAsync_Unknown_NotFoundException()
    {
        using var client = Server.Client();

        await Should.ThrowAsync<FastnNotFoundException>(() => client.GetTenantAsync(ClientServerFixture.NewTenant(), Ct));
    }
}
