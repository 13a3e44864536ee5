using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace Fastn.Samples.Acme.OAuth;

/// <summary>
/// The HTML of the login, consent and error pages. Plain forms with a hidden <c>request_id</c> and no
/// antiforgery token, so a browser or a scripted HttpClient can walk the flow.
/// </summary>
internal static class AcmeOAuthPages
{
    private const string Css = """
        body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;display:flex;justify-content:center}
        main{background:#fff;margin-top:8vh;padding:2rem 2.5rem;border-radius:12px;box-shadow:0 2px 12px #0002;width:24rem}
        h1{font-size:1.3rem;margin:0 0 .25rem} .brand{color:#d9480f;font-weight:700;letter-spacing:.05em}
        label{display:block;margin:.8rem 0 .2rem;font-size:.9rem} input[type=email],input[type=password]{width:100%;padding:.5rem;box-sizing:border-box}
        button{margin-top:1.2rem;padding:.55rem 1.2rem;border:0;border-radius:6px;font-size:1rem;cursor:pointer}
        .primary{background:#d9480f;color:#fff} .secondary{background:#e9ecef;margin-left:.5rem}
        .hint{background:#fff4e6;border:1px solid #ffd8a8;padding:.6rem;border-radius:6px;font-size:.85rem}
        .error{background:#fff5f5;border:1px solid #ffc9c9;color:#c92a2a;padding:.6rem;border-radius:6px}
        code{background:#f1f3f5;padding:0 .2rem}
        """;

    public static IResult Login(AuthorizationRequest request, string action, AcmeOptions options, string? error = null, string? email = null)
    {
        var body = new StringBuilder();
        body.Append("<h1>Sign in to Acme CRM</h1>");
        body.Append("<p><strong>").Append(E(request.Client.DisplayName)).Append("</strong> wants to connect to your Acme account.</p>");
        if (error is not null)
        {
            body.Append("<p class=\"error\" id=\"login-error\">").Append(E(error)).Append("</p>");
        }

        body.Append("<p class=\"hint\">Sandbox test account: <code>").Append(E(options.DemoEmail))
            .Append("</code> / <code>").Append(E(options.DemoPassword)).Append("</code></p>");
        body.Append("<form method=\"post\" action=\"").Append(E(action)).Append("\" id=\"login-form\">");
        body.Append("<input type=\"hidden\" name=\"request_id\" value=\"").Append(E(request.Id)).Append("\">");
        body.Append("<label for=\"email\">E-mail</label><input type=\"email\" id=\"email\" name=\"email\" autocomplete=\"username\" required value=\"")
            .Append(E(email ?? string.Empty)).Append("\">");
        body.Append("<label for=\"password\">Password</label><input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>");
        body.Append("<button type=\"submit\" class=\"primary\" id=\"sign-in\">Sign in</button></form>");
        return Page("Sign in – Acme CRM", body.ToString(), StatusCodes.Status200OK);
    }

    public static IResult Consent(AuthorizationRequest request, string action, AcmeAccount account)
    {
        var body = new StringBuilder();
        body.Append("<h1>Allow access?</h1>");
        body.Append("<p>Signed in as <strong>").Append(E(account.Email)).Append("</strong> (").Append(E(account.CompanyName)).Append(").</p>");
        body.Append("<p><strong>").Append(E(request.Client.DisplayName)).Append("</strong> is asking to:</p><ul id=\"scopes\">");
        foreach (var scope in request.Scopes)
        {
            body.Append("<li><code>").Append(E(scope)).Append("</code> – ").Append(E(AcmeScopes.Describe(scope))).Append("</li>");
        }

        body.Append("</ul><form method=\"post\" action=\"").Append(E(action)).Append("\" id=\"consent-form\">");
        body.Append("<input type=\"hidden\" name=\"request_id\" value=\"").Append(E(request.Id)).Append("\">");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"allow\" class=\"primary\" id=\"allow\">Allow</button>");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"deny\" class=\"secondary\" id=\"deny\">Deny</button></form>");
        return Page("Authorize – Acme CRM", body.ToString(), StatusCodes.Status200OK);
    }

    public static IResult Error(string title, string message, int statusCode = StatusCodes.Status400BadRequest) =>
        Page(
            $"{title} – Acme CRM",
            $"<h1>{E(title)}</h1><p class=\"error\" id=\"oauth-error\">{E(message)}</p><p>You can close this window and try again from the application.</p>",
            statusCode);

    private static IResult Page(string title, string body, int statusCode) =>
        Results.Content(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + $"<title>{E(title)}</title><style>{Css}</style></head><body><main><div class=\"brand\">ACME CRM · sandbox</div>{body}</main></body></html>",
            "text/html; charset=utf-8", Encoding.UTF8, statusCode);

    private static string E(string value) => HtmlEncoder.Default.Encode(value);
}
