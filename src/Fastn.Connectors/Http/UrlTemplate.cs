using System.Globalization;
using System.Text;

namespace Fastn.Connectors.Http;

/// <summary>
/// Builds request URLs from a template such as <c>"repos/{owner}/{repo}/issues"</c> and values that come from
/// the caller. Each value in the path becomes exactly one escaped path segment, so input can never move a
/// request to another endpoint: <c>/</c>, <c>?</c> and <c>#</c> are escaped, and a value that is empty,
/// <c>.</c> or <c>..</c> (also percent-encoded, such as <c>%2e%2e</c>) is refused with a
/// <see cref="ConnectorValidationException"/> before any request is sent. Also on <c>ctx.Http.Path(…)</c>.
/// </summary>
/// <example>
/// <code>
/// ctx.Http.GetJsonAsync&lt;Repository&gt;(ctx.Http.Path("repos/{owner}/{repo}", input.Owner, input.Repo), ct);
/// // owner "octo cat", repo "a/b" → "repos/octo%20cat/a%2Fb"; owner ".." → ConnectorValidationException (a 400)
/// </code>
/// </example>
public static class UrlTemplate
{
    private const int MaxQuoted = 40;

    /// <summary>
    /// Fills the <c>{name}</c> placeholders of <paramref name="template"/> with <paramref name="values"/>, in
    /// order. A placeholder in the path is escaped as one path segment (see <see cref="Segment"/>); one after a
    /// <c>?</c> is escaped as a query value. The template itself is the connector's own text and is kept as is;
    /// keep it relative (no leading <c>/</c>) so requests stay under the connector's base URL.
    /// </summary>
    /// <param name="template">The relative URL with placeholders, e.g. <c>"customers/{id}"</c> or <c>"sobjects/{type}/{id}?fields={fields}"</c>.</param>
    /// <param name="values">One value per placeholder: strings, numbers or anything else formatted with the invariant culture.</param>
    /// <returns>The URL with every value escaped.</returns>
    /// <exception cref="ConnectorValidationException">A path value is missing, empty, <c>.</c> or <c>..</c> (or a percent-encoding of them).</exception>
    /// <exception cref="ArgumentException">The template is malformed or the number of values does not match its placeholders (a connector bug).</exception>
    public static string Path(string template, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var query = template.IndexOf('?', StringComparison.Ordinal);
        var builder = new StringBuilder(template.Length + 32);
        var next = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '}')
            {
                throw new ArgumentException($"The URL template '{template}' has a '}}' without an opening '{{'.", nameof(template));
            }

            if (c != '{')
            {
                builder.Append(c);
                continue;
            }

            var close = template.IndexOf('}', i + 1);
            if (close < 0)
            {
                throw new ArgumentException($"The URL template '{template}' has a '{{' without a closing '}}'.", nameof(template));
            }

            var name = template[(i + 1)..close];
            if (next >= values.Length)
            {
                throw new ArgumentException($"The URL template '{template}' has more placeholders than the {values.Length} value(s) given.", nameof(values));
            }

            var value = values[next++];
            builder.Append(query >= 0 && i > query ? QueryValue(value) : Escape(value, name.Length == 0 ? "value" : name, template));
            i = close;
        }

        if (next != values.Length)
        {
            throw new ArgumentException($"The URL template '{template}' has {next} placeholder(s) but {values.Length} value(s) were given.", nameof(values));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Escapes one value as exactly one URL path segment (<c>/</c> becomes <c>%2F</c>), refusing a value that is
    /// missing, empty, <c>.</c> or <c>..</c>, also when percent-encoded (<c>%2e</c>, <c>%2E%2E</c>, <c>%252e%252e</c>),
    /// since a server or proxy that decodes it would resolve it to the parent path.
    /// </summary>
    /// <param name="value">The value (formatted with the invariant culture).</param>
    /// <param name="name">What the value is, for the error message (<c>owner</c>).</param>
    /// <returns>The escaped segment.</returns>
    /// <exception cref="ConnectorValidationException">The value cannot be a path segment; no request should be sent.</exception>
    public static string Segment(object? value, string name = "value") => Escape(value, name, template: null);

    private static string Escape(object? value, string name, string? template)
    {
        var text = Format(value);
        if (text is null || IsDotSegment(text))
        {
            var what = text is null ? "missing" : text.Length == 0 ? "empty" : $"'{Quote(text)}'";
            var where = template is null ? "a URL path segment" : $"{{{name}}} in the URL path '{template}'";
            throw new ConnectorValidationException(
                $"The {name} is {what}, which cannot be {where}: a path segment must not be empty, '.' or '..' (or a percent-encoding of them), " +
                "since the request would go to another endpoint. Pass the real value; nothing was sent to the app.");
        }

        return Uri.EscapeDataString(text);
    }

    private static string QueryValue(object? value) => Uri.EscapeDataString(Format(value) ?? "");

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    // Decodes up to a few times: a value encoded twice (%252e) is still '.' to a server that decodes twice.
    private static bool IsDotSegment(string text)
    {
        for (var round = 0; round < 4; round++)
        {
            if (text.Length == 0 || text is "." or "..")
            {
                return true;
            }

            var decoded = Uri.UnescapeDataString(text);
            if (decoded == text)
            {
                return false;
            }

            text = decoded;
        }

        return true;
    }

    private static string Quote(string text) =>
        text.Length <= MaxQuoted ? text : string.Concat(text.AsSpan(0, MaxQuoted), "…");
}
