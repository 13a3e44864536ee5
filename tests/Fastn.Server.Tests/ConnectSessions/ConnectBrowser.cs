using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fastn.Server.Tests.Infrastructure;

namespace Fastn.Server.Tests.ConnectSessions;

/// <summary>The end customer's browser on the hosted connect page (cookies kept, redirects not followed) and the backend's calls.</summary>
public sealed partial class ConnectBrowser : IDisposable
{
    private readonly FastnTestServer _server;

    public ConnectBrowser(FastnTestServer server)
    {
        _server = server;
        Cookies = new CookieContainer();
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = Cookies })
        {
            BaseAddress = new Uri(server.BaseUrl + "/"),
        };
    }

    public const string RegisteredReturn = "https://app.example/connected/";

    public static string NewTenant() => "cs-" + Guid.NewGuid().ToString("N")[..12];

    public static async Task RegisterReturnUrlsAsync(FastnTestServer server)
    {
        using var put = await server.SendAsync(HttpMethod.Put, "api/v1/workspace/redirect-urls", json: new { urls = new[] { RegisteredReturn, "https://app.example/settings" } });
        var body = await put.ReadJsonAsync();
        body.GetProperty("urls").EnumerateArray().Select(u => u.GetString()).ShouldBe(["https://app.example/connected/", "https://app.example/settings"]);
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies { get; }

    /// <summary>The backend: <c>POST /api/v1/connect-sessions</c>; returns the 201 body.</summary>
    public static async Task<JsonElement> CreateSessionAsync(FastnTestServer server, object body)
    {
        using var response = await server.SendAsync(HttpMethod.Post, "api/v1/connect-sessions", json: body);
        return await response.ReadJsonAsync(HttpStatusCode.Created);
    }

    public async Task<Page> GetAsync(string url)
    {
        using var response = await Http.GetAsync(url, TestContext.Current.CancellationToken);
        return await Page.ReadAsync(response);
    }

    public async Task<Page> PostFormAsync(string url, IDictionary<string, string> fields, Action<HttpRequestMessage>? adjust = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        adjust?.Invoke(request);
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        return await Page.ReadAsync(response);
    }

    public void Dispose() => Http.Dispose();

    /// <summary>The form whose action starts with <paramref name="actionPrefix"/>: its action and hidden fields.</summary>
    public static (string Action, Dictionary<string, string> Fields) Form(string html, string actionPrefix)
    {
        foreach (Match form in FormRegex().Matches(html))
        {
            var action = WebUtility.HtmlDecode(form.Groups[1].Value);
            if (action.StartsWith(actionPrefix, StringComparison.Ordinal))
            {
                var fields = HiddenRegex().Matches(form.Groups[2].Value)
                    .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
                return (action, fields);
            }
        }

        throw new ShouldAssertException($"No form posting to {actionPrefix} in:\n{html}");
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*)\"[^>]*>(.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormRegex();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenRegex();
}

/// <summary>A response of the connect page.</summary>
public sealed partial record Page(HttpStatusCode Status, string? MediaType, string Html, Uri? Location)
{
    public string Heading => WebUtility.HtmlDecode(HeadingRegex().Match(Html).Groups[1].Value);

    public string? ConnectionId => ConnectionIdRegex().Match(Html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    public string? ErrorType => ErrorRegex().Match(Html) is { Success: true } m ? m.Groups[1].Value : null;

    public string? ReturnLink => ReturnRegex().Match(Html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    public static async Task<Page> ReadAsync(HttpResponseMessage response) => new(
        response.StatusCode,
        response.Content.Headers.ContentType?.MediaType,
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
        response.Headers.Location);

    /// <summary>Asserts an HTML page (never problem+json) with the status and, for errors, the problem type.</summary>
    public Page ShouldBeHtml(HttpStatusCode status, string? errorType = null)
    {
        Status.ShouldBe(status, Html);
        MediaType.ShouldBe("text/html", Html);
        if (errorType is not null)
        {
            ErrorType.ShouldBe(errorType, Html);
        }

        return this;
    }

    [GeneratedRegex("<h1 id=\"status\">([^<]*)</h1>")]
    private static partial Regex HeadingRegex();

    [GeneratedRegex("<code id=\"connection-id\">([^<]*)</code>")]
    private static partial Regex ConnectionIdRegex();

    [GeneratedRegex("id=\"error\" role=\"alert\" data-type=\"([^\"]*)\"")]
    private static partial Regex ErrorRegex();

    [GeneratedRegex("id=\"return-link\" href=\"([^\"]*)\"")]
    private static partial Regex ReturnRegex();
}
