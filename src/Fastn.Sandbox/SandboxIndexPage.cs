using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Fastn.Sandbox;

/// <summary>The sandbox's index: every app with its URL and test credentials, as HTML for a browser or JSON for a script.</summary>
internal static class SandboxIndexPage
{
    public static IResult Render(HttpContext context, SandboxUrls urls, IReadOnlyList<ISandboxApp> apps)
    {
        var entries = apps.Select(a => (App: a, Info: a.Info, Url: urls.AppBaseUrl(context, a.Name))).ToList();
        if (!WantsHtml(context.Request))
        {
            return Results.Json(new
            {
                apps = entries.Select(e => new
                {
                    name = e.App.Name,
                    displayName = e.Info.DisplayName,
                    url = e.Url,
                    summary = e.Info.Summary,
                    testCredentials = e.Info.TestCredentials.Select(c => new { label = c.Label, value = c.Value }),
                }),
            });
        }

        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Fastn sandbox</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}")
            .Append("section{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}code{background:#f4f4f4;padding:0 .25rem}")
            .Append("dt{font-weight:600}dd{margin:0 0 .4rem 0}</style></head><body>")
            .Append("<h1>Fastn sandbox</h1><p>Simulated apps served by this server, so every connector can be connected and run with no internet. ")
            .Append("Sign in with the test credentials below; nothing here is a real account.</p>");
        foreach (var (app, info, url) in entries)
        {
            html.Append("<section id=\"").Append(E(app.Name)).Append("\"><h2>").Append(E(info.DisplayName)).Append("</h2>");
            if (info.Summary.Length > 0)
            {
                html.Append("<p>").Append(E(info.Summary)).Append("</p>");
            }

            html.Append("<p><a href=\"").Append(E(url)).Append("\">").Append(E(url)).Append("</a></p>");
            if (info.TestCredentials.Count > 0)
            {
                html.Append("<dl>");
                foreach (var credential in info.TestCredentials)
                {
                    html.Append("<dt>").Append(E(credential.Label)).Append("</dt><dd><code>").Append(E(credential.Value)).Append("</code></dd>");
                }

                html.Append("</dl>");
            }

            html.Append("</section>");
        }

        html.Append("</body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    /// <summary>The JSON document describing one app, for apps that do not serve their own root.</summary>
    public static IResult AppJson(HttpContext context, SandboxUrls urls, ISandboxApp app) => Results.Json(new
    {
        name = app.Info.DisplayName + " (sandbox)",
        api_base_url = urls.AppBaseUrl(context, app.Name),
        test_credentials = app.Info.TestCredentials.ToDictionary(c => c.Label, c => c.Value),
    });

    private static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(v => v is not null && v.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
