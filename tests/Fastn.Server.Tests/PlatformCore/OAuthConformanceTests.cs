using System.Net;
using Fastn.Engine.Connections;
using Fastn.Samples.Acme;
using Fastn.Samples.Acme.Api;
using Fastn.Server.Tests.Infrastructure;
using Fastn.Storage.Connections;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Server.Tests.PlatformCore;

/// <summary>The OAuth client against Acme's authorization server, to the RFCs (9207 iss, 7009 revocation, 6749 scope).</summary>
[Collection(ServerCollection.Name)]
public sealed class OAuthConformanceTests(ServerFixture fixture)
{
    private FastnTestServer Server => fixture.Server;

    [Theory]
    [InlineData("https://attacker.example")]
    [InlineData(null)]
    public async Task OAuthCallback_IssuerMissingOrFromAnotherServer_NotConnected(string? iss)
    {
        var tenant = Scenarios.NewTenant();
        var callback = await AcmeBrowser.AuthorizeAsync(Server.Http, await AcmeBrowser.StartAsync(Server, tenant));
        var query = QueryHelpers.ParseQuery(callback.Query).ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["iss"].ShouldBe(Server.BaseUrl + "/sandbox/acme");
        query.Remove("iss");
        if (iss is not null)
        {
            query["iss"] = iss;
        }

        var page = await AcmeBrowser.OpenCallbackAsync(Server.Http, new Uri(QueryHelpers.AddQueryString(Server.BaseUrl + "/oauth/callback", query)));

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.Heading.ShouldBe("Not connected");
        page.Html.ShouldContain(iss is null ? "has no &#39;iss&#39;" : "attacker.example");
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldBeEmpty();
    }

    [Fact]
    public async Task OAuthCallback_Connected_NamesTheConnectorByItsDisplayName()
    {
        var callback = await AcmeBrowser.AuthorizeAsync(Server.Http, await AcmeBrowser.StartAsync(Server, Scenarios.NewTenant()));

        var page = await AcmeBrowser.OpenCallbackAsync(Server.Http, callback);

        page.Status.ShouldBe(HttpStatusCode.OK, page.Html);
        page.Html.ShouldContain("Your Acme CRM account is connected");
        page.Html.ShouldNotContain("acme-crm account");
    }

    [Fact]
    public async Task OAuthCallback_Answer_NoStoreAndNoReferrer()
    {
        var callback = await AcmeBrowser.AuthorizeAsync(Server.Http, await AcmeBrowser.StartAsync(Server, Scenarios.NewTenant()));

        using var response = await Server.Http.GetAsync(callback, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl.ShouldNotBeNull().NoStore.ShouldBeTrue();
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
    }

    [Fact]
    public async Task OAuthCallback_TestActionFails_NotConnectedAndNothingStored()
    {
        var tenant = Scenarios.NewTenant();
        var callback = await AcmeBrowser.AuthorizeAsync(Server.Http, await AcmeBrowser.StartAsync(Server, tenant));
        Server.Get<AcmeState>().Faults.FailNext(1, 403, target: AcmeFaultTarget.Api);

        var page = await AcmeBrowser.OpenCallbackAsync(Server.Http, callback);

        page.Status.ShouldBe(HttpStatusCode.BadRequest, page.Html);
        page.Heading.ShouldBe("Not connected");
        page.Html.ShouldContain("get_current_user");
        Server.Get<AcmeState>().Faults.Pending().ShouldBe(0);
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteConnection_OAuthWithRevocationUrl_RevokesTheGrantAtTheApp()
    {
        var tenant = Scenarios.NewTenant();
        var id = await AcmeBrowser.ConnectAsync(Server, tenant);
        var access = (await Scenarios.StoredSecretsAsync(Server, id))["access_token"];
        (await Scenarios.AcmeAnswersAsync(Server, access)).ShouldBe(HttpStatusCode.OK);

        using var delete = await Server.SendAsync(HttpMethod.Delete, $"api/v1/connections/{id}", tenant);

        delete.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Scenarios.AcmeAnswersAsync(Server, access)).ShouldBe(HttpStatusCode.Unauthorized);
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteConnection_RevocationFails_DeletedAnywayAndLogged()
    {
        var tenant = Scenarios.NewTenant();
        var id = await AcmeBrowser.ConnectAsync(Server, tenant);
        var access = (await Scenarios.StoredSecretsAsync(Server, id))["access_token"];
        Server.Get<AcmeState>().Faults.FailNext(1, 500, target: AcmeFaultTarget.Revoke);

        using var delete = await Server.SendAsync(HttpMethod.Delete, $"api/v1/connections/{id}", tenant);

        delete.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldBeEmpty();
        Server.Logs.Lines.ShouldContain(m => m.Contains(id, StringComparison.Ordinal) && m.Contains("Could not revoke", StringComparison.Ordinal));
        Server.Get<AcmeState>().Faults.Reset();
        (await Scenarios.AcmeAnswersAsync(Server, access)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ExecuteAction_RefreshReturnsScope_ScopeWrittenBackToTheConnection()
    {
        var tenant = Scenarios.NewTenant();
        var id = await AcmeBrowser.ConnectAsync(Server, tenant);
        await Server.InScopeAsync(sp => sp.GetRequiredService<ConnectionStore>().UpdateAsync(id, c => c.Metadata = """{"scope":"stale"}""", TestContext.Current.CancellationToken));
        await Server.Get<IGrainFactory>().GetGrain<IConnectionGrain>(id).InvalidateAsync();
        await Scenarios.RevokeAtAcmeAsync(Server, (await Scenarios.StoredSecretsAsync(Server, id))["access_token"]);

        using var call = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/list_contacts", tenant, new { limit = 1 });

        call.StatusCode.ShouldBe(HttpStatusCode.OK, await call.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        (await Scenarios.GetConnectionAsync(Server, tenant, id)).GetProperty("metadata").GetProperty("scope").GetString().ShouldBe("contacts.read contacts.write");
    }

    [Fact]
    public async Task ExecuteAction_CredentialsCannotBeDecrypted_ClearErrorEveryTimeNeverA500()
    {
        var tenant = Scenarios.NewTenant();
        var id = await AcmeBrowser.ConnectAsync(Server, tenant);
        await Server.InScopeAsync(sp => sp.GetRequiredService<ConnectionStore>().SetCredentialAsync(id, "not-a-vault-payload", null, TestContext.Current.CancellationToken));
        await Server.Get<IGrainFactory>().GetGrain<IConnectionGrain>(id).InvalidateAsync();

        foreach (var attempt in new[] { 1, 2 })
        {
            using var call = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/list_contacts", tenant, new { limit = 1 });
            var body = await call.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            ((int)call.StatusCode).ShouldBeLessThan(500, $"attempt {attempt}: {body}");
            body.ShouldContain("cannot be decrypted");
        }
    }

    [Fact]
    public async Task StartOAuth_WorkspaceScopesOverrideAndShortStateLifetime_UsedInTheRequestAndTheMessage()
    {
        await using var server = await FastnTestServer.StartAsync(new FastnTestServerOptions
        {
            Settings = new Dictionary<string, string> { ["Fastn:OAuthStateLifetime"] = "00:03:00" },
        });
        using (var put = await server.SendAsync(HttpMethod.Put, "api/v1/oauth-apps/acme-crm", json: new { clientId = "fastn-local", clientSecret = "acme-local-secret", scopes = "contacts.read" }))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var tenant = Scenarios.NewTenant();
        var url = await AcmeBrowser.StartAsync(server, tenant);
        QueryHelpers.ParseQuery(new Uri(url).Query)["scope"].ToString().ShouldBe("contacts.read");
        var callback = await AcmeBrowser.AuthorizeAsync(server.Http, url);
        (await AcmeBrowser.OpenCallbackAsync(server.Http, callback)).Heading.ShouldBe("Connected");

        var replay = await AcmeBrowser.OpenCallbackAsync(server.Http, callback);

        replay.Heading.ShouldBe("Not connected");
        replay.Html.ShouldContain("they last 3 minutes");
        var id = (await Scenarios.ConnectionIdsAsync(server, tenant)).ShouldHaveSingleItem();
        (await Scenarios.GetConnectionAsync(server, tenant, id)).GetProperty("metadata").GetProperty("scope").GetString().ShouldBe("contacts.read");
    }
}
