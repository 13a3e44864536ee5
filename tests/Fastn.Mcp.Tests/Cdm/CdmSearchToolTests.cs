using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.BuiltIn;
using Fastn.Connectors.Schema;
using Fastn.Engine.Connections;
using Fastn.Mcp.Cdm;

namespace Fastn.Mcp.Tests.Cdm;

/// <summary>The search tool's description over the built-in connectors that list CDM entities.</summary>
public sealed class CdmSearchToolTests
{
    [Fact]
    public void Describe_BuiltInListingConnectors_IsAValidToolNamingEachConnectionsFilters()
    {
        var tenant = new TenantInfo("ws_test", "t-1");
        var now = DateTimeOffset.UnixEpoch;
        var sources = BuiltInConnectors.All()
            .SelectMany(d => d.Entities.Where(e => e.Cdm is not null && e.Listing is not null).Select(e => new CdmSource(
                new ConnectionView("conn_" + d.Name, tenant, d.Name, "default", ConnectionState.Active, null, null, new Dictionary<string, string>(), now, now), d, e, e.Cdm!)))
            .ToList();

        var tool = CdmSearchTool.Describe(sources).ShouldNotBeNull();

        sources.Count.ShouldBeGreaterThanOrEqualTo(5);
        var input = JsonNode.Parse(tool.InputSchema.GetRawText())!;
        SchemaValidator.SchemaErrors(input).ShouldBeEmpty();
        SchemaValidator.SchemaErrors(JsonNode.Parse(tool.OutputSchema.ShouldNotBeNull().GetRawText())).ShouldBeEmpty();
        input["properties"]!["entity"]!["enum"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe(sources.Select(s => s.PathName).Distinct().Order(StringComparer.Ordinal));
        foreach (var source in sources)
        {
            tool.Description.ShouldNotBeNull().ShouldContain($"{source.Connector.DisplayName} conn_{source.Connector.Name} (");
        }

        // Arguments the schema accepts, and one it does not.
        SchemaValidator.ValidateInput(input.AsObject(), JsonNode.Parse("""{"entity":"contacts","filters":{"email":"ada@example.com"},"limit":25}""")).ShouldBeNull();
        SchemaValidator.ValidateInput(input.AsObject(), JsonNode.Parse("""{"entity":"contacts","limit":0}""")).ShouldNotBeNull().Path.ShouldBe("$.limit");
    }

    [Fact]
    public void Describe_NoListingConnection_OffersNoTool() =>
        CdmSearchTool.Describe([]).ShouldBeNull();
}
