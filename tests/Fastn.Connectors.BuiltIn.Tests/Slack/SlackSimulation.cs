using Fastn.Sandbox;
using Fastn.Sandbox.Vendors.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fastn.Connectors.BuiltIn.Tests.Slack;

/// <summary>The Slack simulation alone on a real Kestrel at 127.0.0.1 (a free port), mounted at /sandbox/slack.</summary>
internal sealed class SlackSimulation : IAsyncDisposable
{
    private SlackSimulation(WebApplication app, string sandboxBaseUrl)
    {
        App = app;
        SandboxBaseUrl = sandboxBaseUrl;
    }

    public WebApplication App { get; }

    /// <summary><c>http://127.0.0.1:{port}/sandbox</c>, what <c>SlackConnector.Create</c> takes.</summary>
    public string SandboxBaseUrl { get; }

    public SlackWorkspace Workspace => App.Services.GetRequiredService<SlackWorkspace>();

    public SlackEvents Events => App.Services.GetRequiredService<SlackEvents>();

    public static async Task<SlackSimulation> StartAsync(Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddFastnSandbox(o => o.Add<SlackSandboxApp>());
        var app = builder.Build();
        app.MapFastnSandbox();
        map?.Invoke(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SlackSimulation(app, address.TrimEnd('/') + "/sandbox");
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
