using System.Net;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;
using Fastn.Sandbox.Vendors.Xero;

namespace Fastn.Connectors.BuiltIn.Tests.Xero;

/// <summary>Xero through the running server: OAuth consent in the simulation, then every action over REST.</summary>
public sealed class XeroServerTests
{
    [Fact]
    public async Task Server_ConnectWithXeroConsent_RunsEveryActionAgainstSimulation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FastnTestServer.StartAsync();
        var client = server.CreateClient("xero-customer");

        var connectionId = await server.ConnectOAuthAsync(client, "xero", async (browser, authorize) =>
        {
            var login = await HtmlForms.GetPageAsync(browser, authorize);
            using var consentPage = await HtmlForms.SubmitAsync(browser, authorize, login,
                new Dictionary<string, string> { ["email"] = XeroSandboxApp.DemoEmail, ["password"] = XeroSandboxApp.DemoPassword });
            consentPage.StatusCode.ShouldBe(HttpStatusCode.OK);
            var consent = await consentPage.Content.ReadAsStringAsync(ct);
            using var allowed = await HtmlForms.SubmitAsync(browser, authorize, consent, new Dictionary<string, string> { ["decision"] = "allow" });
            return HtmlForms.RedirectLocation(allowed, authorize);
        });

        var organisation = await server.RunActionAsync(client, connectionId, "get_organisation", null);
        var contacts = await server.RunActionAsync(client, connectionId, "list_contacts", Json("""{"Page":2}"""));
        var firstId = contacts!["Contacts"]![0]!["ContactID"]!.GetValue<string>();
        var contact = await server.RunActionAsync(client, connectionId, "get_contact", Json($$"""{"ContactID":"{{firstId}}"}"""));
        var created = await server.RunActionAsync(client, connectionId, "create_contact", Json("""{"Name":"Server Test Ltd","EmailAddress":"ap@servertest.example"}"""));
        var createdId = created!["ContactID"]!.GetValue<string>();
        var updated = await server.RunActionAsync(client, connectionId, "update_contact", Json($$"""{"ContactID":"{{createdId}}","Website":"https://servertest.example"}"""));
        var accounts = await server.RunActionAsync(client, connectionId, "list_accounts", Json("""{"Where":"Class==\"REVENUE\""}"""));
        var items = await server.RunActionAsync(client, connectionId, "list_items", null);
        var invoice = await server.RunActionAsync(client, connectionId, "create_invoice", Json($$"""
            {"ContactID":"{{createdId}}","LineItems":[{"Description":"Widgets","Quantity":2,"UnitAmount":50,"AccountCode":"200"}],"DueDate":"2025-07-01"}
            """));
        var invoiceId = invoice!["InvoiceID"]!.GetValue<string>();
        var fetched = await server.RunActionAsync(client, connectionId, "get_invoice", Json($$"""{"InvoiceID":"{{invoiceId}}"}"""));
        var invoices = await server.RunActionAsync(client, connectionId, "list_invoices", Json($$"""{"Page":1,"Statuses":["DRAFT"],"ContactIds":["{{createdId}}"]}"""));
        using var described = await client.GetAsync("api/v1/connectors/xero", ct);
        var connector = JsonNode.Parse(await described.Content.ReadAsStringAsync(ct))!;

        organisation!["Name"]!.GetValue<string>().ShouldBe("Demo Company (NZ)");
        contacts["Page"]!.GetValue<int>().ShouldBe(2);
        contacts["Contacts"]!.AsArray().Count.ShouldBeGreaterThan(0);
        contact!["ContactID"]!.GetValue<string>().ShouldBe(firstId);
        updated!["Website"]!.GetValue<string>().ShouldBe("https://servertest.example");
        updated["EmailAddress"]!.GetValue<string>().ShouldBe("ap@servertest.example");
        accounts!["Accounts"]!.AsArray().ShouldAllBe(a => a!["Class"]!.GetValue<string>() == "REVENUE");
        items!["Items"]!.AsArray().Count.ShouldBe(9);
        invoice["Status"]!.GetValue<string>().ShouldBe("DRAFT");
        invoice["Total"]!.GetValue<decimal>().ShouldBe(115m);
        fetched!["LineItems"]![0]!["Description"]!.GetValue<string>().ShouldBe("Widgets");
        invoices!["Invoices"]!.AsArray().Single()!["InvoiceID"]!.GetValue<string>().ShouldBe(invoiceId);
        described.StatusCode.ShouldBe(HttpStatusCode.OK);
        connector["actions"]!.AsArray().Count.ShouldBe(10);
        connector["triggers"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ShouldBe(["contact_event", "invoice_event", "contact_changed", "invoice_changed"]);
        var entities = connector["entities"]!.AsArray();
        entities.Select(e => e!["cdmEntity"]!.GetValue<string>()).ShouldBe(["CDMContact", "CDMInvoice", "CDMProduct"]);
        entities[0]!["coverage"]!["ratio"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(0.8);
        entities[1]!["coverage"]!["ratio"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(0.8);
    }

    // Xero's inputs are PascalCase like its API; JSON text keeps the names exactly.
    private static JsonNode Json(string json) => JsonNode.Parse(json)!;
}
