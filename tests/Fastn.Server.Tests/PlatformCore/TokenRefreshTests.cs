using System.Net;
using Fastn.Samples.Acme;
using Fastn.Samples.Acme.Api;
using Fastn.Server.Tests.Infrastructure;
using Fastn.Storage.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Server.Tests.PlatformCore;

[Collection(ServerCollection.Name)]
public sealed class TokenRefreshTests(ServerFixture fixture)
{
    private FastnTestServer Server => fixture.Server;

    private AcmeState Acme => Server.Get<AcmeState>();

    [Fact]
    public async Task ExecuteAction_HundredConcurrentCallsAfterAcmeRevokedTheToken_OneRefreshAndAllSucceed()
    {
        var tenant = Scenarios.NewTenant();
        var id = await AcmeBrowser.ConnectAsync(Server, tenant);
        var oldToken = (await Scenarios.StoredSecretsAsync(Server, id))["access_token"];
        await Scenarios.RevokeAtAcmeAsync(Server, oldToken);
        (await Scenarios.AcmeAnswersAsync(Server, oldToken)).ShouldBe(HttpStatusCode.Unauthorized);
        var refreshesBefore = Acme.RefreshRequestCount;

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            using var response = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/list_contacts", tenant, new { limit = 2 });
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }));

        responses.Where(r => r.StatusCode != HttpStatusCode.OK).ShouldBeEmpty();
        responses.ShouldAllBe(r => r.Body.Contains("given_name"));
        (Acme.RefreshRequestCount - refreshesBefore).ShouldBe(1);
        var newToken = (await Scenarios.StoredSecretsAsync(Server, id))["access_token"];
        newToken.ShouldNotBe(oldToken);
        (await Scenarios.AcmeAnswersAsync(Server, newToken)).ShouldBe(HttpStatusCode.OK);
        (await Scenarios.GetConnectionAsync(Server, tenant, id)).GetProperty("status").GetString().ShouldBe("Active");
    }

    [Fact]
    public async Task ExecuteAction_HundredConcurrentCallsAfterTheTokenExpired_OneRefreshAndAllSucceed()
    {
        await using var server = await FastnTestServer.StartAsync(new FastnTestServerOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["Fastn:Sandbox:Acme:AccessTokenLifetime"] = "00:00:05",
                ["Fastn:Sandbox:Acme:RateLimitPermits"] = "10000",
            },
        });
        var acme = server.Get<AcmeState>();
        var tenant = Scenarios.NewTenant();
        var id = await AcmeBrowser.ConnectAsync(server, tenant);
        var oldToken = (await Scenarios.StoredSecretsAsync(server, id))["access_token"];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await Scenarios.AcmeAnswersAsync(server, oldToken) == HttpStatusCode.OK)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "Acme should reject the token once its 5 s lifetime is over");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var refreshesBefore = acme.RefreshRequestCount;

        var statuses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            using var response = await server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/list_contacts", tenant, new { limit = 1 });
            return response.StatusCode;
        }));

        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
        (acme.RefreshRequestCount - refreshesBefore).ShouldBe(1);
        (await Scenarios.StoredSecretsAsync(server, id))["access_token"].ShouldNotBe(oldToken);
    }

    [Fact]
    public async Task ExecuteAction_RefreshRejectedWithInvalidGrant_NeedsReauthUntilReconnectedWithSameId()
    {
        var tenant = Scenarios.NewTenant();
        var id = await AcmeBrowser.ConnectAsync(Server, tenant);
        // Revoking the refresh token revokes the whole grant: the access token stops working and refresh answers invalid_grant.
        await Scenarios.RevokeAtAcmeAsync(Server, (await Scenarios.StoredSecretsAsync(Server, id))["refresh_token"]);
        var refreshesBefore = Acme.RefreshRequestCount;

        using (var first = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/list_contacts", tenant, new { limit = 1 }))
        {
            await first.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "fastn:auth-required");
        }

        (Acme.RefreshRequestCount - refreshesBefore).ShouldBe(1);
        var connection = await Scenarios.GetConnectionAsync(Server, tenant, id);
        connection.GetProperty("status").GetString().ShouldBe("NeedsReauth");
        connection.GetProperty("statusReason").GetString().ShouldNotBeNull().ShouldContain("invalid_grant");
        var events = await Server.InScopeAsync(sp => sp.GetRequiredService<EventStore>().ListRecentAsync(500, TestContext.Current.CancellationToken));
        events.Where(e => e.Subject == id && e.Type == "connection.needs_reauth").ShouldHaveSingleItem().TenantId.ShouldBe(tenant);

        // While it needs re-authorization, calls fail at once without asking Acme again.
        using (var again = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/list_contacts", tenant, new { limit = 1 }))
        {
            var problem = await again.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "fastn:auth-required");
            problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(id);
        }

        (Acme.RefreshRequestCount - refreshesBefore).ShouldBe(1);

        var reconnected = await AcmeBrowser.ConnectAsync(Server, tenant, connectionId: id);

        reconnected.ShouldBe(id);
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldBe([id]);
        connection = await Scenarios.GetConnectionAsync(Server, tenant, id);
        connection.GetProperty("status").GetString().ShouldBe("Active");
        connection.GetProperty("statusReason").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        using var after = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/list_contacts", tenant, new { limit = 1 });
        (await after.ReadJsonAsync()).GetProperty("data").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task ExecuteAction_TokenEndpointFailsOnceWith503_RefreshRetriedAndCallSucceeds()
    {
        var tenant = Scenarios.NewTenant();
        var id = await AcmeBrowser.ConnectAsync(Server, tenant);
        await Scenarios.RevokeAtAcmeAsync(Server, (await Scenarios.StoredSecretsAsync(Server, id))["access_token"]);
        var refreshesBefore = Acme.RefreshRequestCount;
        var successfulBefore = Acme.Tokens.SuccessfulRefreshCount;
        Acme.Faults.FailNext(1, 503, target: AcmeFaultTarget.Token);

        using var response = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/list_contacts", tenant, new { limit = 1 });

        (await response.ReadJsonAsync()).GetProperty("data").GetArrayLength().ShouldBe(1);
        Acme.Faults.Pending(AcmeFaultTarget.Token).ShouldBe(0);
        (Acme.RefreshRequestCount - refreshesBefore).ShouldBe(2);
        (Acme.Tokens.SuccessfulRefreshCount - successfulBefore).ShouldBe(1);
        var connection = await Scenarios.GetConnectionAsync(Server, tenant, id);
        connection.GetProperty("status").GetString().ShouldBe("Active");
    }
}
