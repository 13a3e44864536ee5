using System.Net.Http.Headers;
using System.Text.Json;
using Fastn.Samples.Acme;
using Fastn.Sandbox;
using Fastn.Sandbox.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Fastn.Samples.Tests.Acme;

/// <summary>The sandbox with Acme in a real Kestrel on 127.0.0.1 and a port of its own, on a fake clock.</summary>
internal sealed class AcmeSandboxHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private AcmeSandboxHost(WebApplication app, FakeTimeProvider time, string rootUrl)
    {
        _app = app;
        Time = time;
        RootUrl = rootUrl;
        BaseUrl = rootUrl + "/sandbox/acme";
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl + "/") };
    }

    public FakeTimeProvider Time { get; }

    /// <summary>e.g. http://127.0.0.1:41234</summary>
    public string RootUrl { get; }

    /// <summary>e.g. http://127.0.0.1:41234/sandbox/acme</summary>
    public string BaseUrl { get; }

    /// <summary>Client with BaseAddress = BaseUrl + "/", not following redirects.</summary>
    public HttpClient Http { get; }

    public AcmeState State => _app.Services.GetRequiredService<AcmeState>();

    public WebhookDispatcher Dispatcher => _app.Services.GetRequiredService<WebhookDispatcher>();

    public static async Task<AcmeSandboxHost> StartAsync(
        Action<AcmeOptions>? configure = null, Action<WebhookDispatcherOptions>? webhooks = null, Action<SandboxOptions>? sandbox = null)
    {
        var time = new FakeTimeProvider(Start);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        var sandboxBuilder = builder.Services.AddFastnSandbox(o => o.Add(new AcmeSandboxApp(options => configure?.Invoke(options))));
        if (sandbox is not null)
        {
            sandboxBuilder.Configure(sandbox);
        }

        if (webhooks is not null)
        {
            builder.Services.Configure(webhooks);
        }

        var app = builder.Build();
        app.MapFastnSandbox();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new AcmeSandboxHost(app, time, address.TrimEnd('/'));
    }

    /// <summary>A client sending the given access token.</summary>
    public HttpClient ApiClient(string accessToken)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl + "/api/v1/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(TestContext.Current.CancellationToken);
        await _app.DisposeAsync();
    }
}
