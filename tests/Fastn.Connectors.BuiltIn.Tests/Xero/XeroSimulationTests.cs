using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;
using Fastn.Connectors.BuiltIn.Tests.Specs;
using Fastn.Connectors.BuiltIn.Xero;
using Fastn.Connectors.BuiltIn.Xero.Models;
using Fastn.Connectors.Http;
using Fastn.Connectors.Testing;
using Fastn.Sandbox.Vendors.Xero;

namespace Fastn.Connectors.BuiltIn.Tests.Xero;

/// <summary>
/// The connector against the Xero simulation on a real Kestrel: every request and response checked against Xero's
/// OpenAPI spec, OAuth consent and token rotation, paging, polling, typed errors and signed webhooks.
/// </summary>
public sealed class XeroSimulationTests : IAsyncLifetime
{
    private static readonly OpenApiSpec Spec = OpenApiSpec.Load("xero");
    private XeroSimulationHost? _host;

    private XeroSimulationHost Host => _host!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await XeroSimulationHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Actions_AgainstSimulation_ReturnItsDataAndConformToXeroSpec()
    {
        var (host, checking) = Connect(Host.Simulation.IssueAccessToken(Host.Tenant(0)));
        using var _ = host;
        using var __ = checking;

        var organisation = (await host.RunActionAsync<XeroOrganisation>("get_organisation", new { }, XeroConnector.Json, Ct))!;
        var page1 = (await host.RunActionAsync<XeroContactList>("list_contacts", new { Page = 1 }, XeroConnector.Json, Ct))!;
        var page2 = (await host.RunActionAsync<XeroContactList>("list_contacts", new { Page = 2 }, XeroConnector.Json, Ct))!;
        var contact = (await host.RunActionAsync<XeroContact>("get_contact", new { ContactID = page1.Contacts[3].ContactId }, XeroConnector.Json, Ct))!;
        var created = (await host.RunActionAsync<XeroContact>("create_contact", new
        {
            Name = "Ada Lovelace Consulting",
            FirstName = "Ada",
            EmailAddress = "ada@lovelace.example",
            Phones = new[] { new { PhoneType = "MOBILE", PhoneNumber = "021 555 0101" } },
        }, XeroConnector.Json, Ct))!;
        var updated = (await host.RunActionAsync<XeroContact>("update_contact", new { ContactID = created.ContactId, LastName = "Lovelace" }, XeroConnector.Json, Ct))!;
        var accounts = (await host.RunActionAsync<XeroAccountList>("list_accounts", new { Where = "Type==\"REVENUE\"" }, XeroConnector.Json, Ct))!;
        var items = (await host.RunActionAsync<XeroItemList>("list_items", new { }, XeroConnector.Json, Ct))!;
        var invoice = (await host.RunActionAsync<XeroInvoice>("create_invoice", new
        {
            ContactID = created.ContactId,
            LineItems = new[] { new { Description = "Analytical engine design", Quantity = 3, UnitAmount = 100, AccountCode = "200" } },
            Date = "2025-06-01",
            DueDate = "2025-06-21",
            Status = "AUTHORISED",
        }, XeroConnector.Json, Ct))!;
        var fetched = (await host.RunActionAsync<XeroInvoice>("get_invoice", new { InvoiceID = invoice.InvoiceId }, XeroConnector.Json, Ct))!;
        var invoices = (await host.RunActionAsync<XeroInvoiceList>("list_invoices", new { Page = 1, ContactIds = new[] { created.ContactId } }, XeroConnector.Json, Ct))!;

        organisation.Name.ShouldBe("Demo Company (NZ)");
        organisation.BaseCurrency.ShouldBe("NZD");
        page1.Contacts.Count.ShouldBe(100);
        page1.NextPage.ShouldBe(2);
        page2.NextPage.ShouldBeNull();
        page1.Contacts.Select(c => c.ContactId).Intersect(page2.Contacts.Select(c => c.ContactId)).ShouldBeEmpty();
        contact.Name.ShouldBe(page1.Contacts[3].Name);
        XeroDate.Parse(contact.UpdatedDateUtc).ShouldNotBeNull();
        updated.FirstName.ShouldBe("Ada");
        updated.LastName.ShouldBe("Lovelace");
        accounts.Accounts.ShouldAllBe(a => a.Type == "REVENUE");
        accounts.Accounts.ShouldContain(a => a.Code == "200");
        items.Items.Count.ShouldBeGreaterThan(0);
        invoice.Total.ShouldBe(345m);
        invoice.TotalTax.ShouldBe(45m);
        invoice.Status.ShouldBe("AUTHORISED");
        XeroDate.ParseDate(invoice.DueDate).ShouldBe(new DateOnly(2025, 6, 21));
        fetched.LineItems.ShouldNotBeNull().Single().LineAmount.ShouldBe(300m);
        invoices.Invoices.Single().InvoiceId.ShouldBe(invoice.InvoiceId);
        checking.RequestCount.ShouldBe(11);
        checking.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task OAuth_ConsentPagesAndTokenEndpoint_IssueTokensForChosenOrganisation_AndRefreshTokensRotate()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        const string redirect = "http://127.0.0.1:5173/oauth/callback";
        var oauth = (Fastn.Connectors.Authentication.OAuth2Auth)Host.Definition.Auth.Default!;
        var authorize = new Uri($"{oauth.AuthorizationUrl}?response_type=code&client_id={XeroSandboxApp.DefaultClientId}&redirect_uri={Uri.EscapeDataString(redirect)}"
            + $"&scope={Uri.EscapeDataString(string.Join(' ', XeroConnector.Scopes))}&state=s1&code_challenge={challenge}&code_challenge_method=S256");

        var login = await HtmlForms.GetPageAsync(browser, authorize);
        using var consentResponse = await HtmlForms.SubmitAsync(browser, authorize, login,
            new Dictionary<string, string> { ["email"] = XeroSandboxApp.DemoEmail, ["password"] = XeroSandboxApp.DemoPassword });
        var consent = await consentResponse.Content.ReadAsStringAsync(Ct);
        consent.ShouldContain("Fastn Trading Pty Ltd");
        using var allowed = await HtmlForms.SubmitAsync(browser, authorize, consent,
            new Dictionary<string, string> { ["decision"] = "allow", ["tenant_id"] = Host.Tenant(1) });
        var callback = HtmlForms.RedirectLocation(allowed, authorize);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query);
        query["state"].ToString().ShouldBe("s1");

        var tokens = await TokenAsync(oauth.TokenUrl!, new() { ["grant_type"] = "authorization_code", ["code"] = query["code"]!, ["redirect_uri"] = redirect, ["code_verifier"] = verifier });
        tokens.GetProperty("expires_in").GetInt32().ShouldBe(1800);
        var refreshed = await TokenAsync(oauth.TokenUrl!, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()! });
        var reused = await TokenRawAsync(oauth.TokenUrl!, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()! });

        refreshed.GetProperty("refresh_token").GetString().ShouldNotBe(tokens.GetProperty("refresh_token").GetString());
        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var (host, checking) = Connect(refreshed.GetProperty("access_token").GetString()!, tenant: null);
        using var _ = host;
        using var __ = checking;
        var organisation = (await host.RunActionAsync<XeroOrganisation>("get_organisation", new { }, XeroConnector.Json, Ct))!;
        organisation.Name.ShouldBe("Fastn Trading Pty Ltd");
        checking.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task ConsentPage_Deny_RedirectsWithAccessDenied()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var oauth = (Fastn.Connectors.Authentication.OAuth2Auth)Host.Definition.Auth.Default!;
        var authorize = new Uri($"{oauth.AuthorizationUrl}?response_type=code&client_id={XeroSandboxApp.DefaultClientId}&redirect_uri={Uri.EscapeDataString("http://localhost:5173/oauth/callback")}&scope=openid%20accounting.contacts&state=s2");

        var login = await HtmlForms.GetPageAsync(browser, authorize);
        using var consentResponse = await HtmlForms.SubmitAsync(browser, authorize, login,
            new Dictionary<string, string> { ["email"] = XeroSandboxApp.DemoEmail, ["password"] = XeroSandboxApp.DemoPassword });
        using var denied = await HtmlForms.SubmitAsync(browser, authorize, await consentResponse.Content.ReadAsStringAsync(Ct),
            new Dictionary<string, string> { ["decision"] = "deny" });

        HtmlForms.RedirectLocation(denied, authorize).Query.ShouldContain("error=access_denied");
    }

    [Fact]
    public async Task PollTriggers_WalkEveryPageByModifiedSince_AndPickUpNewChanges()
    {
        var (host, checking) = Connect(Host.Simulation.IssueAccessToken(Host.Tenant(0)));
        using var _ = host;
        using var __ = checking;
        var active = Host.Simulation.Organisations[0].Contacts.Count(c => c.ContactStatus == "ACTIVE");

        var all = await host.PollAllAsync("contact_changed", cancellationToken: Ct);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var created = (await host.RunActionAsync<XeroContact>("create_contact", new { Name = "Polled Ltd" }, XeroConnector.Json, Ct))!;
        var recent = await host.PollAllAsync("contact_changed", since: before, cancellationToken: Ct);
        var invoices = await host.PollAllAsync("invoice_changed", cancellationToken: Ct);

        all.Select(r => r.Id).Distinct().Count().ShouldBe(active);
        recent.Select(r => r.Id).ShouldBe([created.ContactId]);
        invoices.Select(r => r.Id).Distinct().Count().ShouldBe(Host.Simulation.Organisations[0].Invoices.Count);
        checking.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task ListContacts_ModifiedSinceWithOffset_IsSentAsUtcDateTimeAndFiltersToTheInstant()
    {
        var (host, checking) = Connect(Host.Simulation.IssueAccessToken(Host.Tenant(0)));
        using var _ = host;
        using var __ = checking;
        var changed = Host.Simulation.Organisations[0].Contacts.First(c => c.ContactStatus == "ACTIVE");
        changed.UpdatedAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        // 12:00 in Auckland (+13:00) is 23:00 UTC the day before: one hour before the change.
        var list = (await host.RunActionAsync<XeroContactList>("list_contacts",
            new { ModifiedSince = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.FromHours(13)) }, XeroConnector.Json, Ct))!;

        list.Contacts.Select(c => c.ContactId).ShouldBe([changed.ContactId]);
        checking.Problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2029-12-31T23:00:00Z", true)]
    [InlineData("2029-12-31T23:00:00.000Z", true)]
    [InlineData("2030-01-01T12:00:00+13:00", true)]
    [InlineData("2029-12-31T23:00:00", true)]
    [InlineData("Mon, 31 Dec 2029 23:00:00 GMT", true)]
    [InlineData("12/31/2029 23:00", false)]
    [InlineData("31 December 2029", false)]
    [InlineData("2029-12-31T23:00:00Zjunk", false)]
    [InlineData("yesterday", false)]
    public async Task ListContacts_IfModifiedSinceHeader_IsReadAsXeroDoesAndIgnoredWhenMalformed(string header, bool filters)
    {
        var organisation = Host.Simulation.Organisations[0];
        var changed = organisation.Contacts.First(c => c.ContactStatus == "ACTIVE");
        changed.UpdatedAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Host.BaseAddress, "sandbox/xero/api.xro/2.0/Contacts"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Host.Simulation.IssueAccessToken(organisation.TenantId));
        request.Headers.TryAddWithoutValidation("xero-tenant-id", organisation.TenantId);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("If-Modified-Since", header);

        using var response = await client.SendAsync(request, Ct);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var ids = body["Contacts"]!.AsArray().Select(c => c!["ContactID"]!.GetValue<string>()).ToList();
        if (filters)
        {
            ids.ShouldBe([changed.ContactId]);
        }
        else
        {
            ids.Count.ShouldBe(organisation.Contacts.Count(c => c.ContactStatus != "ARCHIVED"), "a malformed If-Modified-Since is ignored");
        }
    }

    [Fact]
    public async Task Errors_FromSimulation_MapToTypedExceptions()
    {
        var (host, checking) = Connect(Host.Simulation.IssueAccessToken(Host.Tenant(0)));
        using var _ = host;
        using var __ = checking;
        var existing = Host.Simulation.Organisations[0].Contacts[1].Name;

        var duplicate = await Should.ThrowAsync<ConnectorValidationException>(() => host.RunActionAsync("create_contact", new JsonObject { ["Name"] = existing }, Ct));
        var badEmail = await Should.ThrowAsync<ConnectorValidationException>(() => host.RunActionAsync("create_contact", new JsonObject { ["Name"] = "New Co", ["EmailAddress"] = "nope" }, Ct));
        var noDueDate = await Should.ThrowAsync<ConnectorValidationException>(() => host.RunActionAsync("create_invoice", JsonNode.Parse(
            $$"""{"ContactID":"{{Host.Simulation.Organisations[0].Contacts[0].ContactId}}","Status":"AUTHORISED","LineItems":[{"Description":"x","UnitAmount":1}]}"""), Ct));
        Host.Simulation.ForceRateLimit("minute", 42);
        var limited = await Should.ThrowAsync<RateLimitedException>(() => host.RunActionAsync("list_items", new JsonObject(), Ct));
        var notFound = await Should.ThrowAsync<UpstreamException>(() => host.RunActionAsync("get_contact", new JsonObject { ["ContactID"] = Guid.NewGuid().ToString() }, Ct));

        duplicate.Path.ShouldBe("$.Name");
        duplicate.Message.ShouldContain("unique");
        badEmail.Path.ShouldBe("$.EmailAddress");
        noDueDate.Path.ShouldBe("$.DueDate");
        limited.RetryAfter.ShouldBe(TimeSpan.FromSeconds(42));
        limited.Message.ShouldContain("per-minute");
        notFound.StatusCode.ShouldBe(404);
        // Xero's spec documents only 200 and 400: its 404 (plain text) and 429 (no body) are real but undocumented.
        checking.Problems.Where(p => !UndocumentedErrorStatus(p)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Tenant_FromInputOrConnections_AndUnknownTokenIsAuthRequired()
    {
        var (host, checking) = Connect(Host.Simulation.IssueAccessToken(Host.Tenant(0), Host.Tenant(1)), tenant: null);
        using var _ = host;
        using var __ = checking;
        var (stranger, strangerChecking) = Connect("xat_unknown", tenant: null);
        using var ___ = stranger;
        using var ____ = strangerChecking;

        var first = (await host.RunActionAsync<XeroOrganisation>("get_organisation", new { }, XeroConnector.Json, Ct))!;
        var chosen = (await host.RunActionAsync<XeroOrganisation>("get_organisation", new { XeroTenantId = Host.Tenant(1) }, XeroConnector.Json, Ct))!;

        first.OrganisationId.ShouldBe(Host.Tenant(0));
        chosen.OrganisationId.ShouldBe(Host.Tenant(1));
        await Should.ThrowAsync<AuthRequiredException>(() => stranger.RunActionAsync("get_organisation", new JsonObject(), Ct));
    }

    [Fact]
    public async Task Webhooks_IntentToReceiveThenSignedEvents_AreVerifiedByTheConnector()
    {
        var (host, checking) = Connect(Host.Simulation.IssueAccessToken(Host.Tenant(0)));
        using var _ = host;
        using var __ = checking;

        var (ok, valid, invalid) = await Host.Simulation.SubscribeAsync(Host.ReceiverUrl, Ct);
        var created = (await host.RunActionAsync<XeroContact>("create_contact", new { Name = "Hooked Ltd" }, XeroConnector.Json, Ct))!;
        var received = await Host.WaitForEventAsync(e => e.Payload?["resourceId"]?.GetValue<string>() == created.ContactId).WaitAsync(TimeSpan.FromSeconds(20), Ct);

        ok.ShouldBeTrue();
        valid.ShouldBe(200);
        invalid.ShouldBe(401);
        received.Type.ShouldBe("CONTACT.CREATE");
        received.Payload!["tenantId"]!.GetValue<string>().ShouldBe(Host.Tenant(0));
    }

    internal static bool UndocumentedErrorStatus(string problem) =>
        problem.Contains("is not a documented response", StringComparison.Ordinal) && (problem.Contains("status 401", StringComparison.Ordinal)
            || problem.Contains("status 403", StringComparison.Ordinal) || problem.Contains("status 404", StringComparison.Ordinal) || problem.Contains("status 429", StringComparison.Ordinal))
        || problem.Contains("response content type is text/plain, not JSON", StringComparison.Ordinal);

    private (ConnectorTestHost Host, SpecCheckingHandler Checking) Connect(string accessToken, string? tenant = "")
    {
        var definition = Host.Definition;
        var values = new Dictionary<string, string> { ["access_token"] = accessToken };
        if (tenant is not null)
        {
            values["xero-tenant-id"] = tenant.Length == 0 ? Host.Tenant(0) : tenant;
        }

        var checking = new SpecCheckingHandler(Spec, new SocketsHttpHandler()) { Ignore = uri => uri.AbsolutePath.EndsWith("/connections", StringComparison.Ordinal) };
        return (new ConnectorTestHost(definition, ConnectorTestHost.CredentialsFor(definition.Auth.Default!, values), checking), checking);
    }

    private static async Task<JsonElement> TokenAsync(string tokenUrl, Dictionary<string, string> form)
    {
        using var response = await TokenRawAsync(tokenUrl, form);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<HttpResponseMessage> TokenRawAsync(string tokenUrl, Dictionary<string, string> form)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{XeroSandboxApp.DefaultClientId}:{XeroSandboxApp.DefaultClientSecret}")));
        return await client.SendAsync(request, Ct);
    }
}
