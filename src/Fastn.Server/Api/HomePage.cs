using System.Net;
using Fastn.Engine.Registry;

namespace Fastn.Server.Api;

/// <summary>The landing page at <c>/</c>: what runs here and where to go next (the full dashboard is its own issue).</summary>
public static class HomePage
{
    /// <summary>Maps <c>GET /</c>.</summary>
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (ConnectorRegistry registry) =>
        {
            var rows = string.Concat(registry.All.Select(c =>
                $"<tr><td><code>{WebUtility.HtmlEncode(c.Definition.Name)}</code></td><td>{WebUtility.HtmlEncode(c.Definition.DisplayName)}</td><td>{string.Join(", ", c.Capabilities.AuthKinds)}</td><td>{c.Definition.Actions.Count}</td><td>{c.Definition.Triggers.Count}</td></tr>"));
            return Results.Content($$"""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Fastn</title>
                <style>body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#1b1b1f}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}code{background:#f2f2f5;padding:.1rem .3rem;border-radius:4px}</style></head>
                <body><h1>Fastn</h1><p>The API is under <code>/api/v1</code> (send your API key as <code>Authorization: Bearer fk_…</code>); explore it in <a href="/scalar">Scalar</a> or read <a href="/openapi/v1.json">the OpenAPI document</a>. Health: <a href="/health/ready">/health/ready</a>. Sandbox apps: <a href="/sandbox">/sandbox</a>.</p>
                <h2>Connectors</h2><table><thead><tr><th>Name</th><th>App</th><th>Auth</th><th>Actions</th><th>Triggers</th></tr></thead><tbody>{{rows}}</tbody></table></body></html>
                """, "text/html; charset=utf-8");
        }).ExcludeFromDescription();
        return app;
    }
}
