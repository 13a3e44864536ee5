using Fastn.Sandbox;
using Fastn.Sandbox.State;
using Fastn.Sandbox.Vendors.GitHub;
using HubSpotTokenStore = Fastn.Sandbox.Vendors.HubSpot.OAuth.TokenStore;
using Fastn.Sandbox.Vendors.QuickBooks;
using Fastn.Sandbox.Vendors.Salesforce;
using Fastn.Sandbox.Vendors.Shopify;
using Fastn.Sandbox.Vendors.Slack;
using Fastn.Sandbox.Vendors.Xero;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Fastn.Connectors.BuiltIn.Tests.Sandbox;

/// <summary>Each vendor simulation, created again on the same state directory (a server restart), still accepts the tokens it issued.</summary>
public sealed class SandboxStatePersistenceTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fastn-sandbox-state-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void SlackWorkspace_RecreatedOnSameState_AcceptsIssuedToken()
    {
        var token = new SlackWorkspace(TimeProvider.System, Store()).IssueToken("chat:write");

        var restarted = new SlackWorkspace(TimeProvider.System, Store());

        restarted.Authenticate(token, out _).ShouldBeNull();
    }

    [Fact]
    public void XeroSimulation_RecreatedOnSameState_AcceptsIssuedToken()
    {
        var token = new XeroSimulation(TimeProvider.System, null!, Store()).IssueAccessToken("tenant-1");

        var restarted = new XeroSimulation(TimeProvider.System, null!, Store());

        restarted.Authenticate("Bearer " + token).ShouldNotBeNull().Tenants.ShouldBe(["tenant-1"]);
    }

    [Fact]
    public void GitHubSimulation_RecreatedOnSameState_AcceptsIssuedToken()
    {
        var first = new GitHubSimulation(TimeProvider.System, Store());
        var token = first.IssueToken(first.Viewer.Id, "repo").Token;

        var restarted = new GitHubSimulation(TimeProvider.System, Store());

        restarted.FindToken(token).ShouldNotBeNull().Scope.ShouldBe("repo");
    }

    [Fact]
    public void SalesforceOrg_RecreatedOnSameState_AcceptsSessionAndRefreshToken()
    {
        var first = new SalesforceOrg(TimeProvider.System, Store());
        var code = first.IssueCode(first.StartConsent("http://localhost/cb", "api refresh_token", null, null, null));
        var (access, refresh, _) = first.Redeem(code, "http://localhost/cb", null).ShouldNotBeNull();

        var restarted = new SalesforceOrg(TimeProvider.System, Store());

        restarted.IsValidSession(access).ShouldBeTrue();
        restarted.Refresh(refresh).ShouldNotBeNull();
    }

    [Fact]
    public void HubSpotTokenStore_RecreatedOnSameState_AcceptsAccessAndRefreshToken()
    {
        var first = new HubSpotTokenStore(TimeProvider.System, Store());
        var code = first.IssueCode(first.StartConsent("http://localhost/cb", new HashSet<string> { "oauth" }, null));
        var (access, refresh) = first.Redeem(code, "http://localhost/cb").ShouldNotBeNull();

        var restarted = new HubSpotTokenStore(TimeProvider.System, Store());

        restarted.Find(access).ShouldNotBeNull().Scopes.ShouldContain("oauth");
        restarted.Refresh(refresh).ShouldNotBeNull();
    }

    [Fact]
    public void ShopifyStore_RecreatedOnSameState_AcceptsIssuedToken()
    {
        var first = new ShopifyStore(TimeProvider.System, Store());
        var code = first.IssueCode(first.StartConsent("demo.myshopify.com", "http://localhost/cb", ["read_orders"], null));
        var grant = first.Redeem("demo.myshopify.com", code).ShouldNotBeNull();

        var restarted = new ShopifyStore(TimeProvider.System, Store());

        restarted.Find(grant.Token).ShouldNotBeNull().Scopes.ShouldBe(["read_orders"]);
    }

    [Fact]
    public void QuickBooksStore_RecreatedOnSameState_AcceptsAccessAndRefreshToken()
    {
        var first = new QuickBooksStore(TimeProvider.System, Store());
        var (access, refresh) = first.Redeem(first.IssueCode("http://localhost/cb"), "http://localhost/cb").ShouldNotBeNull();

        var restarted = new QuickBooksStore(TimeProvider.System, Store());

        restarted.IsValidAccessToken(access).ShouldBeTrue();
        restarted.Refresh(refresh).ShouldNotBeNull();
    }

    [Fact]
    public void Load_CorruptFile_StartsFresh()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, SlackSandboxApp.AppName + ".json"), "{ not json");

        var workspace = new SlackWorkspace(TimeProvider.System, Store());

        workspace.Authenticate("xoxb-unknown", out _).ShouldBe("invalid_auth");
    }

    private SandboxStateStore Store() =>
        new(Options.Create(new SandboxOptions { StateDirectory = _directory }), NullLogger<SandboxStateStore>.Instance);
}
