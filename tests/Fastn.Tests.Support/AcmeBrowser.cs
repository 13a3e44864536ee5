using System.Net;
using System.Text.RegularExpressions;

namespace Fastn.Tests.Support;

/// <summary>
/// Plays the user's browser through the OAuth connect flow: Fastn's start endpoint, Acme's real login and
/// consent pages (HTML forms, no auto-redirect), then Fastn's callback page.
/// </summary>
public static partial class AcmeBrowser
{
    public const string Email = "demo@acme.example";
    public const string Password = "acme-demo";

    /// <summary><c>POST /api/v1/connect/acme-crm</c> through the client; returns the authorization URL.</summary>
    public static async Task<string> StartAsync(FastnServerHost server, string tenant, string? connectionId = null)
    {
        using var client = server.Client(tenant);
        var start = await client.StartConnectAsync("acme-crm", new Fastn.Client.Models.StartConnectRequest(ConnectionId: connectionId), TestContext.Current.CancellationToken);
        start.RedirectUri.ShouldBe(server.BaseUrl + "/oauth/callback");
        return start.AuthorizationUrl;
    }

    /// <summary>Signs in on Acme's login page and answers its consent page; returns where Acme redirected (the callback URL).</summary>
    public static async Task<Uri> AuthorizeAsync(HttpClient browser, string authorizationUrl, string decision = "allow")
    {
        var ct = TestContext.Current.CancellationToken;
        using var loginPage = await browser.GetAsync(authorizationUrl, ct);
        var loginHtml = await loginPage.Content.ReadAsStringAsync(ct);
        loginPage.StatusCode.ShouldBe(HttpStatusCode.OK, loginHtml);
        var (loginAction, loginFields) = ParseForm(loginHtml);
        loginFields["email"] = Email;
        loginFields["password"] = Password;

        using var consentPage = await browser.PostAsync(Resolve(authorizationUrl, loginAction), new FormUrlEncodedContent(loginFields), ct);
        var consentHtml = await consentPage.Content.ReadAsStringAsync(ct);
        consentPage.StatusCode.ShouldBe(HttpStatusCode.OK, consentHtml);
        consentHtml.ShouldContain("contacts.read");
        var (consentAction, consentFields) = ParseForm(consentHtml);
        consentFields["decision"] = decision;

        using var redirect = await browser.PostAsync(Resolve(authorizationUrl, consentAction), new FormUrlEncodedContent(consentFields), ct);
        redirect.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = redirect.Headers.Location.ShouldNotBeNull();
        return location.IsAbsoluteUri ? location : new Uri(new Uri(authorizationUrl), location);
    }

    /// <summary>Opens the callback URL on the server; returns the page's status, heading and connection id (if connected).</summary>
    public static async Task<CallbackPage> OpenCallbackAsync(HttpClient browser, Uri callback)
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = await browser.GetAsync(callback, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        var heading = Heading().Match(html).Groups[1].Value;
        var id = ConnectionId().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
        return new CallbackPage(response.StatusCode, heading, id, html);
    }

    /// <summary>The whole flow for a tenant; returns the connection id the callback page shows.</summary>
    public static async Task<string> ConnectAsync(FastnServerHost server, string tenant, string? connectionId = null)
    {
        var url = await StartAsync(server, tenant, connectionId);
        var callback = await AuthorizeAsync(server.Http, url);
        callback.GetLeftPart(UriPartial.Path).ShouldBe(server.BaseUrl + "/oauth/callback");
        var page = await OpenCallbackAsync(server.Http, callback);
        page.Status.ShouldBe(HttpStatusCode.OK, page.Html);
        page.Heading.ShouldBe("Connected");
        return page.ConnectionId.ShouldNotBeNull();
    }

    public static (string Action, Dictionary<string, string> Fields) ParseForm(string html)
    {
        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value);
        action.ShouldNotBeNullOrEmpty(html);
        var fields = HiddenInput().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        return (action, fields);
    }

    private static Uri Resolve(string pageUrl, string action) => new(new Uri(pageUrl), action);

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<h1 id=\"status\">([^<]*)</h1>")]
    private static partial Regex Heading();

    [GeneratedRegex("<code id=\"connection-id\">([^<]*)</code>")]
    private static partial Regex ConnectionId();
}

/// <summary>What Fastn's OAuth callback page showed.</summary>
public sealed record CallbackPage(HttpStatusCode Status, string Heading, string? ConnectionId, string Html);
