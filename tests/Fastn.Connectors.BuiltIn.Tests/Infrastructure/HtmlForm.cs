namespace Fastn.Connectors.BuiltIn.Tests.Infrastructure;

/// <summary>A form read from a page: its action (as written, maybe relative), method and hidden fields.</summary>
/// <param name="Action">The form's action attribute, HTML-decoded (empty: the page's own URL).</param>
/// <param name="Method">GET or POST.</param>
/// <param name="Fields">Hidden inputs by name; add the visible ones before submitting.</param>
public sealed record HtmlForm(string Action, string Method, Dictionary<string, string> Fields)
{
    /// <summary>The action made absolute against the page's URL.</summary>
    public Uri Target(Uri pageUrl) => Action.Length == 0 ? pageUrl : new Uri(pageUrl, Action);

    /// <summary>Submits the hidden fields plus <paramref name="fields"/> (which override) URL-encoded; redirects are not followed.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, Uri pageUrl, IReadOnlyDictionary<string, string>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var values = new Dictionary<string, string>(Fields, StringComparer.Ordinal);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        var ct = TestContext.Current.CancellationToken;
        var target = Target(pageUrl);
        if (Method == "GET")
        {
            var query = string.Join('&', values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"));
            return await browser.GetAsync(new UriBuilder(target) { Query = query }.Uri, ct);
        }

        using var content = new FormUrlEncodedContent(values);
        return await browser.PostAsync(target, content, ct);
    }
}
