using System.Net;
using System.Text;
using Fastn.Connectors;
using Fastn.Connectors.Authentication;
using Fastn.Engine.ConnectSessions;
using Fastn.Engine.Errors;
using Fastn.Storage.Workspaces;

namespace Fastn.Server.ConnectPage;

/// <summary>
/// Server-rendered HTML of the hosted connect page: no scripts, a little inline CSS, a label on every input,
/// one column that fits a 360 px wide screen. Every value is HTML-encoded; the API key never appears.
/// </summary>
public static class ConnectPageHtml
{
    /// <summary>Name of the hidden anti-forgery field every form carries.</summary>
    public const string FormTokenField = "_csrf";

    private const string Css = """
        *{box-sizing:border-box}
        body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f6f6f8;color:#1b1b1f;line-height:1.45}
        main{max-width:30rem;margin:0 auto;padding:1.5rem 1rem 3rem}
        .brand{display:flex;align-items:center;gap:.75rem;margin-bottom:1rem;min-height:2.5rem}
        .brand img{width:40px;height:40px;object-fit:contain;border-radius:8px;background:#fff}
        .brand span{font-weight:600;font-size:1.05rem;overflow-wrap:anywhere}
        .card{background:#fff;border:1px solid #e2e2e8;border-radius:12px;padding:1.25rem}
        h1{font-size:1.3rem;margin:0 0 .5rem}
        p{margin:.5rem 0}
        ul{list-style:none;margin:1rem 0 0;padding:0;display:grid;gap:.5rem}
        form{margin:0}
        .app{display:block;width:100%;text-align:left;background:#fff;border:1px solid #c9c9d3;border-radius:10px;padding:.75rem 1rem;font:inherit;color:inherit;text-decoration:none;cursor:pointer}
        .app:hover{border-color:#4f46e5;background:#f7f7ff}
        .app strong{display:block}
        .app small{display:block;color:#55556a;margin-top:.15rem}
        label{display:block;font-weight:600;margin:1rem 0 .3rem}
        input[type=text],input[type=password]{width:100%;padding:.6rem .7rem;border:1px solid #8e8ea0;border-radius:8px;font:inherit;background:#fff;color:inherit}
        .help{color:#55556a;font-size:.9rem;margin:.3rem 0 0}
        .primary{display:block;width:100%;margin-top:1.25rem;background:#4f46e5;color:#fff;border:0;border-radius:8px;padding:.75rem 1rem;font:inherit;font-weight:600;text-align:center;text-decoration:none;cursor:pointer}
        .primary:hover{background:#4338ca}
        a{color:#4338ca}
        :focus-visible{outline:3px solid #4f46e5;outline-offset:2px}
        .error{background:#fdecec;border:1px solid #f1b5b5;color:#7a1717;padding:.75rem;border-radius:8px;margin:0 0 1rem}
        .ok{color:#166534}
        code{background:#f2f2f5;padding:.1rem .3rem;border-radius:4px;overflow-wrap:anywhere}
        footer{margin-top:1rem;color:#6b6b80;font-size:.85rem;text-align:center}
        """;

    /// <summary>The list of apps the session offers.</summary>
    public static string Chooser(Workspace? workspace, ConnectSessionView session, string token, IReadOnlyList<ConnectorDefinition> choices)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(choices);
        var body = new StringBuilder();
        body.Append("<h1 id=\"status\">Connect an app</h1><p>Choose the app to connect. You sign in to it directly; ")
            .Append(E(WorkspaceName(workspace))).Append(" never sees your password.</p>");
        if (choices.Count == 0)
        {
            body.Append("<p class=\"error\" role=\"alert\">No apps are available on this link.</p>");
        }

        body.Append("<ul id=\"apps\">");
        foreach (var app in choices)
        {
            var action = ConnectorUrl(app.Name, token);
            var inner = $"<strong>{E(app.DisplayName)}</strong><small>{E(app.Description)}</small>";
            body.Append("<li>");
            if (app.Auth.Count == 1 && ConnectSessionService.UsesOAuthRedirect(app) && app.Auth.Default!.Fields.Count == 0)
            {
                // Nothing to ask: the button starts the app's sign-in directly (POST, with the anti-forgery value).
                body.Append($"<form method=\"post\" action=\"{E(action)}\">{Hidden(session)}<button class=\"app\" type=\"submit\" data-connector=\"{E(app.Name)}\">{inner}</button></form>");
            }
            else
            {
                body.Append($"<a class=\"app\" href=\"{E(action)}\" data-connector=\"{E(app.Name)}\">{inner}</a>");
            }

            body.Append("</li>");
        }

        body.Append("</ul>");
        return Layout(workspace, "Connect an app", body.ToString());
    }

    /// <summary>The form of one app: its credential fields (or OAuth connection parameters), with an optional error.</summary>
    public static string Form(Workspace? workspace, ConnectSessionView session, string token, ConnectorDefinition app,
        FastnException? error = null, IReadOnlyDictionary<string, string>? entered = null, string? methodId = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(app);
        var method = app.Auth.Find(methodId) ?? app.Auth.Default!;
        var oauth = ConnectSessionService.UsesOAuthRedirect(method);
        var body = new StringBuilder();
        body.Append($"<h1 id=\"status\">Connect {E(app.DisplayName)}</h1>");
        if (error is not null)
        {
            body.Append(ErrorBox(error));
        }

        if (app.Auth.Count > 1)
        {
            // Every way the app offers to sign in, the chosen one marked; each is a link to its own form.
            body.Append("<nav id=\"auth-methods\" aria-label=\"Sign-in method\"><p>Sign in with:</p><ul>");
            foreach (var m in app.Auth)
            {
                var label = m.Label ?? m.EffectiveId;
                body.Append(m == method
                    ? $"<li><strong aria-current=\"true\" data-auth-method=\"{E(m.EffectiveId)}\">{E(label)}</strong></li>"
                    : $"<li><a href=\"{E(ConnectorUrl(app.Name, token) + "&method=" + Uri.EscapeDataString(m.EffectiveId))}\" data-auth-method=\"{E(m.EffectiveId)}\">{E(label)}</a></li>");
            }

            body.Append("</ul></nav>");
        }

        body.Append(oauth
            ? $"<p>You will be sent to {E(app.DisplayName)} to sign in and allow access.</p>"
            : $"<p>Enter your {E(app.DisplayName)} credentials. They are checked with {E(app.DisplayName)} and stored encrypted.</p>");
        body.Append($"<form method=\"post\" action=\"{E(ConnectorUrl(app.Name, token))}\" autocomplete=\"off\">{Hidden(session)}");
        body.Append($"<input type=\"hidden\" name=\"{ConnectSessionService.AuthMethodField}\" value=\"{E(method.EffectiveId)}\">");
        foreach (var field in method.Fields)
        {
            body.Append(Field(field, entered));
        }

        body.Append($"<button class=\"primary\" type=\"submit\">{(oauth ? "Continue to " + E(app.DisplayName) : "Connect")}</button></form>");
        body.Append($"<p><a href=\"{E(ChooserUrl(token))}\">Back to all apps</a></p>");
        return Layout(workspace, "Connect " + app.DisplayName, body.ToString());
    }

    /// <summary>The success state: names the app and, with a return URL, sends the user there.</summary>
    public static string Success(Workspace? workspace, ConnectorDefinition? app, ConnectSessionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var name = app?.DisplayName ?? outcome.Connection.Connector;
        var body = new StringBuilder();
        body.Append($"<h1 id=\"status\">Connected</h1><p class=\"ok\" role=\"status\">Your {E(name)} account is connected to {E(WorkspaceName(workspace))}.</p>");
        body.Append($"<p>Connection id: <code id=\"connection-id\">{E(outcome.Connection.Id)}</code></p>");
        string? refresh = null;
        if (outcome.ReturnUrl is { } url)
        {
            refresh = $"<meta http-equiv=\"refresh\" content=\"2;url={E(url)}\">";
            body.Append($"<a class=\"primary\" id=\"return-link\" href=\"{E(url)}\">Continue to {E(WorkspaceName(workspace))}</a>");
        }
        else
        {
            body.Append("<p>You can close this window.</p>");
        }

        return Layout(workspace, name + " connected", body.ToString(), refresh);
    }

    /// <summary>A page for a problem that ends the flow (unknown, expired or used link; app not offered…).</summary>
    public static string Error(Workspace? workspace, FastnException problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Layout(workspace, problem.Title, $"<h1 id=\"status\">{E(problem.Title)}</h1>{ErrorBox(problem)}");
    }

    /// <summary>The chooser URL of a token (relative to this server).</summary>
    public static string ChooserUrl(string token) => "/connect?session=" + Uri.EscapeDataString(token);

    /// <summary>The URL of one app's form (relative to this server).</summary>
    public static string ConnectorUrl(string connector, string token) =>
        $"/connect/{Uri.EscapeDataString(connector)}?session={Uri.EscapeDataString(token)}";

    private static string Field(CredentialField field, IReadOnlyDictionary<string, string>? entered)
    {
        var id = "f-" + field.Name;
        var sb = new StringBuilder();
        sb.Append($"<label for=\"{E(id)}\">{E(field.Label)}{(field.Required ? "" : " <small>(optional)</small>")}</label>");
        sb.Append($"<input id=\"{E(id)}\" name=\"{E(field.Name)}\" type=\"{(field.Secret ? "password" : "text")}\"");
        if (field.Required)
        {
            sb.Append(" required");
        }

        if (field.Pattern is { } pattern)
        {
            sb.Append($" pattern=\"{E(pattern)}\"");
        }

        if (field.Placeholder is { } placeholder)
        {
            sb.Append($" placeholder=\"{E(placeholder)}\"");
        }

        // Secrets are never echoed back into the page.
        if (!field.Secret && entered is not null && entered.TryGetValue(field.Name, out var value))
        {
            sb.Append($" value=\"{E(value)}\"");
        }

        if (field.Help is not null)
        {
            sb.Append($" aria-describedby=\"{E("h-" + field.Name)}\"");
        }

        sb.Append(" autocomplete=\"off\" spellcheck=\"false\">");
        if (field.Help is { } help)
        {
            sb.Append($"<p class=\"help\" id=\"{E("h-" + field.Name)}\">{E(help)}</p>");
        }

        return sb.ToString();
    }

    private static string ErrorBox(FastnException problem) =>
        $"<div class=\"error\" id=\"error\" role=\"alert\" data-type=\"{E(problem.Code)}\"><strong>{E(problem.Title)}.</strong> {E(problem.Detail)}</div>";

    private static string Hidden(ConnectSessionView session) =>
        $"<input type=\"hidden\" name=\"{FormTokenField}\" value=\"{E(session.FormToken)}\">";

    private static string WorkspaceName(Workspace? workspace) => workspace?.Name ?? "the app";

    private static string Layout(Workspace? workspace, string title, string content, string? head = null)
    {
        var logo = workspace?.LogoUrl is { } url ? $"<img src=\"{E(url)}\" alt=\"{E(workspace.Name)} logo\">" : "";
        var brand = workspace is null ? "" : $"<div class=\"brand\">{logo}<span id=\"workspace-name\">{E(workspace.Name)}</span></div>";
        return $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <meta name="referrer" content="no-referrer">{head}<title>{E(title)} · {E(WorkspaceName(workspace))}</title><style>{Css}</style></head>
            <body><main>{brand}<div class="card">{content}</div><footer>Secured by Fastn</footer></main></body></html>
            """;
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
