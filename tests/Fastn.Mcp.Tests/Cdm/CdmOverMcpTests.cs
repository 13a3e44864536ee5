using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Schema;
using Fastn.Mcp.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Fastn.Mcp.Tests.Cdm;

/// <summary>CDM records over MCP: <c>fastn_search_entities</c> and the <c>fastn://cdm/…</c> resources, with the official client over real HTTP.</summary>
public sealed class CdmOverMcpTests(McpServerFixture fixture) : IClassFixture<McpServerFixture>
{
    private const string Search = "fastn_search_entities";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SearchEntities_ExactFilter_FindsTheRecordAndSkipsTheConnectorThatCannotFilter()
    {
        var tenant = McpServerFixture.NewTenant();
        var people = await fixture.ConnectAsync(tenant, McpCdmConnectors.People, "k-people-" + tenant);
        var crm = await fixture.ConnectAsync(tenant, McpCdmConnectors.Crm, "k-crm-" + tenant);
        await using var client = await fixture.ClientAsync(tenant);

        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        var result = await client.CallToolAsync(Search, new Dictionary<string, object?>
        {
            ["entity"] = "contacts",
            ["filters"] = new Dictionary<string, object?> { ["email"] = McpCdmConnectors.Email("alan", people) },
        }, cancellationToken: Ct);

        // The tool is offered with the entities the tenant's connections list, and says who filters by what.
        var tool = tools.Single(t => t.Name == Search).ProtocolTool;
        tool.InputSchema.GetProperty("properties").GetProperty("entity").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ShouldBe(["contacts"]);
        tool.Description.ShouldNotBeNull().ShouldContain($"People {people} (filters email)");
        tool.Annotations.ShouldNotBeNull().ReadOnlyHint.ShouldBe(true);

        result.IsError.ShouldNotBe(true, string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text)));
        var structured = result.StructuredContent.ShouldNotBeNull();
        structured.GetProperty("entity").GetString().ShouldBe("CDMContact");
        var hit = structured.GetProperty("results").EnumerateArray().ShouldHaveSingleItem();
        hit.GetProperty("connectionId").GetString().ShouldBe(people);
        hit.GetProperty("connector").GetString().ShouldBe(McpCdmConnectors.People);
        var record = hit.GetProperty("records").EnumerateArray().ShouldHaveSingleItem();
        record.GetProperty("id").GetString().ShouldBe("p2");
        record.GetProperty("email").GetString().ShouldBe(McpCdmConnectors.Email("alan", people));
        record.GetProperty("firstName").GetString().ShouldBe("Alan");
        hit.GetProperty("hasMore").GetBoolean().ShouldBeFalse();
        var skipped = structured.GetProperty("skipped").EnumerateArray().ShouldHaveSingleItem();
        skipped.GetProperty("connectionId").GetString().ShouldBe(crm);
        skipped.GetProperty("connector").GetString().ShouldBe(McpCdmConnectors.Crm);
        skipped.GetProperty("reason").GetString().ShouldBe("CRM cannot filter CDMContact records by 'email'; it filters by no field.");
        // The structured content is what the tool's output schema promises.
        SchemaValidator.Validate(JsonNode.Parse(tool.OutputSchema.ShouldNotBeNull().GetRawText())!.AsObject(), JsonNode.Parse(structured.GetRawText())).ShouldBeNull();
    }

    [Fact]
    public async Task SearchEntities_NoFilter_SearchesEveryListingConnectionUpToTheLimit()
    {
        var tenant = McpServerFixture.NewTenant();
        var people = await fixture.ConnectAsync(tenant, McpCdmConnectors.People, "k-people-" + tenant);
        var crm = await fixture.ConnectAsync(tenant, McpCdmConnectors.Crm, "k-crm-" + tenant);
        await using var client = await fixture.ClientAsync(tenant);

        var result = await client.CallToolAsync(Search, new Dictionary<string, object?> { ["entity"] = "contacts", ["limit"] = 2 }, cancellationToken: Ct);

        var structured = result.StructuredContent.ShouldNotBeNull();
        var results = structured.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("connectionId").GetString()!);
        results.Keys.Order(StringComparer.Ordinal).ShouldBe(new[] { people, crm }.Order(StringComparer.Ordinal));
        results[people].GetProperty("records").EnumerateArray().Select(r => r.GetProperty("email").GetString())
            .ShouldBe([McpCdmConnectors.Email("ada", people), McpCdmConnectors.Email("alan", people)]);
        results[people].GetProperty("hasMore").GetBoolean().ShouldBeTrue();
        // The CRM answered with its fixed page of 3: cut to the limit, and said so.
        results[crm].GetProperty("records").GetArrayLength().ShouldBe(2);
        results[crm].GetProperty("hasMore").GetBoolean().ShouldBeTrue();
        structured.GetProperty("skipped").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task SearchEntities_OneAppFails_IsSkippedWithTheProblemAndTheOthersStillAnswer()
    {
        var tenant = McpServerFixture.NewTenant();
        var failing = await fixture.ConnectAsync(tenant, McpCdmConnectors.People, McpCdmConnectors.RefusedKeyPrefix + tenant);
        var working = await fixture.ConnectAsync(tenant, McpCdmConnectors.People, "k-people-" + tenant);
        await using var client = await fixture.ClientAsync(tenant);

        var result = await client.CallToolAsync(Search, new Dictionary<string, object?> { ["entity"] = "contacts" }, cancellationToken: Ct);

        result.IsError.ShouldNotBe(true);
        var structured = result.StructuredContent.ShouldNotBeNull();
        var hit = structured.GetProperty("results").EnumerateArray().ShouldHaveSingleItem();
        hit.GetProperty("connectionId").GetString().ShouldBe(working);
        hit.GetProperty("records").GetArrayLength().ShouldBe(3);
        var skipped = structured.GetProperty("skipped").EnumerateArray().ShouldHaveSingleItem();
        skipped.GetProperty("connectionId").GetString().ShouldBe(failing);
        skipped.GetProperty("reason").GetString().ShouldNotBeNull().ShouldContain("People refused the search.");
    }

    [Fact]
    public async Task SearchEntities_OtherTenant_SeesNoneOfTheFirstTenantsRecords()
    {
        var tenantA = McpServerFixture.NewTenant();
        var tenantB = McpServerFixture.NewTenant();
        var peopleA = await fixture.ConnectAsync(tenantA, McpCdmConnectors.People, "k-a-" + tenantA);
        var peopleB = await fixture.ConnectAsync(tenantB, McpCdmConnectors.People, "k-b-" + tenantB);
        await using var clientB = await fixture.ClientAsync(tenantB);

        var byAsEmail = await clientB.CallToolAsync(Search, new Dictionary<string, object?>
        {
            ["entity"] = "contacts",
            ["filters"] = new Dictionary<string, object?> { ["email"] = McpCdmConnectors.Email("ada", peopleA) },
        }, cancellationToken: Ct);
        var everything = await clientB.CallToolAsync(Search, new Dictionary<string, object?> { ["entity"] = "contacts", ["limit"] = 25 }, cancellationToken: Ct);

        // B's search runs on B's connection only: A's e-mail matches nothing there, and nothing B gets is A's.
        var hit = byAsEmail.StructuredContent.ShouldNotBeNull().GetProperty("results").EnumerateArray().ShouldHaveSingleItem();
        hit.GetProperty("connectionId").GetString().ShouldBe(peopleB);
        hit.GetProperty("records").GetArrayLength().ShouldBe(0);
        var all = everything.StructuredContent.ShouldNotBeNull().GetProperty("results").EnumerateArray().ShouldHaveSingleItem();
        all.GetProperty("connectionId").GetString().ShouldBe(peopleB);
        var emails = all.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("email").GetString()!).ToList();
        emails.Count.ShouldBe(3);
        emails.ShouldAllBe(e => e.Contains(peopleB));
        everything.Content.OfType<TextContentBlock>().Single().Text.ShouldNotContain(peopleA);
    }

    [Fact]
    public async Task SearchEntities_BadArguments_AreErrorsWithTheDetail()
    {
        var tenant = McpServerFixture.NewTenant();
        await fixture.ConnectAsync(tenant, McpCdmConnectors.People, "k-people-" + tenant);
        await using var client = await fixture.ClientAsync(tenant);

        var unknownEntity = await client.CallToolAsync(Search, new Dictionary<string, object?> { ["entity"] = "widgets" }, cancellationToken: Ct);
        var unlisted = await client.CallToolAsync(Search, new Dictionary<string, object?> { ["entity"] = "products" }, cancellationToken: Ct);
        var unknownField = await client.CallToolAsync(Search, new Dictionary<string, object?>
        {
            ["entity"] = "contacts",
            ["filters"] = new Dictionary<string, object?> { ["colour"] = "red" },
        }, cancellationToken: Ct);
        var tooMany = await client.CallToolAsync(Search, new Dictionary<string, object?> { ["entity"] = "contacts", ["limit"] = 26 }, cancellationToken: Ct);

        AssertError(unknownEntity, "$.entity", "There is no CDM entity \"widgets\". Searchable for this tenant: contacts.");
        AssertError(unlisted, "$.entity", "None of the tenant's active connections can list CDMProduct records; searchable for this tenant: contacts.");
        AssertError(unknownField, "$.filters.colour", "is not a field of CDMContact");
        AssertError(tooMany, "$.limit", "26");
    }

    [Fact]
    public async Task SearchEntities_TenantWithoutListingConnections_IsNotOfferedAndSaysWhy()
    {
        var tenant = McpServerFixture.NewTenant();
        await fixture.ConnectAsync(tenant, McpTestConnectors.Notes, "k-notes-" + tenant);
        await using var client = await fixture.ClientAsync(tenant);

        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        var result = await client.CallToolAsync(Search, new Dictionary<string, object?> { ["entity"] = "contacts" }, cancellationToken: Ct);
        var templates = await client.ListResourceTemplatesAsync(cancellationToken: Ct);
        var resources = await client.ListResourcesAsync(cancellationToken: Ct);

        tools.Select(t => t.Name).ShouldNotContain(Search);
        AssertError(result, "$.entity", "None of the tenant's active connections can list CDMContact records. Connectors that can list them:", McpCdmConnectors.People, McpCdmConnectors.Crm);
        templates.ShouldBeEmpty();
        resources.ShouldBeEmpty();
    }

    [Fact]
    public async Task Resources_ListAndRead_ReturnTheTenantsRecordsOnly()
    {
        var tenantA = McpServerFixture.NewTenant();
        var tenantB = McpServerFixture.NewTenant();
        var peopleA = await fixture.ConnectAsync(tenantA, McpCdmConnectors.People, "k-a-" + tenantA, displayName: "Team A");
        var crmA = await fixture.ConnectAsync(tenantA, McpCdmConnectors.Crm, "k-crm-a-" + tenantA);
        var peopleB = await fixture.ConnectAsync(tenantB, McpCdmConnectors.People, "k-b-" + tenantB);
        await using var clientA = await fixture.ClientAsync(tenantA);
        await using var clientB = await fixture.ClientAsync(tenantB);

        var templates = await clientA.ListResourceTemplatesAsync(cancellationToken: Ct);
        var resourcesA = await clientA.ListResourcesAsync(cancellationToken: Ct);
        var resourcesB = await clientB.ListResourcesAsync(cancellationToken: Ct);
        var read = await clientA.ReadResourceAsync($"fastn://cdm/contacts/{peopleA}", cancellationToken: Ct);
        var badCursor = await Should.ThrowAsync<McpProtocolException>(() => clientA.ReadResourceAsync($"fastn://cdm/contacts/{peopleA}?cursor=not-a-cursor", cancellationToken: Ct).AsTask());

        var template = templates.ShouldHaveSingleItem();
        template.UriTemplate.ShouldBe("fastn://cdm/{entity}/{connectionId}");
        template.MimeType.ShouldBe("application/json");
        template.Description.ShouldNotBeNull().ShouldContain(peopleA);
        resourcesA.Select(r => r.Uri).ShouldBe(new[] { peopleA, crmA }.Order(StringComparer.Ordinal).Select(id => $"fastn://cdm/contacts/{id}"));
        resourcesA.Single(r => r.Uri.EndsWith(peopleA, StringComparison.Ordinal)).Title.ShouldBe("People: contacts (Team A)");
        resourcesB.Select(r => r.Uri).ShouldBe([$"fastn://cdm/contacts/{peopleB}"]);

        var contents = read.Contents.OfType<TextResourceContents>().ShouldHaveSingleItem();
        contents.Uri.ShouldBe($"fastn://cdm/contacts/{peopleA}");
        contents.MimeType.ShouldBe("application/json");
        var page = JsonDocument.Parse(contents.Text).RootElement;
        page.GetProperty("entity").GetString().ShouldBe("CDMContact");
        page.GetProperty("connectionId").GetString().ShouldBe(peopleA);
        page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("email").GetString())
            .ShouldBe(new[] { "ada", "alan", "grace" }.Select(n => McpCdmConnectors.Email(n, peopleA)));
        page.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        // A cursor goes to the unified API as it is, which refuses one it did not write.
        badCursor.ErrorCode.ShouldBe(McpErrorCode.InvalidParams);
        badCursor.Message.ShouldContain("'cursor' is not a page cursor");
    }

    [Theory]
    [InlineData(null, McpErrorCode.InvalidParams)]
    [InlineData("2025-11-25", McpErrorCode.ResourceNotFound)]
    public async Task ReadResource_OtherTenantsOrUnknown_IsResourceNotFound(string? protocolVersion, McpErrorCode expected)
    {
        var tenantA = McpServerFixture.NewTenant();
        var tenantB = McpServerFixture.NewTenant();
        var peopleA = await fixture.ConnectAsync(tenantA, McpCdmConnectors.People, "k-a-" + tenantA);
        await fixture.ConnectAsync(tenantB, McpCdmConnectors.People, "k-b-" + tenantB);
        await using var clientB = await fixture.ClientAsync(tenantB, protocolVersion: protocolVersion);

        var othersConnection = await Should.ThrowAsync<McpProtocolException>(() => clientB.ReadResourceAsync($"fastn://cdm/contacts/{peopleA}", cancellationToken: Ct).AsTask());
        var unknownEntity = await Should.ThrowAsync<McpProtocolException>(() => clientB.ReadResourceAsync($"fastn://cdm/widgets/{peopleA}", cancellationToken: Ct).AsTask());
        var notOurs = await Should.ThrowAsync<McpProtocolException>(() => clientB.ReadResourceAsync("https://example.com/contacts", cancellationToken: Ct).AsTask());

        // The SDK client prefers 2026-07-28, which answers an unknown resource with -32602; earlier revisions with -32002.
        othersConnection.ErrorCode.ShouldBe(expected);
        othersConnection.Message.ShouldContain($"no active connection '{peopleA}' that lists CDMContact records");
        unknownEntity.ErrorCode.ShouldBe(expected);
        notOurs.ErrorCode.ShouldBe(expected);
    }

    private static void AssertError(CallToolResult result, string path, params string[] texts)
    {
        result.IsError.ShouldBe(true);
        var text = result.Content.OfType<TextContentBlock>().Single().Text;
        foreach (var part in texts)
        {
            text.ShouldContain(part, Case.Sensitive);
        }

        var meta = result.Meta.ShouldNotBeNull();
        meta["fastn/type"]!.GetValue<string>().ShouldBe("fastn:validation");
        meta["fastn/path"]!.GetValue<string>().ShouldBe(path);
    }
}
