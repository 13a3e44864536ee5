using System.Net;
using System.Text.RegularExpressions;

namespace Fastn.Connectors.BuiltIn.Tests.Infrastructure;

/// <summary>
/// Plays an HTML form like a browser would: reads a page's <c>&lt;form action&gt;</c> (and method) and its hidden inputs,
/// lets the test fill in the visible fields, and submits it (URL-encoded) relative to the page's URL.
/// </summary>
public static partial class HtmlForms
{
    /// <summary>The first form of <paramref name="html"/> (or the one whose action contains <paramref name="actionContains"/>).</summary>
    public static HtmlForm Parse(string html, string? actionContains = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        foreach (Match form in FormPattern().Matches(html))
        {
            var attributes = form.Groups["attrs"].Value;
            var action = WebUtility.HtmlDecode(Attribute(attributes, "action") ?? "");
            if (actionContains is not null && !action.Contains(actionContains, StringComparison.Ordinal))
            {
                continue;
            }

            var method = (Attribute(attributes, "method") ?? "get").ToUpperInvariant();
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match input in InputPattern().Matches(form.Groups["body"].Value))
            {
                var inputAttributes = input.Groups[1].Value;
                if (!string.Equals(Attribute(inputAttributes, "type"), "hidden", StringComparison.OrdinalIgnoreCase)
                    || Attribute(inputAttributes, "name") is not { } name)
                {
                    continue;
                }

                fields[WebUtility.HtmlDecode(name)] = WebUtility.HtmlDecode(Attribute(inputAttributes, "value") ?? "");
            }

            return new HtmlForm(action, method, fields);
        }

        throw new InvalidOperationException(actionContains is null
            ? $"The page has no <form>: {Shorten(html)}"
            : $"The page has no <form> whose action contains '{actionContains}': {Shorten(html)}");
    }

    /// <summary>GETs <paramref name="pageUrl"/>, fails unless 200, and returns the page's HTML.</summary>
    public static async Task<string> GetPageAsync(HttpClient browser, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var ct = TestContext.Current.CancellationToken;
        using var response = await browser.GetAsync(pageUrl, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {pageUrl}: {Shorten(html)}");
        return html;
    }

    /// <summary>
    /// Submits the form of <paramref name="html"/> (served at <paramref name="pageUrl"/>) with its hidden fields plus
    /// <paramref name="fields"/> (which override); the response is not followed.
    /// </summary>
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient browser, Uri pageUrl, string html, IReadOnlyDictionary<string, string>? fields = null, string? actionContains = null) =>
        Parse(html, actionContains).SubmitAsync(browser, pageUrl, fields);

    /// <summary>Where a redirect response points, made absolute against <paramref name="requestUrl"/>; fails unless it is a 3xx.</summary>
    public static Uri RedirectLocation(HttpResponseMessage response, Uri requestUrl)
    {
        ArgumentNullException.ThrowIfNull(response);
        ((int)response.StatusCode).ShouldBeInRange(300, 399, $"expected a redirect from {requestUrl}");
        var location = response.Headers.Location.ShouldNotBeNull();
        return location.IsAbsoluteUri ? location : new Uri(requestUrl, location);
    }

    internal static string Shorten(string text) => text.Length > 2000 ? text[..2000] + "…" : text;

    private static string? Attribute(string attributes, string name)
    {
        var match = Regex.Match(attributes, $"(?:^|\\s){name}\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return !match.Success ? null
            : match.Groups[1].Success ? match.Groups[1].Value
            : match.Groups[2].Success ? match.Groups[2].Value
            : match.Groups[3].Value;
    }

    [GeneratedRegex("<form(?<attrs>[^>]*)>(?<body>.*?)</form>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();
}
