using System.Diagnostics;
using System.Text.RegularExpressions;
using Fastn.Engine.Registry;
using Fastn.Sandbox.Vendors.Stripe;
using Fastn.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fastn.E2E;

/// <summary>The dashboard as a person uses it, in Debian's Chromium against the real server and its sandbox apps.</summary>
public sealed partial class DashboardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private FastnServerHost Server => fixture.Server;

    [Fact]
    public async Task SignIn_ProtectedPage_RedirectsToSignInAndBack()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/connections");
        await Expect(page).ToHaveURLAsync(SignInUrl());
        await page.FillAsync("#api-key", "fk_thisisnotakeyofthisworkspace0000");
        await page.ClickAsync("#signin-submit");
        await Expect(page.Locator("#api-key-error")).ToContainTextAsync("unknown or revoked");
        await page.FillAsync("#api-key", Server.AdminKey);
        await page.ClickAsync("#signin-submit");

        await Expect(page).ToHaveURLAsync(new Regex("/connections$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Connections");
        var cookies = await page.Context.CookiesAsync();
        var session = cookies.Single(c => c.Name == "fastn.dashboard");
        session.HttpOnly.ShouldBeTrue();
        session.Value.ShouldNotContain(Server.AdminKey);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Connectors_ListSearchAndDetail_ShowBuiltInsSandboxSchemasAndCoverage()
    {
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, "/connectors");
        await Expect(page.Locator("[data-connector=acme-crm]")).ToBeVisibleAsync();

        // Reported, not asserted: a full load of the Connectors page (HTML, scripts, circuit, first render).
        var clock = Stopwatch.StartNew();
        await page.ReloadAsync();
        await Expect(page.Locator("[data-connector=acme-crm]")).ToBeVisibleAsync();
        TestContext.Current.SendDiagnosticMessage($"Connectors page full load: {clock.ElapsedMilliseconds} ms");
        var registry = Server.App.Services.GetRequiredService<ConnectorRegistry>();

        // Every registered connector, with its kind.
        await Expect(page.Locator("#connector-list > li")).ToHaveCountAsync(registry.All.Count);
        await Expect(page.Locator("[data-connector=acme-crm] [data-kind]")).ToHaveTextAsync("Custom");
        await Expect(page.Locator("[data-connector=stripe] [data-kind]")).ToHaveTextAsync("Built-in");
        await Expect(page.Locator("[data-connector=acme-crm] .fd-tag-sandbox")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-connector=slack] [data-auth=OAuth2]")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotDirectory, "connectors.png"), FullPage = true });

        // Search narrows the list to Acme; the auth filter then finds API-key connectors only.
        await page.Locator("#connector-search input").FillAsync("acme");
        await Expect(page.Locator("#connector-list > li")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-connector=acme-crm]")).ToBeVisibleAsync();
        await Expect(page.Locator("#connector-count")).ToHaveTextAsync($"1 of {registry.All.Count}");
        await page.Locator("#connector-search input").FillAsync("");
        await page.SelectOptionAsync("#filter-auth", "ApiKey");
        await Expect(page.Locator("[data-connector=stripe]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-connector=acme-crm]")).ToHaveCountAsync(0);
        await page.SelectOptionAsync("#filter-auth", "");
        await page.SelectOptionAsync("#filter-kind", "Custom");
        await Expect(page.Locator("[data-connector=stripe]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-connector=acme-crm]")).ToBeVisibleAsync();

        // The connector page: an action's input fields, its triggers and the CDM coverage the registry computed.
        await page.ClickAsync("[data-connector=acme-crm] a.fd-connector-link");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Acme CRM");
        await Expect(page.Locator(".fd-detail-head")).ToContainTextAsync($"v{registry.Find("acme-crm")!.Definition.Version}");
        await Expect(page.Locator("[data-action=delete_contact] summary")).ToContainTextAsync("destructive");
        var action = page.Locator("[data-action=create_contact]");
        await action.Locator("summary").ClickAsync();
        var email = action.Locator("[data-schema=input] tr[data-field=email]");
        await Expect(email).ToBeVisibleAsync();
        await Expect(email.Locator("td").Nth(1)).ToContainTextAsync("string");
        await Expect(email.Locator("td").Nth(2)).ToHaveTextAsync("required");
        await Expect(action.Locator("[data-schema=output] tr[data-field=id]")).ToBeVisibleAsync();
        await Expect(page.Locator("#triggers tr[data-trigger=contact_changed]")).ToContainTextAsync("poll");
        await Expect(page.Locator("#triggers tr[data-trigger=contact_event]")).ToContainTextAsync("webhook");

        var coverage = registry.Find("acme-crm")!.Capabilities.Coverage.Single(c => c.Entity == "contact");
        var percent = (int)Math.Round(coverage.Ratio * 100);
        var bar = page.Locator("[data-entity=contact] .fd-coverage [role=progressbar]");
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", percent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-entity=contact] .fd-coverage-value")).ToHaveTextAsync($"{percent}% ({coverage.Mapped.Count}/{coverage.Mapped.Count + coverage.Unmapped.Count})");
        await Expect(page.Locator("[data-entity=contact] tr[data-native=email]")).ToContainTextAsync("CDMContact.email");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotDirectory, "connector-acme.png"), FullPage = true });

        // Everything came from this server, without a failed asset or a script error.
        var log = fixture.Log(page);
        log.OutsideRequests.ShouldBeEmpty();
        log.FailedResponses.ShouldBeEmpty();
        log.PageErrors.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Connect_AcmeThroughSandboxConsent_ConnectionIsActive()
    {
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, "/connectors/acme-crm");
        // A tenant that sorts first, so that keeping the chosen one across full page loads is visible.
        await AddTenantAsync(page, "aaaa");
        var tenant = await AddTenantAsync(page, "oauth");

        await page.ClickAsync("#connect-button");
        await page.WaitForURLAsync("**/connect");
        await Expect(page.Locator("#connect-tenant")).ToHaveTextAsync(tenant);
        await page.ClickAsync("#connect-submit");

        // Acme's own login and consent pages (the sandbox), then back through /oauth/callback to the dashboard.
        await Expect(page).ToHaveURLAsync(new Regex("/sandbox/acme/"));
        await page.FillAsync("#email", AcmeBrowser.Email);
        await page.FillAsync("#password", AcmeBrowser.Password);
        await page.ClickAsync("#sign-in");
        await page.ClickAsync("#allow");

        await Expect(page).ToHaveURLAsync(new Regex("/connections\\?tenant=" + Regex.Escape(tenant) + "&connection_id=conn_"));
        await Expect(page.Locator("#oauth-result")).ToContainTextAsync("Acme CRM is connected");
        var row = page.Locator("#connections tr[data-connector=acme-crm]");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".fd-status")).ToHaveTextAsync("Active");
        await Expect(page.Locator("#connections-tenant")).ToHaveTextAsync(tenant);
        fixture.Log(page).OutsideRequests.ShouldBeEmpty();

        // A full page load without the tenant in the address keeps the tenant this browser chose.
        await page.GotoAsync("/connections");
        await Expect(page.Locator("#tenant-switcher")).ToHaveValueAsync(tenant);
        await Expect(row.Locator(".fd-status")).ToHaveTextAsync("Active");

        // The test call runs through the engine with the stored token.
        await row.Locator(".fd-test").ClickAsync();
        await Expect(row.Locator(".fd-test-result")).ToContainTextAsync("Test passed (get_current_user");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Connect_ApiKeyForm_ShowsValidationBesideTheFieldThenConnects()
    {
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, "/connectors/stripe/connect");
        var tenant = await AddTenantAsync(page, "apikey");
        await Expect(page.Locator("#connect-tenant")).ToHaveTextAsync(tenant);

        // Empty, then malformed: the form says what is wrong beside the field and stores nothing.
        await page.ClickAsync("#connect-submit");
        await Expect(page.Locator("#field-api_key-error")).ToContainTextAsync("is required");
        await page.FillAsync("#field-api_key", "not-a-stripe-key");
        await page.ClickAsync("#connect-submit");
        await Expect(page.Locator("#field-api_key-error")).ToContainTextAsync("does not have the expected format");

        // Well-formed but wrong: the app refuses the test call, and the message is beside the field again.
        await page.FillAsync("#field-api_key", "sk_test_wrongwrongwrongwrong");
        await page.ClickAsync("#connect-submit");
        await Expect(page.Locator("#field-api_key-error")).ToContainTextAsync("The test call 'get_balance' failed");
        await Expect(page.Locator("#field-api_key")).ToHaveValueAsync("");

        await page.FillAsync("#field-api_key", StripeSimulation.DemoSecretKey);
        await page.FillAsync("#field-display-name", "Sandbox Stripe");
        await page.ClickAsync("#connect-submit");
        await Expect(page.Locator("#connect-test-result")).ToContainTextAsync("Test connection passed");
        await Expect(page.Locator("#field-api_key-error")).ToHaveCountAsync(0);
        var id = await page.Locator("#connected-id").InnerTextAsync();
        (await page.ContentAsync()).ShouldNotContain(StripeSimulation.DemoSecretKey);

        await page.ClickAsync("#nav-connections");
        var row = page.Locator($"#connections tr[data-connection='{id}']");
        await Expect(row.Locator(".fd-status")).ToHaveTextAsync("Active");
        await Expect(row).ToContainTextAsync("Sandbox Stripe");

        // Delete asks once more, then the row is gone.
        await row.Locator(".fd-delete").ClickAsync();
        await row.Locator(".fd-delete-confirm").ClickAsync();
        await Expect(page.Locator("#connections-message")).ToContainTextAsync($"Connection {id} was deleted");
        await Expect(row).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignOut_ProtectedPage_RedirectsToSignIn()
    {
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, "/connectors");

        await page.ClickAsync("#signout");
        await Expect(page).ToHaveURLAsync(new Regex("/signin$"));
        await page.GotoAsync("/connectors/acme-crm");

        await Expect(page).ToHaveURLAsync(SignInUrl());
        await Expect(page.Locator("#signin-title")).ToBeVisibleAsync();
        (await page.Context.CookiesAsync()).ShouldNotContain(c => c.Name == "fastn.dashboard");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_RevokedKey_EndsTheSession()
    {
        using var admin = Server.Client();
        var created = await admin.CreateApiKeyAsync("dashboard-revoke-test", cancellationToken: TestContext.Current.CancellationToken);
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, "/connectors", created.Key);
        await Expect(page.Locator(".fd-who")).ToContainTextAsync("member");

        await admin.RevokeApiKeyAsync(created.Id, TestContext.Current.CancellationToken);
        await page.GotoAsync("/connections");

        await Expect(page).ToHaveURLAsync(SignInUrl());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PhoneWidth_ConnectorsAndConnect_NothingOverflows()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await SignInAsync(page, "/connectors");
        await Expect(page.Locator("[data-connector=acme-crm]")).ToBeVisibleAsync();
        (await HorizontalOverflowAsync(page)).ShouldBe(0, "the Connectors page is wider than the phone");

        await page.GotoAsync("/connectors/stripe");
        await Expect(page.Locator("#connect-button")).ToBeVisibleAsync();
        (await HorizontalOverflowAsync(page)).ShouldBe(0, "the connector page is wider than the phone");

        await page.ClickAsync("#connect-button");
        await AddTenantAsync(page, "phone");
        await Expect(page.Locator("#connect-submit")).ToBeInViewportAsync();
        await Expect(page.Locator("#signout")).ToBeVisibleAsync();
        (await HorizontalOverflowAsync(page)).ShouldBe(0, "the Connect page is wider than the phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotDirectory, "connect-phone.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    /// <summary>How many CSS pixels the document is wider than the viewport (0 when nothing overflows).</summary>
    private static Task<int> HorizontalOverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)");

    private async Task SignInAsync(IPage page, string path, string? key = null)
    {
        await page.GotoAsync(path);
        await Expect(page).ToHaveURLAsync(SignInUrl());
        await page.FillAsync("#api-key", key ?? Server.AdminKey);
        await page.ClickAsync("#signin-submit");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
        await Expect(page.Locator("#signout")).ToBeVisibleAsync();
    }

    /// <summary>Adds a tenant through the switcher and waits until it is the selected one.</summary>
    private static async Task<string> AddTenantAsync(IPage page, string prefix)
    {
        var tenant = $"{prefix}-{Guid.NewGuid():N}"[..20];
        await page.ClickAsync("#tenant-add");
        await page.FillAsync("#tenant-new-id", tenant);
        await page.ClickAsync("#tenant-create");
        await Expect(page.Locator("#tenant-switcher")).ToHaveValueAsync(tenant);
        return tenant;
    }

    [GeneratedRegex("/signin\\?returnUrl=")]
    private static partial Regex SignInUrl();
}
