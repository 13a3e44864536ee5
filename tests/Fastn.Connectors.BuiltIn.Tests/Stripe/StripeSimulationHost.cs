using Fastn.Sandbox;
using Fastn.Sandbox.Vendors.Stripe;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fastn.Connectors.BuiltIn.Tests.Stripe;

/// <summary>The Stripe simulation alone on a real Kestrel at 127.0.0.1 (no Fastn server), for connector-level tests.</summary>
internal sealed class StripeSimulationHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StripeSimulationHost(WebApplication app, Uri sandboxRoot)
    {
        _app = app;
        SandboxRoot = sandboxRoot;
    }

    /// <summary><c>http://127.0.0.1:{port}/sandbox</c>, what <c>StripeConnector.Create</c> takes.</summary>
    public Uri SandboxRoot { get; }

    /// <summary><c>{SandboxRoot}/stripe/v1</c>.</summary>
    public string ApiBaseUrl => SandboxRoot + "/stripe/v1";

    public StripeSimulation Simulation => _app.Services.GetRequiredService<StripeSimulation>();

    public IServiceProvider Services => _app.Services;

    public static async Task<StripeSimulationHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddRouting();
        builder.Services.AddFastnSandbox(o => o.Add(new StripeSandboxApp()));
        var app = builder.Build();
        app.MapFastnSandbox();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StripeSimulationHost(app, new Uri(address.TrimEnd('/') + "/sandbox"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
