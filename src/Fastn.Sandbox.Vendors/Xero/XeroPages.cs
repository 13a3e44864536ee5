using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace Fastn.Sandbox.Vendors.Xero;

/// <summary>Xero's sign-in and consent pages: plain forms (no antiforgery token) a browser or a scripted HttpClient can submit.</summary>
internal static class XeroPages
{
    private const string Css = """
        body{font-family:system-ui,sans-serif;background:#f2f3f7;margin:0;display:flex;justify-content:center}
        main{background:#fff;margin-top:8vh;padding:2rem 2.5rem;border-radius:10px;box-shadow:0 2px 12px #0002;width:26rem}
        .brand{color:#13b5ea;font-weight:700;letter-spacing:.05em} h1{font-size:1.3rem}
        label{display:block;margin:.8rem 0 .2rem} input[type=email],input[type=password],select{width:100%;padding:.5rem;box-sizing:border-box}
        button{margin-top:1.2rem;padding:.55rem 1.2rem;border:0;border-radius:6px;font-size:1rem;cursor:pointer}
        .primary{background:#13b5ea;color:#fff} .secondary{background:#e9ecef;margin-left:.5rem}
        .hint{background:#e7f8fd;border:1px solid #a5e3f6;padding:.6rem;border-radius:6px;font-size:.85rem}
        .error{background:#fff5f5;border:1px solid #ffc9c9;color:#c92a2a;padding:.6rem;border-radius:6px}
        """;

    public static IResult Login(XeroSimulation.AuthRequest request, string action, string? error = null)
    {
        var body = new StringBuilder("<h1>Log in to Xero</h1>");
        if (error is not null)
        {
            body.Append("<p class=\"error\" id=\"login-error\">").Append(E(error)).Append("</p>");
        }

        body.Append("<p class=\"hint\">Sandbox account: <code>").Append(E(XeroSandboxApp.DemoEmail)).Append("</code> / <code>")
            .Append(E(XeroSandboxApp.DemoPassword)).Append("</code></p>");
        body.Append("<form method=\"post\" action=\"").Append(E(action)).Append("\" id=\"login-form\">");
        body.Append("<input type=\"hidden\" name=\"request_id\" value=\"").Append(E(request.Id)).Append("\">");
        body.Append("<label for=\"email\">Email address</label><input type=\"email\" id=\"email\" name=\"email\" required>");
        body.Append("<label for=\"password\">Password</label><input type=\"password\" id=\"password\" name=\"password\" required>");
        body.Append("<button type=\"submit\" class=\"primary\" id=\"login\">Log in</button></form>");
        return Page("Login | Xero", body.ToString());
    }

    public static IResult Consent(XeroSimulation.AuthRequest request, string action, IReadOnlyList<SimOrganisation> organisations)
    {
        var body = new StringBuilder("<h1><strong>Fastn (local)</strong> wants to access your Xero data</h1><ul id=\"scopes\">");
        foreach (var scope in request.Scopes)
        {
            body.Append("<li><code>").Append(E(scope)).Append("</code></li>");
        }

        body.Append("</ul><form method=\"post\" action=\"").Append(E(action)).Append("\" id=\"consent-form\">");
        body.Append("<input type=\"hidden\" name=\"request_id\" value=\"").Append(E(request.Id)).Append("\">");
        body.Append("<label for=\"tenant_id\">Organisation</label><select id=\"tenant_id\" name=\"tenant_id\">");
        for (var i = 0; i < organisations.Count; i++)
        {
            body.Append("<option value=\"").Append(E(organisations[i].TenantId)).Append('"').Append(i == 0 ? " selected" : "").Append('>')
                .Append(E(organisations[i].Name)).Append("</option>");
        }

        body.Append("</select>");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"allow\" class=\"primary\" id=\"allow\">Allow access</button>");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"deny\" class=\"secondary\" id=\"deny\">Cancel</button></form>");
        return Page("Authorise | Xero", body.ToString());
    }

    public static IResult Error(string title, string message) =>
        Page(title + " | Xero", $"<h1>{E(title)}</h1><p class=\"error\" id=\"oauth-error\">{E(message)}</p>", StatusCodes.Status400BadRequest);

    private static IResult Page(string title, string body, int status = StatusCodes.Status200OK) =>
        Results.Content($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(title)}</title><style>{Css}</style></head>"
            + $"<body><main><div class=\"brand\">xero · sandbox</div>{body}</main></body></html>", "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string E(string value) => HtmlEncoder.Default.Encode(value);
}
