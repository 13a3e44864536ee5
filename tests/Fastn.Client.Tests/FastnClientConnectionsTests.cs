using Fastn.Client.Errors;
using Fastn.Client.Models;
using Fastn.Client.Tests.Infrastructure;

namespace Fastn.Client.Tests;

/// <summary>Credential connections, their test call, reconnect, delete and call log through the client.</summary>
[Collection(ClientServerCollection.Name)]
public sealed class FastnClientConnectionsTests(ClientServerFixture fixture)
{
    private FastnServerHost Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Key(string value) => new() { ["api_key"] = value };

    private static async Task<Connection> ConnectEchoAsync(FastnClient client, string key = "k-1") =>
        await client.CreateConnectionAsync(new CreateConnectionRequest(TestConnectors.Echo, Key(key), DisplayName: "Echo account"), Ct);

    [Fact]
    public async Task CreateConnectionAsync_WithCredentials_ActiveConnectionForTheTenant()
    {
        var tenant = ClientServerFixture.NewTenant();
        using var client = Server.Client(tenant);

        var connection = await ConnectEchoAsync(client);

        connection.Id.ShouldNotBeNullOrWhiteSpace();
        connection.TenantId.ShouldBe(tenant);
        connection.Connector.ShouldBe(TestConnectors.Echo);
        connection.Status.ShouldBe("Active");
        connection.DisplayName.ShouldBe("Echo account");
    }

    [Fact]
    public async Task CreateConnectionAsync_MissingRequiredCredential_ValidationExceptionWithPath()
    {
        using var client = Server.Client(ClientServerFixture.NewTenant());

        var ex = await Should.ThrowAsync<FastnValidationException>(() =>
            client.CreateConnectionAsync(new CreateConnectionRequest(TestConnectors.Echo, new Dictionary<string, string>()), Ct));

        ex.Path.ShouldNotBeNull().ShouldStartWith("$.credentials");
    }

    [Fact]
    public async Task CreateConnectionAsync_NoTenant_ValidationExceptionNamingTheHeader()
    {
        using var client = Server.Client();

        var ex = await Should.ThrowAsync<FastnValidationException>(() => ConnectEchoAsync(client));

        ex.Path.ShouldBe(FastnClient.TenantHeader);
    }

    [Fact]
    public async Task ListConnectionsAsync_TwoTenants_EachSeesOnlyItsOwn()
    {
        using var root = Server.Client();
        var a = root.WithTenant(ClientServerFixture.NewTenant());
        var b = root.WithTenant(ClientServerFixture.NewTenant());
        var mine = await ConnectEchoAsync(a);
        var theirs = await ConnectEchoAsync(b);

        var listA = await a.ListConnectionsAsync(cancellationToken: Ct);
        var filtered = await a.ListConnectionsAsync("acme-crm", Ct);

        listA.ShouldHaveSingleItem().Id.ShouldBe(mine.Id);
        filtered.ShouldBeEmpty();
        a.TenantId.ShouldNotBe(b.TenantId);
        await Should.ThrowAsync<FastnNotFoundException>(() => a.GetConnectionAsync(theirs.Id, Ct));
    }

    [Fact]
    public async Task GetConnectionAsync_Existing_SameView()
    {
        using var client = Server.Client(ClientServerFixture.NewTenant());
        var created = await ConnectEchoAsync(client);

        var fetched = await client.GetConnectionAsync(created.Id, Ct);

        fetched.Id.ShouldBe(created.Id);
        fetched.Status.ShouldBe("Active");
        fetched.AuthMethod.ShouldBe(created.AuthMethod);
    }

    [Fact]
    public async Task TestConnectionAsync_ConnectorWithoutTestAction_OkWithExplanation()
    {
        using var client = Server.Client(ClientServerFixture.NewTenant());
        var created = await ConnectEchoAsync(client);

        var result = await client.TestConnectionAsync(created.Id, Ct);

        result.Ok.ShouldBeTrue();
        result.Detail.ShouldNotBeNull().ShouldContain("no test action");
        result.Action.ShouldBeNull();
    }

    [Fact]
    public async Task ReconnectAsync_NewCredentials_SameIdStillActive()
    {
        using var client = Server.Client(ClientServerFixture.NewTenant());
        var created = await ConnectEchoAsync(client, "old-key");

        var reconnected = await client.ReconnectAsync(created.Id, Key("new-key"), Ct);

        reconnected.Id.ShouldBe(created.Id);
        reconnected.Status.ShouldBe("Active");
        reconnected.UpdatedAt.ShouldBeGreaterThanOrEqualTo(created.UpdatedAt);
    }

    [Fact]
    public async Task DeleteConnectionAsync_Existing_GoneAfterwards()
    {
        using var client = Server.Client(ClientServerFixture.NewTenant());
        var created = await ConnectEchoAsync(client);

        await client.DeleteConnectionAsync(created.Id, Ct);

        await Should.ThrowAsync<FastnNotFoundException>(() => client.GetConnectionAsync(created.Id, Ct));
        (await client.ListConnectionsAsync(cancellationToken: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListCallsAsync_ThreeCallsPageSizeTwo_TwoPagesNewestFirst()
    {
        using var client = Server.Client(ClientServerFixture.NewTenant());
        var created = await ConnectEchoAsync(client);
        for (var i = 1; i <= 3; i++)
        {
            await client.ExecuteAsync(created.Id, "echo", new System.Text.Json.Nodes.JsonObject { ["n"] = i }, cancellationToken: Ct);
        }

        var first = await client.ListCallsAsync(created.Id, limit: 2, cancellationToken: Ct);
        var second = await client.ListCallsAsync(created.Id, limit: 2, cursor: first.NextCursor, cancellationToken: Ct);
        var all = await client.ListAllCallsAsync(created.Id, pageSize: 1, Ct).ToListAsync(Ct);

        first.Items.Count.ShouldBe(2);
        first.NextCursor.ShouldNotBeNull();
        second.Items.ShouldHaveSingleItem().Input!["n"]!.GetValue<int>().ShouldBe(1);
        second.NextCursor.ShouldBeNull();
        first.Items.Select(c => c.Input!["n"]!.GetValue<int>()).ShouldBe([3, 2]);
        all.Select(c => c.Input!["n"]!.GetValue<int>()).ShouldBe([3, 2, 1]);
        all.ShouldAllBe(c => c.Status == "Succeeded" && c.Action == "echo");
    }

    [Fact]
    public async Task ListCallsAsync_LimitOutOfRange_ValidationExceptionAtLimit()
    {
        using var client = Server.Client(ClientServerFixture.NewTenant());
        var created = await ConnectEchoAsync(client);

        var ex = await Should.ThrowAsync<FastnValidationException>(() => client.ListCallsAsync(created.Id, limit: 0, cancellationToken: Ct));

        ex.Path.ShouldBe("limit");
    }
}
