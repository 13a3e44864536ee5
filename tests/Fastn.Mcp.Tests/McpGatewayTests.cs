using System.Net;
using System.Text;
using System.Text.Json;
using Fastn.Mcp.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Fastn.Mcp.Tests;

/// <summary>The MCP gateway at /mcp, driven by the official MCP C# client over real HTTP.</summary>
public sealed class McpGatewayTests(McpServerFixture fixture) : IClassFixture<McpServerFixture>
{
    private static readonly string[] NativeTools = ["fastn_get_integration_status", "fastn_list_connectors", "fastn_list_integrations"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListTools_TenantWithConnection_SeesOnlyItsConnectorsTools()
    {
        var tenant = McpServerFixture.NewTenant();
        await fixture.ConnectAsync(tenant, McpTestConnectors.Notes, "k-notes-" + tenant);
        await using var client = await fixture.ClientAsync(tenant);

        var tools = await client.ListToolsAsync(cancellationToken: Ct);

        // Sorted by name; the connector's dash became an underscore; internal_sync is not exposed; no other connector shows.
        tools.Select(t => t.Name).ShouldBe([.. NativeTools, "mcp_notes_create_note", "mcp_notes_delete_note", "mcp_notes_list_notes", "mcp_notes_share_note"]);
        var create = tools.Single(t => t.Name == "mcp_notes_create_note").ProtocolTool;
        create.Description.ShouldBe("Create a note with a title (and a priority from 1 to 5); returns the note.");
        create.Annotations.ShouldNotBeNull().ReadOnlyHint.ShouldBe(false);
        create.Annotations.DestructiveHint.ShouldBe(false);
        create.InputSchema.GetProperty("properties").GetProperty("title").GetProperty("type").GetString().ShouldBe("string");
        // One connection: connection_id is offered, not required.
        create.InputSchema.GetProperty("properties").TryGetProperty("connection_id", out _).ShouldBeTrue();
        create.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ShouldBe(["title"]);
        create.OutputSchema.ShouldNotBeNull().GetProperty("properties").TryGetProperty("id", out _).ShouldBeTrue();

        var list = tools.Single(t => t.Name == "mcp_notes_list_notes").ProtocolTool;
        list.Annotations.ShouldNotBeNull().ReadOnlyHint.ShouldBe(true);
        list.Annotations.IdempotentHint.ShouldBe(true);
        // A non-object output is wrapped, so structured content is always an object.
        list.OutputSchema.ShouldNotBeNull().GetProperty("properties").GetProperty("result").GetProperty("type").GetString().ShouldBe("array");
        tools.Single(t => t.Name == "mcp_notes_delete_note").ProtocolTool.Annotations.ShouldNotBeNull().DestructiveHint.ShouldBe(true);

        var connectors = await client.CallToolAsync("fastn_list_connectors", cancellationToken: Ct);
        var byName = connectors.StructuredContent.ShouldNotBeNull().GetProperty("connectors").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        byName[McpTestConnectors.Notes].GetProperty("connected").GetBoolean().ShouldBeTrue();
        byName[McpTestConnectors.Notes].GetProperty("actions").GetInt32().ShouldBe(4);
        byName[McpTestConnectors.Tasks].GetProperty("connected").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task CallTool_ValidInput_ReturnsStructuredContentWithoutTheSecret()
    {
        var tenant = McpServerFixture.NewTenant();
        var secret = "k-secret-" + Guid.NewGuid().ToString("N");
        var connection = await fixture.ConnectAsync(tenant, McpTestConnectors.Notes, secret);
        await using var client = await fixture.ClientAsync(tenant);

        var result = await client.CallToolAsync("mcp_notes_create_note", new Dictionary<string, object?> { ["title"] = "Buy milk", ["priority"] = 2 }, cancellationToken: Ct);

        result.IsError.ShouldNotBe(true);
        var structured = result.StructuredContent.ShouldNotBeNull();
        structured.GetProperty("id").GetString().ShouldBe("note_" + connection);
        structured.GetProperty("title").GetString().ShouldBe("Buy milk");
        structured.GetProperty("priority").GetInt32().ShouldBe(2);
        // The app echoed the key; the model never sees it.
        structured.GetProperty("echo").GetString().ShouldBe("key was ***");
        var text = result.Content.OfType<TextContentBlock>().ShouldHaveSingleItem().Text;
        JsonDocument.Parse(text).RootElement.GetProperty("title").GetString().ShouldBe("Buy milk");
        text.ShouldNotContain(secret);
        result.Meta.ShouldNotBeNull()["fastn/callId"]!.GetValue<string>().ShouldStartWith("call");

        // The one executor recorded the call, as coming from MCP, under the id the result names.
        using var rest = fixture.Host.Client(tenant);
        var call = (await rest.ListCallsAsync(connection, cancellationToken: Ct)).Items.ShouldHaveSingleItem();
        call.Id.ShouldBe(result.Meta["fastn/callId"]!.GetValue<string>());
        call.Caller.ShouldBe("Mcp");
        call.Input!["title"]!.GetValue<string>().ShouldBe("Buy milk");
        call.Input.AsObject().ContainsKey("connection_id").ShouldBeFalse();

        var wrapped = await client.CallToolAsync("mcp_notes_list_notes", cancellationToken: Ct);
        wrapped.StructuredContent.ShouldNotBeNull().GetProperty("result").EnumerateArray().Select(e => e.GetString()).ShouldBe(["first", "second"]);
    }

    [Fact]
    public async Task ListTools_OtherTenant_SeesNoneOfTheFirstTenantsTools()
    {
        var tenantA = McpServerFixture.NewTenant();
        var tenantB = McpServerFixture.NewTenant();
        var connectionA = await fixture.ConnectAsync(tenantA, McpTestConnectors.Notes, "k-a-" + tenantA);
        await fixture.ConnectAsync(tenantB, McpTestConnectors.Tasks, "k-b-" + tenantB);
        await using var clientB = await fixture.ClientAsync(tenantB);

        var tools = await clientB.ListToolsAsync(cancellationToken: Ct);

        tools.Select(t => t.Name).ShouldBe([.. NativeTools, "mcp_tasks_add_task"]);
        // A's tool name is unknown to B (a protocol error, as the MCP specification says for unknown tools) …
        var unknown = await Should.ThrowAsync<McpProtocolException>(() => clientB.CallToolAsync("mcp_notes_create_note",
            new Dictionary<string, object?> { ["title"] = "x", ["connection_id"] = connectionA }, cancellationToken: Ct).AsTask());
        unknown.ErrorCode.ShouldBe(McpErrorCode.InvalidParams);
        // … and A's connection is not found through B's native tools either.
        var status = await clientB.CallToolAsync("fastn_get_integration_status", new Dictionary<string, object?> { ["connection_id"] = connectionA }, cancellationToken: Ct);
        status.IsError.ShouldBe(true);
        status.Content.OfType<TextContentBlock>().Single().Text.ShouldContain("does not exist");
        var integrations = await clientB.CallToolAsync("fastn_list_integrations", cancellationToken: Ct);
        integrations.StructuredContent.ShouldNotBeNull().GetProperty("integrations").EnumerateArray()
            .Select(i => i.GetProperty("connector").GetString()).ShouldBe([McpTestConnectors.Tasks]);
    }

    [Fact]
    public async Task CallTool_BadArgument_IsErrorWithJsonPath()
    {
        var tenant = McpServerFixture.NewTenant();
        await fixture.ConnectAsync(tenant, McpTestConnectors.Notes, "k-bad-" + tenant);
        await using var client = await fixture.ClientAsync(tenant);

        var outOfRange = await client.CallToolAsync("mcp_notes_create_note", new Dictionary<string, object?> { ["title"] = "x", ["priority"] = 9 }, cancellationToken: Ct);
        var unknownField = await client.CallToolAsync("mcp_notes_create_note", new Dictionary<string, object?> { ["title"] = "x", ["colour"] = "red" }, cancellationToken: Ct);
        var wrongConnection = await client.CallToolAsync("mcp_notes_create_note", new Dictionary<string, object?> { ["title"] = "x", ["connection_id"] = "conn_nope" }, cancellationToken: Ct);

        outOfRange.IsError.ShouldBe(true);
        outOfRange.Content.OfType<TextContentBlock>().Single().Text.ShouldContain("$.priority");
        outOfRange.Meta.ShouldNotBeNull()["fastn/path"]!.GetValue<string>().ShouldBe("$.priority");
        outOfRange.Meta["fastn/type"]!.GetValue<string>().ShouldBe("fastn:validation");
        unknownField.IsError.ShouldBe(true);
        unknownField.Content.OfType<TextContentBlock>().Single().Text.ShouldContain("colour");
        wrongConnection.IsError.ShouldBe(true);
        wrongConnection.Content.OfType<TextContentBlock>().Single().Text.ShouldContain("$.connection_id");
    }

    [Theory]
    [InlineData("refused", "fastn:upstream", null)]
    [InlineData("invalid", "fastn:validation", "$.recipient")]
    [InlineData("reauth", "fastn:auth-required", null)]
    public async Task CallTool_AppRefuses_IsErrorSayingWhyWithoutTheSecret(string outcome, string type, string? path)
    {
        var tenant = McpServerFixture.NewTenant();
        var secret = "k-refuse-" + Guid.NewGuid().ToString("N");
        await fixture.ConnectAsync(tenant, McpTestConnectors.Notes, secret);
        await using var client = await fixture.ClientAsync(tenant);

        var result = await client.CallToolAsync("mcp_notes_share_note", new Dictionary<string, object?> { ["outcome"] = outcome }, cancellationToken: Ct);

        result.IsError.ShouldBe(true);
        var meta = result.Meta.ShouldNotBeNull();
        meta["fastn/type"]!.GetValue<string>().ShouldBe(type);
        var text = result.Content.OfType<TextContentBlock>().Single().Text;
        text.ShouldNotContain(secret);
        if (path is not null)
        {
            meta["fastn/path"]!.GetValue<string>().ShouldBe(path);
            text.ShouldContain(path);
        }

        if (outcome == "refused")
        {
            meta["fastn/upstreamStatus"]!.GetValue<int>().ShouldBe(403);
            text.ShouldContain("may not share");
        }
    }

    [Fact]
    public async Task ListTools_ConnectionAddedMidSession_ShowsInNextList()
    {
        var tenant = McpServerFixture.NewTenant();
        await fixture.ConnectAsync(tenant, McpTestConnectors.Notes, "k-mid-" + tenant);
        await using var client = await fixture.ClientAsync(tenant);
        (await client.ListToolsAsync(cancellationToken: Ct)).Select(t => t.Name).ShouldNotContain("mcp_tasks_add_task");

        await fixture.ConnectAsync(tenant, McpTestConnectors.Tasks, "k-mid-tasks-" + tenant);
        var tools = await client.ListToolsAsync(cancellationToken: Ct);

        tools.Select(t => t.Name).ShouldContain("mcp_tasks_add_task");
        var added = await client.CallToolAsync("mcp_tasks_add_task", new Dictionary<string, object?> { ["text"] = "call Bob" }, cancellationToken: Ct);
        added.StructuredContent.ShouldNotBeNull().GetProperty("text").GetString().ShouldBe("call Bob");
    }

    [Fact]
    public async Task CallTool_SeveralConnections_RequiresConnectionIdFromTheEnum()
    {
        var tenant = McpServerFixture.NewTenant();
        var first = await fixture.ConnectAsync(tenant, McpTestConnectors.Notes, "k-one-" + tenant, "Work");
        var second = await fixture.ConnectAsync(tenant, McpTestConnectors.Notes, "k-two-" + tenant, "Home");
        await using var client = await fixture.ClientAsync(tenant);

        var tool = (await client.ListToolsAsync(cancellationToken: Ct)).Single(t => t.Name == "mcp_notes_create_note").ProtocolTool;
        var missing = await client.CallToolAsync("mcp_notes_create_note", new Dictionary<string, object?> { ["title"] = "x" }, cancellationToken: Ct);
        var chosen = await client.CallToolAsync("mcp_notes_create_note", new Dictionary<string, object?> { ["title"] = "x", ["connection_id"] = second }, cancellationToken: Ct);

        var argument = tool.InputSchema.GetProperty("properties").GetProperty("connection_id");
        argument.GetProperty("enum").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal).ShouldBe(new[] { first, second }.Order(StringComparer.Ordinal));
        tool.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ShouldBe(["title", "connection_id"]);
        missing.IsError.ShouldBe(true);
        missing.Meta.ShouldNotBeNull()["fastn/path"]!.GetValue<string>().ShouldBe("$.connection_id");
        chosen.IsError.ShouldNotBe(true);
        chosen.StructuredContent.ShouldNotBeNull().GetProperty("id").GetString().ShouldBe("note_" + second);
    }

    [Theory]
    [InlineData(null)] // the client's preference: 2026-07-28, no initialize handshake
    [InlineData("2025-11-25")]
    [InlineData("2025-06-18")]
    [InlineData("2025-03-26")]
    public async Task ListAndCall_EachProtocolRevision_Works(string? protocolVersion)
    {
        var tenant = McpServerFixture.NewTenant();
        await fixture.ConnectAsync(tenant, McpTestConnectors.Tasks, "k-rev-" + tenant);
        await using var client = await fixture.ClientAsync(tenant, protocolVersion: protocolVersion);

        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        var result = await client.CallToolAsync("mcp_tasks_add_task", new Dictionary<string, object?> { ["text"] = "rev" }, cancellationToken: Ct);

        client.NegotiatedProtocolVersion.ShouldBe(protocolVersion ?? "2026-07-28");
        tools.Select(t => t.Name).ShouldContain("mcp_tasks_add_task");
        result.StructuredContent.ShouldNotBeNull().GetProperty("text").GetString().ShouldBe("rev");
    }

    [Fact]
    public async Task Post_NoApiKey_Is401ProblemAndNoToolList()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Add("x-fastn-space-tenantid", McpServerFixture.NewTenant());

        using var response = await fixture.Host.Http.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(body).RootElement.GetProperty("type").GetString().ShouldBe("fastn:unauthenticated");
        body.ShouldNotContain("tools");
        await Should.ThrowAsync<HttpRequestException>(() => fixture.ClientAsync(McpServerFixture.NewTenant(), apiKey: "fk_unknownkey"));
    }

    [Fact]
    public async Task OpenApiDocument_LeavesOutTheJsonRpcEndpoint()
    {
        using var response = await fixture.Host.Http.GetAsync("openapi/v1.json", Ct);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain(p => p.StartsWith("/api/v1/", StringComparison.Ordinal));
        paths.ShouldNotContain(p => p.StartsWith("/mcp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_StatelessEndpoint_Is405NotAStream()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "mcp");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new("Bearer", fixture.Host.AdminKey);
        request.Headers.Add("x-fastn-space-tenantid", McpServerFixture.NewTenant());

        using var response = await fixture.Host.Http.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldBe(["POST"]);
    }

    [Fact]
    public async Task Post_NoTenant_Is400ProblemNamingTheHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new("Bearer", fixture.Host.AdminKey);

        using var response = await fixture.Host.Http.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("x-fastn-space-tenantid");
    }

    [Fact]
    public async Task ListTools_TenantScopedKey_ActsForItsTenantWithoutHeader()
    {
        var tenant = McpServerFixture.NewTenant();
        await fixture.ConnectAsync(tenant, McpTestConnectors.Tasks, "k-scoped-" + tenant);
        var key = await fixture.Host.Client().CreateApiKeyAsync("mcp-" + tenant, tenant, Ct);
        await using var client = await fixture.ClientAsync(tenant: null, apiKey: key.Key);

        var tools = await client.ListToolsAsync(cancellationToken: Ct);

        tools.Select(t => t.Name).ShouldContain("mcp_tasks_add_task");
        // The key cannot be pointed at another tenant.
        var other = await Should.ThrowAsync<HttpRequestException>(() => fixture.ClientAsync(McpServerFixture.NewTenant(), apiKey: key.Key));
        other.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
