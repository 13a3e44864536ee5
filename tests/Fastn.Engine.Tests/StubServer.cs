using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fastn.Engine.Tests;

/// <summary>A real Kestrel app on 127.0.0.1 whose responses a test scripts; records every request.</summary>
public sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubServer(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<(string Method, string Path, string? Authorization, string? IdempotencyKey, string Body)> Requests { get; } = new();

    public Func<HttpContext, Task> Handler { get; set; } = ctx => ctx.Response.WriteAsync("{}");

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<StubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new StubServer(app);
        app.Run(async ctx =>
        {
            using var reader = new StreamReader(ctx.Request.Body);
            var body = await reader.ReadToEndAsync();
            stub.Requests.Enqueue((ctx.Request.Method, ctx.Request.Path + ctx.Request.QueryString, ctx.Request.Headers.Authorization.FirstOrDefault(),
                ctx.Request.Headers["Idempotency-Key"].FirstOrDefault(), body));
            await stub.Handler(ctx);
        });
        await app.StartAsync();
        stub.BaseAddress = new Uri(app.Urls.First() + "/");
        return stub;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
