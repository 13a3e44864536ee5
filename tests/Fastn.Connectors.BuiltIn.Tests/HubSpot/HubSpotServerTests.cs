using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;

namespace Fastn.Connectors.BuiltIn.Tests.HubSpot;

public sealed class HubSpotServerTests
{
    [Fact]
    public async Task Server_OAuthConnectThenEveryAction_WorksAgainstTheSimulation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FastnTestServer.StartAsync();
        var client = server.CreateClient("tenant-hubspot");

        // The connector's page shows actions, triggers, entities and CDM coverage.
        var connector = JsonNode.Parse(await client.GetStringAsync("api/v1/connectors/hubspot", ct))!;
        connector["actions"]!.AsArray().Count.ShouldBe(11);
        connector["triggers"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ShouldBe(["contact_event", "deal_event", "contact_changed"]);
        connector["entities"]!.AsArray().ShouldAllBe(e => e!["coverage"]!["ratio"]!.GetValue<double>() >= 0.8);

        // Connect the way HubSpot does: the consent page, "Connect app", back to Fastn's callback.
        var connectionId = await server.ConnectOAuthAsync(client, "hubspot", async (browser, url) =>
        {
            var html = await HtmlForms.GetPageAsync(browser, url);
            html.ShouldContain("crm.objects.contacts.write");
            using var allowed = await HtmlForms.SubmitAsync(browser, url, html, new Dictionary<string, string> { ["decision"] = "allow" });
            return HtmlForms.RedirectLocation(allowed, url);
        });

        var account = await server.RunActionAsync(client, connectionId, "get_account", null);
        account!["portalId"]!.GetValue<long>().ShouldBe(44012345);

        var page = await server.RunActionAsync(client, connectionId, "list_contacts", new { limit = 5 });
        page!["results"]!.AsArray().Count.ShouldBe(5);
        var after = page["paging"]!["next"]!["after"]!.GetValue<string>();
        var next = await server.RunActionAsync(client, connectionId, "list_contacts", new { limit = 5, after });
        next!["results"]![0]!["id"]!.GetValue<string>().ShouldBe(after);

        var contact = await server.RunActionAsync(client, connectionId, "create_contact",
            new { email = "ada@lovelace.example", firstname = "Ada", lastname = "Lovelace", city = "London" });
        var contactId = contact!["id"]!.GetValue<string>();
        contact["properties"]!["firstname"]!.GetValue<string>().ShouldBe("Ada");

        var byEmail = await server.RunActionAsync(client, connectionId, "get_contact", new { contactId = "ada@lovelace.example", idProperty = "email" });
        byEmail!["id"]!.GetValue<string>().ShouldBe(contactId);
        byEmail["properties"]!["city"]!.GetValue<string>().ShouldBe("London");

        var updated = await server.RunActionAsync(client, connectionId, "update_contact", new { contactId, phone = "+44 20 7946 0000" });
        updated!["properties"]!["phone"]!.GetValue<string>().ShouldBe("+44 20 7946 0000");

        var found = await server.RunActionAsync(client, connectionId, "search_contacts", new { email = "ada@lovelace.example" });
        found!["total"]!.GetValue<int>().ShouldBe(1);
        found["results"]![0]!["properties"]!["phone"]!.GetValue<string>().ShouldBe("+44 20 7946 0000");

        var company = await server.RunActionAsync(client, connectionId, "create_company", new { name = "Analytical Engines", domain = "engines.example", numberofemployees = 12 });
        var companyId = company!["id"]!.GetValue<string>();
        company["properties"]!["numberofemployees"]!.GetValue<string>().ShouldBe("12");

        var association = await server.RunActionAsync(client, connectionId, "associate_contact_with_company", new { contactId, companyId });
        association!["status"]!.GetValue<string>().ShouldBe("COMPLETE");
        association["results"]![0]!["associationSpec"]!["associationTypeId"]!.GetValue<int>().ShouldBe(279);

        var deal = await server.RunActionAsync(client, connectionId, "create_deal", new { dealname = "Engine order", amount = 5000, closedate = "2025-07-31", companyId, contactId });
        var dealId = deal!["id"]!.GetValue<string>();

        var deals = await server.RunActionAsync(client, connectionId, "list_deals", new { limit = 100 });
        var listed = deals!["results"]!.AsArray().Single(d => d!["id"]!.GetValue<string>() == dealId)!;
        listed["properties"]!["amount"]!.GetValue<string>().ShouldBe("5000");
        listed["associations"]!["companies"]!["results"]![0]!["id"]!.GetValue<string>().ShouldBe(companyId);
        listed["associations"]!["contacts"]!["results"]![0]!["id"]!.GetValue<string>().ShouldBe(contactId);

        var archived = await server.RunActionAsync(client, connectionId, "archive_contact", new { contactId });
        archived!["archived"]!.GetValue<bool>().ShouldBeTrue();

        // The archived contact is gone: HubSpot's 404 comes back as problem+json fastn:upstream.
        using var gone = await client.PostAsJsonAsync($"api/v1/connections/{connectionId}/actions/get_contact", new { contactId }, ct);
        gone.IsSuccessStatusCode.ShouldBeFalse();
        (await gone.Content.ReadAsStringAsync(ct)).ShouldContain("fastn:upstream");

        // A duplicate e-mail is HubSpot's 409, not a second contact.
        var seededEmail = page["results"]![0]!["properties"]!["email"]!.GetValue<string>();
        using var duplicate = await client.PostAsJsonAsync($"api/v1/connections/{connectionId}/actions/create_contact", new { email = seededEmail }, ct);
        (await duplicate.Content.ReadAsStringAsync(ct)).ShouldContain("Contact already exists");
    }
}
