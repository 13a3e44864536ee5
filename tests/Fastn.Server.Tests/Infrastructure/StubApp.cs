using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fastn.Server.Tests.Infrastructure;

/// <summary>
/// A third-party app stand-in in a real Kestrel on 127.0.0.1: <c>/echo</c> answers JSON, <c>/html</c> a login page,
/// <c>/hang</c> never answers, <c>/flaky</c> answers 503 + Retry-After while <see cref="FlakyFailures"/> lasts.
/// Records what every request carried.
/// </summary>
public sealed class StubApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _flakyFailures;

    private StubApp(WebApplication app) => _app = app;

    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    /// <summary>e.g. http://127.0.0.1:41234</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>host:port, for <c>Fastn:Http:AllowedPrivateHosts</c>.</summary>
    public string Authority => new Uri(BaseUrl).Authority;

    /// <summary>How many of the next <c>/flaky</c> requests answer 503 with <c>Retry-After: 1</c>.</summary>
    public int FlakyFailures
    {
        get => Volatile.Read(ref _flakyFailures);
        set => Volatile.Write(ref _flakyFailures, value);
    }

    /// <summary>Completes when a <c>/hang</c> request was aborted by its client.</summary>
    public TaskCompletionSource HangAborted { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<StubApp> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new StubApp(app);
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        stub.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        return stub;
    }

    public IReadOnlyList<StubRequest> RequestsTo(string path) => [.. Requests.Where(r => r.Path == path)];

    public void ResetHang() => HangAborted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var rawHeader = request.Headers["X-Api-Key"].ToString();
        Requests.Enqueue(new StubRequest(
            request.Method,
            request.Path.Value ?? "",
            request.QueryString.Value ?? "",
            request.Query.TryGetValue("api_key", out var key) ? key.ToString() : null,
            request.Headers.ContainsKey("X-Api-Key") ? rawHeader : null,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            _clock.Elapsed));
        switch (request.Path.Value)
        {
            case "/echo":
                await WriteAsync(context, 200, "application/json", """{"ok":true,"app":"stub"}""");
                break;
            case "/html":
                await WriteAsync(context, 200, "text/html; charset=utf-8", "<!doctype html><html><head><title>Sign in</title></head><body><form>Sign in to Stub</form></body></html>");
                break;
            case "/hang":
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    HangAborted.TrySetResult();
                }

                break;
            case "/flaky" when Interlocked.Decrement(ref _flakyFailures) >= 0:
                context.Response.Headers.RetryAfter = "1";
                await WriteAsync(context, 503, "application/json", """{"error":"unavailable"}""");
                break;
            case "/flaky":
                await WriteAsync(context, 200, "application/json", """{"ok":true,"app":"stub"}""");
                break;
            default:
                await WriteAsync(context, 404, "application/json", """{"error":"not_found"}""");
                break;
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
    }
}

/// <summary>One request the stub received.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path.</param>
/// <param name="RawQuery">The query string as sent.</param>
/// <param name="QueryApiKey">The decoded <c>api_key</c> query parameter.</param>
/// <param name="HeaderApiKey">The <c>X-Api-Key</c> header.</param>
/// <param name="Headers">Every header.</param>
/// <param name="At">When it arrived (stub clock).</param>
public sealed record StubRequest(string Method, string Path, string RawQuery, string? QueryApiKey, string? HeaderApiKey, IReadOnlyDictionary<string, string> Headers, TimeSpan At);
