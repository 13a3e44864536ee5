using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;

namespace Fastn.Connectors.BuiltIn.Tests.QuickBooks;

/// <summary>QuickBooks through the running server: Intuit's consent page in the simulation (realmId kept), then every action over REST.</summary>
public sealed class QuickBooksServerTests
{
    /// <summary>Inputs in QuickBooks' PascalCase, as the action schemas name them.</summary>
    private static JsonNode Pascal(object input) => JsonSerializer.SerializeToNode(input)!;

    [Fact]
    public async Task Server_ConnectWithIntuitConsent_RunsEveryActionAgainstSimulation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FastnTestServer.StartAsync();
        var client = server.CreateClient("tenant-quickbooks");

        // The connector's page shows actions, triggers, entities and CDM coverage.
        var connector = JsonNode.Parse(await client.GetStringAsync("api/v1/connectors/quickbooks", ct))!;
        connector["actions"]!.AsArray().Count.ShouldBe(10);
        connector["triggers"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ShouldBe(["data_change", "customer_changed", "invoice_changed"]);
        connector["entities"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ShouldBe(["customer", "invoice", "payment", "item"]);
        connector["entities"]!.AsArray().ShouldAllBe(e => e!["coverage"]!["ratio"]!.GetValue<double>() >= 0.8);

        // Connect the way Intuit does: the consent page, "Connect", back to Fastn's callback with code, state and realmId.
        var connectionId = await server.ConnectOAuthAsync(client, "quickbooks", async (browser, url) =>
        {
            var html = await HtmlForms.GetPageAsync(browser, url);
            html.ShouldContain("com.intuit.quickbooks.accounting");
            using var allowed = await HtmlForms.SubmitAsync(browser, url, html, new Dictionary<string, string> { ["decision"] = "allow" });
            var callback = HtmlForms.RedirectLocation(allowed, url);
            callback.Query.ShouldContain("realmId=9341453050298464");
            return callback;
        });

        var company = await server.RunActionAsync(client, connectionId, "get_company_info", null);
        company!["Id"]!.GetValue<string>().ShouldBe("9341453050298464");
        company["CompanyName"]!.GetValue<string>().ShouldBe("Sandbox Company_US_1");

        var page = await server.RunActionAsync(client, connectionId, "query_customers", Pascal(new { MaxResults = 5 }));
        page!["Records"]!.AsArray().Count.ShouldBe(5);
        page["NextStartPosition"]!.GetValue<int>().ShouldBe(6);
        var next = await server.RunActionAsync(client, connectionId, "query_customers", Pascal(new { StartPosition = 6, MaxResults = 5 }));
        next!["StartPosition"]!.GetValue<int>().ShouldBe(6);
        next["Records"]![0]!["Id"]!.GetValue<string>().ShouldNotBe(page["Records"]![0]!["Id"]!.GetValue<string>());

        var created = await server.RunActionAsync(client, connectionId, "create_customer",
            Pascal(new { DisplayName = "Ada Lovelace", GivenName = "Ada", FamilyName = "Lovelace", Email = "ada@engines.example", BillAddr = new { Line1 = "12 St James's Square", City = "London" } }));
        var customerId = created!["Id"]!.GetValue<string>();
        created["SyncToken"]!.GetValue<string>().ShouldBe("0");

        var byName = await server.RunActionAsync(client, connectionId, "query_customers", Pascal(new { DisplayName = "Ada Lovelace" }));
        byName!["Records"]!.AsArray().Single()!["Id"]!.GetValue<string>().ShouldBe(customerId);

        var updated = await server.RunActionAsync(client, connectionId, "update_customer", Pascal(new { CustomerId = customerId, SyncToken = "0", Phone = "(020) 555-0100" }));
        updated!["SyncToken"]!.GetValue<string>().ShouldBe("1");
        updated["PrimaryPhone"]!["FreeFormNumber"]!.GetValue<string>().ShouldBe("(020) 555-0100");
        // Sparse: fields not sent are kept.
        updated["PrimaryEmailAddr"]!["Address"]!.GetValue<string>().ShouldBe("ada@engines.example");

        var fetched = await server.RunActionAsync(client, connectionId, "get_customer", Pascal(new { CustomerId = customerId }));
        fetched!["BillAddr"]!["City"]!.GetValue<string>().ShouldBe("London");

        var items = await server.RunActionAsync(client, connectionId, "query_items", Pascal(new { Type = "Inventory" }));
        var item = items!["Records"]!.AsArray().First(i => i!["Name"]!.GetValue<string>() == "Rock Fountain")!;
        var itemId = item["Id"]!.GetValue<string>();

        var invoice = await server.RunActionAsync(client, connectionId, "create_invoice",
            Pascal(new { CustomerId = customerId, Lines = new[] { new { Amount = 550m, ItemId = itemId, Qty = 2m, UnitPrice = 275m, Description = "Rock Fountain" } }, DueDate = "2025-07-01" }));
        var invoiceId = invoice!["Id"]!.GetValue<string>();
        invoice["TotalAmt"]!.GetValue<decimal>().ShouldBe(550m);
        invoice["Balance"]!.GetValue<decimal>().ShouldBe(550m);

        var payment = await server.RunActionAsync(client, connectionId, "create_payment", Pascal(new { CustomerId = customerId, TotalAmt = 200m, InvoiceId = invoiceId }));
        payment!["Line"]![0]!["LinkedTxn"]![0]!["TxnId"]!.GetValue<string>().ShouldBe(invoiceId);

        var afterPayment = await server.RunActionAsync(client, connectionId, "get_invoice", Pascal(new { InvoiceId = invoiceId }));
        afterPayment!["Balance"]!.GetValue<decimal>().ShouldBe(350m);
        afterPayment["Line"]![0]!["SalesItemLineDetail"]!["ItemRef"]!["name"]!.GetValue<string>().ShouldBe("Rock Fountain");

        var open = await server.RunActionAsync(client, connectionId, "query_invoices", Pascal(new { CustomerId = customerId, UnpaidOnly = true }));
        open!["Records"]!.AsArray().Single()!["DocNumber"]!.GetValue<string>().ShouldBe(afterPayment["DocNumber"]!.GetValue<string>());

        // A stale SyncToken is QuickBooks' Stale Object Error, surfaced as a validation problem on SyncToken.
        using var stale = await client.PostAsJsonAsync($"api/v1/connections/{connectionId}/actions/update_customer", Pascal(new { CustomerId = customerId, SyncToken = "0", Notes = "late" }), ct);
        stale.IsSuccessStatusCode.ShouldBeFalse();
        var problem = await stale.Content.ReadAsStringAsync(ct);
        problem.ShouldContain("fastn:validation");
        problem.ShouldContain("Stale Object Error");
    }
}
