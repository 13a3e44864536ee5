using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;

namespace Fastn.Connectors.BuiltIn.Tests.Salesforce;

public sealed class SalesforceServerTests
{
    [Fact]
    public async Task Server_OAuthConnectThenEveryAction_WorksAgainstTheSimulation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FastnTestServer.StartAsync();
        var client = server.CreateClient("tenant-salesforce");

        // The connector's page shows actions, triggers, entities and CDM coverage.
        var connector = JsonNode.Parse(await client.GetStringAsync("api/v1/connectors/salesforce", ct))!;
        connector["actions"]!.AsArray().Count.ShouldBe(9);
        connector["triggers"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ShouldBe(["contact_changed", "opportunity_changed", "contact_deleted"]);
        connector["entities"]!.AsArray().Count.ShouldBe(4);
        connector["entities"]!.AsArray().ShouldAllBe(e => e!["coverage"]!["ratio"]!.GetValue<double>() >= 0.8);

        // Connect the way Salesforce does: the "Allow Access?" page (PKCE), Allow, back to Fastn's callback.
        var connectionId = await server.ConnectOAuthAsync(client, "salesforce", async (browser, url) =>
        {
            url.Query.ShouldContain("code_challenge=");
            var html = await HtmlForms.GetPageAsync(browser, url);
            html.ShouldContain("Allow Access?");
            html.ShouldContain("refresh_token");
            using var allowed = await HtmlForms.SubmitAsync(browser, url, html, new Dictionary<string, string> { ["decision"] = "allow" });
            return HtmlForms.RedirectLocation(allowed, url);
        });

        var limits = await server.RunActionAsync(client, connectionId, "get_limits", null);
        limits!["DailyApiRequests"]!["Max"]!.GetValue<long>().ShouldBe(15000);

        // 250 seeded contacts come back in batches of 200: the action follows nextRecordsUrl.
        var all = await server.RunActionAsync(client, connectionId, "query", new { soql = "SELECT Id, Name, Email FROM Contact ORDER BY CreatedDate" });
        all!["totalSize"]!.GetValue<int>().ShouldBe(250);
        all["done"]!.GetValue<bool>().ShouldBeTrue();
        all["records"]!.AsArray().Count.ShouldBe(250);
        all["records"]![0]!["attributes"]!["type"]!.GetValue<string>().ShouldBe("Contact");

        var firstBatch = await server.RunActionAsync(client, connectionId, "query", new { soql = "SELECT Id FROM Contact", maxRecords = 1 });
        firstBatch!["records"]!.AsArray().Count.ShouldBe(200);
        var rest = await server.RunActionAsync(client, connectionId, "query", new { nextRecordsUrl = firstBatch["nextRecordsUrl"]!.GetValue<string>() });
        rest!["records"]!.AsArray().Count.ShouldBe(50);

        var account = await server.RunActionAsync(client, connectionId, "create_account",
            new { name = "Analytical Engines", website = "https://www.engines.example", industry = "Technology", numberOfEmployees = 12, billingCity = "London" });
        var accountId = account!["id"]!.GetValue<string>();
        accountId.ShouldStartWith("001");
        account["success"]!.GetValue<bool>().ShouldBeTrue();

        var contact = await server.RunActionAsync(client, connectionId, "create_contact",
            new { firstName = "Ada", lastName = "Lovelace", email = "ada@engines.example", accountId, mailingCity = "London" });
        var contactId = contact!["id"]!.GetValue<string>();
        contactId.ShouldStartWith("003");

        var updated = await server.RunActionAsync(client, connectionId, "update_contact", new { contactId, phone = "+44 20 7946 0000", title = "Analyst" });
        updated!["updated"]!.GetValue<bool>().ShouldBeTrue();

        var read = await server.RunActionAsync(client, connectionId, "get_record", new { sobjectType = "Contact", recordId = contactId, fields = new[] { "FirstName", "Phone", "MailingAddress" } });
        read!["FirstName"]!.GetValue<string>().ShouldBe("Ada");
        read["Phone"]!.GetValue<string>().ShouldBe("+44 20 7946 0000");
        read["MailingAddress"]!["city"]!.GetValue<string>().ShouldBe("London");

        var joined = await server.RunActionAsync(client, connectionId, "query", new { soql = $"SELECT Id, Title, Account.Name FROM Contact WHERE Email = 'ada@engines.example'" });
        joined!["totalSize"]!.GetValue<int>().ShouldBe(1);
        joined["records"]![0]!["Account"]!["Name"]!.GetValue<string>().ShouldBe("Analytical Engines");
        joined["records"]![0]!["Title"]!.GetValue<string>().ShouldBe("Analyst");

        var lead = await server.RunActionAsync(client, connectionId, "create_lead", new { firstName = "Grace", lastName = "Hopper", company = "Navy", email = "grace@navy.example" });
        var leadId = lead!["id"]!.GetValue<string>();
        leadId.ShouldStartWith("00Q");
        var leadRecord = await server.RunActionAsync(client, connectionId, "get_record", new { sobjectType = "Lead", recordId = leadId });
        leadRecord!["Status"]!.GetValue<string>().ShouldBe("Open - Not Contacted");

        var opportunity = await server.RunActionAsync(client, connectionId, "create_opportunity",
            new { name = "Engine order", stageName = "Prospecting", closeDate = "2025-07-31", accountId, contactId, amount = 5000 });
        var opportunityId = opportunity!["id"]!.GetValue<string>();
        var deal = await server.RunActionAsync(client, connectionId, "get_record", new { sobjectType = "Opportunity", recordId = opportunityId });
        deal!["Amount"]!.GetValue<decimal>().ShouldBe(5000m);
        deal["IsClosed"]!.GetValue<bool>().ShouldBeFalse();
        deal["AccountId"]!.GetValue<string>().ShouldBe(accountId);

        var describe = await server.RunActionAsync(client, connectionId, "describe_sobject", new { sobjectType = "Opportunity" });
        describe!["keyPrefix"]!.GetValue<string>().ShouldBe("006");
        describe["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "StageName")!["picklistValues"]!.AsArray().Count.ShouldBe(10);

        // Salesforce's errors come back typed: a validation rule on Amount, a required field, a malformed query.
        using (var negative = await client.PostAsJsonAsync($"api/v1/connections/{connectionId}/actions/create_opportunity",
            new { name = "Refund", stageName = "Prospecting", closeDate = "2025-07-31", amount = -10 }, ct))
        {
            var problem = await negative.Content.ReadAsStringAsync(ct);
            problem.ShouldContain("fastn:validation");
            problem.ShouldContain("Amount cannot be negative.");
        }

        using (var malformed = await client.PostAsJsonAsync($"api/v1/connections/{connectionId}/actions/query", new { soql = "SELECT Nope FROM Contact" }, ct))
        {
            var problem = await malformed.Content.ReadAsStringAsync(ct);
            problem.ShouldContain("fastn:upstream");
            problem.ShouldContain("No such column 'Nope'");
        }

        // An ended session answers 401 INVALID_SESSION_ID; the runtime refreshes (the refresh token does not rotate) and retries.
        using (var expire = await client.PostAsync(new Uri(server.SandboxAddress, "salesforce/_sandbox/sessions/expire"), null, ct))
        {
            expire.IsSuccessStatusCode.ShouldBeTrue();
        }

        var afterExpiry = await server.RunActionAsync(client, connectionId, "get_record", new { sobjectType = "Account", recordId = accountId, fields = new[] { "Name" } });
        afterExpiry!["Name"]!.GetValue<string>().ShouldBe("Analytical Engines");

        // Past the daily API limit: 403 REQUEST_LIMIT_EXCEEDED is fastn:rate-limited.
        using (var exhaust = await client.PostAsync(new Uri(server.SandboxAddress, "salesforce/_sandbox/limits?api_requests_used=15000"), null, ct))
        {
            exhaust.IsSuccessStatusCode.ShouldBeTrue();
        }

        using var limited = await client.PostAsJsonAsync($"api/v1/connections/{connectionId}/actions/get_limits", new { }, ct);
        (await limited.Content.ReadAsStringAsync(ct)).ShouldContain("fastn:rate-limited");
    }
}
