using Fastn.Engine.Connections;
using Fastn.Mcp.Tests.Infrastructure;
using Fastn.Storage;
using Fastn.Storage.Connections;
using Fastn.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace Fastn.Mcp.Tests;

/// <summary>A real OAuth2 connector (Acme CRM on the server's sandbox, connected through its login page) over MCP.</summary>
public sealed class AcmeOverMcpTests(McpServerFixture fixture) : IClassFixture<McpServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CallTool_AcmeConnected_ListsContactsThenSaysReauthWhenTheConnectionNeedsIt()
    {
        var tenant = McpServerFixture.NewTenant();
        var connection = await AcmeBrowser.ConnectAsync(fixture.Host, tenant);
        await using var client = await fixture.ClientAsync(tenant);
        (await client.ListToolsAsync(cancellationToken: Ct)).Select(t => t.Name).ShouldContain("acme_crm_list_contacts");

        var page = await client.CallToolAsync("acme_crm_list_contacts", new Dictionary<string, object?> { ["limit"] = 2 }, cancellationToken: Ct);

        page.IsError.ShouldNotBe(true, page.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text);
        page.StructuredContent.ShouldNotBeNull().GetProperty("data").GetArrayLength().ShouldBe(2);

        // The app rejected a refresh: the connection needs the user, its tools leave the list, and a client that still
        // calls one is told what to do instead of running anything.
        await MarkNeedsReauthAsync(connection, "Acme rejected the refresh token (invalid_grant).");
        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        var stale = await client.CallToolAsync("acme_crm_list_contacts", new Dictionary<string, object?> { ["limit"] = 2 }, cancellationToken: Ct);
        var status = await client.CallToolAsync("fastn_get_integration_status", new Dictionary<string, object?> { ["connection_id"] = connection }, cancellationToken: Ct);

        tools.Select(t => t.Name).ShouldNotContain("acme_crm_list_contacts");
        stale.IsError.ShouldBe(true);
        stale.Meta.ShouldNotBeNull()["fastn/type"]!.GetValue<string>().ShouldBe("fastn:auth-required");
        stale.Content.OfType<TextContentBlock>().Single().Text.ShouldContain("invalid_grant");
        var view = status.StructuredContent.ShouldNotBeNull();
        view.GetProperty("status").GetString().ShouldBe("NeedsReauth");
        view.GetProperty("status_reason").GetString().ShouldNotBeNull().ShouldContain("connect this account again");
        view.GetProperty("tools").GetArrayLength().ShouldBe(0);
    }

    private async Task MarkNeedsReauthAsync(string connectionId, string reason)
    {
        var services = fixture.Host.App.Services;
        await using (var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncSystemScope("test: the app rejected a refresh"))
        {
            (await scope.ServiceProvider.GetRequiredService<ConnectionStore>().UpdateStatusAsync(connectionId, ConnectionStatus.NeedsReauth, reason, Ct)).ShouldBeTrue();
        }

        await services.GetRequiredService<IGrainFactory>().GetGrain<IConnectionGrain>(connectionId).InvalidateAsync();
    }
}
