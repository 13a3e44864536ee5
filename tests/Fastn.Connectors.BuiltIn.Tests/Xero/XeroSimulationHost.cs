using System.Collections.Concurrent;
using System.Text;
using Fastn.Connectors.BuiltIn.Xero;
using Fastn.Connectors.Triggers;
using Fastn.Sandbox;
using Fastn.Sandbox.Vendors.Xero;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fastn.Connectors.BuiltIn.Tests.Xero;

/// <summary>
/// The Xero simulation alone on a real Kestrel at 127.0.0.1, plus a webhook receiver at <c>/receiver</c> that answers
/// the way Fastn's webhook endpoint does with the connector's verifier (401 when invalid, the handshake, else 200).
/// </summary>
internal sealed class XeroSimulationHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<WebhookEvent> _received = new();
    private readonly List<(Func<WebhookEvent, bool> Match, TaskCompletionSource<WebhookEvent> Signal)> _waiters = [];
    private readonly Lock _lock = new();

    private XeroSimulationHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri ReceiverUrl => new(BaseAddress, "receiver");

    public XeroSimulation Simulation => _app.Services.GetRequiredService<XeroSimulation>();

    /// <summary>The connector pointed at this simulation.</summary>
    public ConnectorDefinition Definition => XeroConnector.Create(new Uri(BaseAddress, "sandbox").ToString());

    public string Tenant(int index) => Simulation.Organisations[index].TenantId;

    public static async Task<XeroSimulationHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddRouting();
        builder.Services.AddFastnSandbox(s => s.Add<XeroSandboxApp>());
        var app = builder.Build();
        app.MapFastnSandbox();
        XeroSimulationHost? host = null;
        app.MapPost("/receiver", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var request = new WebhookRequest(buffer.ToArray(), context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()));
            var verdict = XeroWebhooks.Verify(request, new WebhookVerificationContext { SigningSecret = XeroSandboxApp.DefaultWebhookKey });
            if (!verdict.IsValid)
            {
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            }

            if (verdict.Handshake is { } handshake)
            {
                return Results.Text(handshake.Body, handshake.ContentType, Encoding.UTF8, handshake.StatusCode);
            }

            foreach (var e in XeroWebhooks.Extract(request))
            {
                host!.Received(e);
            }

            return Results.Ok();
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host = new XeroSimulationHost(app, new Uri(address.TrimEnd('/') + "/"));
        return host;
    }

    /// <summary>Completes when the receiver got a verified event matching <paramref name="match"/> (past or future).</summary>
    public Task<WebhookEvent> WaitForEventAsync(Func<WebhookEvent, bool> match)
    {
        lock (_lock)
        {
            if (_received.FirstOrDefault(match) is { } seen)
            {
                return Task.FromResult(seen);
            }

            var signal = new TaskCompletionSource<WebhookEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, signal));
            return signal.Task;
        }
    }

    private void Received(WebhookEvent e)
    {
        lock (_lock)
        {
            _received.Enqueue(e);
            foreach (var waiter in _waiters.Where(w => w.Match(e)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
