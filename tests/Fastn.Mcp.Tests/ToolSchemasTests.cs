using System.Text.RegularExpressions;
using Fastn.Connectors;
using Fastn.Connectors.BuiltIn;
using Fastn.Engine.Connections;
using Fastn.Engine.Registry;
using Fastn.Mcp.Tools;

namespace Fastn.Mcp.Tests;

/// <summary>Every built-in connector's actions become valid, uniquely named MCP tools.</summary>
public sealed partial class ToolSchemasTests
{
    // The MCP specification's tool-name rule (2025-11-25): 1–128 of letters, digits, '_', '-' and '.'.
    [GeneratedRegex("^[A-Za-z0-9_.-]{1,128}$")]
    private static partial Regex ToolName();

    [Fact]
    public void Describe_EveryBuiltInAction_IsAValidToolWithTheConnectionArgument()
    {
        var registry = new ConnectorRegistry();
        var tenant = new TenantInfo("ws_test", "t-1");
        var now = DateTimeOffset.UnixEpoch;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var described = 0;

        foreach (var connector in BuiltInConnectors.All().Select(d => registry.Add(d)))
        {
            IReadOnlyList<ConnectionView> connections =
            [
                new("conn_a", tenant, connector.Definition.Name, "default", ConnectionState.Active, null, "A", new Dictionary<string, string>(), now, now),
                new("conn_b", tenant, connector.Definition.Name, "default", ConnectionState.Active, null, null, new Dictionary<string, string>(), now, now),
            ];
            foreach (var capability in connector.Capabilities.Actions.Where(a => a.McpExposed))
            {
                var action = connector.Definition.FindAction(capability.Name)!;
                var tool = ToolSchemas.Describe(new ConnectorTool(ToolNames.For(connector.Definition.Name, action.Name), connector, action, capability, connections));

                ToolName().IsMatch(tool.Name).ShouldBeTrue(tool.Name);
                names.Add(tool.Name).ShouldBeTrue($"{tool.Name} is named twice");
                tool.Name.ShouldStartWith(connector.Definition.Name.Replace('-', '_') + "_");
                tool.Description.ShouldNotBeNullOrWhiteSpace();
                tool.InputSchema.GetProperty("type").GetString().ShouldBe("object");
                tool.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ShouldContain("connection_id");
                tool.InputSchema.GetProperty("properties").GetProperty("connection_id").GetProperty("enum").GetArrayLength().ShouldBe(2);
                tool.OutputSchema.ShouldNotBeNull().GetProperty("type").GetString().ShouldBe("object");
                tool.Annotations.ShouldNotBeNull().ReadOnlyHint.ShouldBe(capability.ReadOnly);
                tool.Annotations.DestructiveHint.ShouldBe(capability.Destructive);
                tool.Annotations.IdempotentHint.ShouldBe(capability.Idempotent);
                // The action's own schema is not changed by describing it.
                action.InputSchema.ToJsonString().ShouldNotContain("conn_a");
                described++;
            }
        }

        described.ShouldBeGreaterThan(40);
    }

    [Theory]
    [InlineData("slack", "send_message", "slack_send_message")]
    [InlineData("my-app", "create_contact", "my_app_create_contact")]
    [InlineData("acme-crm", "list_contacts", "acme_crm_list_contacts")]
    public void For_ConnectorAndAction_DashesBecomeUnderscores(string connector, string action, string expected) =>
        ToolNames.For(connector, action).ShouldBe(expected);
}
