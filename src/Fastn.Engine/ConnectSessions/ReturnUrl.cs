using System.Globalization;
using Fastn.Engine.Errors;

namespace Fastn.Engine.ConnectSessions;

/// <summary>
/// The one rule for a return URL, where the user's browser is sent after connecting (every surface calls it: the OAuth
/// start, connect sessions, and the OAuth callback and connect page again before they redirect). A return URL is either
/// an absolute URL matching one of the workspace's redirect URLs (see <see cref="RedirectUrls.Match"/>), or, where the
/// surface allows it, a same-origin path: it starts with a single <c>/</c> (not <c>//</c>). Anywhere in it, control
/// characters, whitespace, invisible format characters (browsers strip them, so <c>/\t/evil.example</c> becomes
/// <c>//evil.example</c>) and backslashes (browsers read them as <c>/</c>) are refused, and it has at most
/// <see cref="MaxLength"/> characters. Percent-encoded characters (<c>/%0a/x</c>) are fine: they are redirected to as
/// sent, still encoded, so the browser requests a path on this server.
/// </summary>
public static class ReturnUrl
{
    /// <summary>Longest accepted return URL (the stored column's size).</summary>
    public const int MaxLength = 2000;

    /// <summary>The JSON path of the field in request bodies.</summary>
    public const string JsonPath = "$.returnUrl";

    /// <summary>
    /// Checks <paramref name="value"/> and returns the form to store (null when it is null or empty), or throws the
    /// <c>fastn:validation</c> problem at <c>$.returnUrl</c>. <paramref name="registered"/> is only called for absolute URLs.
    /// </summary>
    public static async Task<string?> RequireAsync(string? value, bool allowPath,
        Func<CancellationToken, Task<IReadOnlyList<string>>> registered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registered);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (Refusal(value, allowPath) is { } why)
        {
            throw Problem(why);
        }

        if (IsPath(value))
        {
            return value;
        }

        var list = await registered(cancellationToken).ConfigureAwait(false);
        return RedirectUrls.Match(value, list) ?? throw Problem(
            $"is not registered for this workspace{(list.Count == 0 ? " (none are)" : "")}. Register it among the workspace's redirect URLs (same scheme, host and port, and the same path or a path under a registered one ending in '/')"
            + (allowPath ? ", or use a path on this server such as /connected" : ""));
    }

    /// <summary>Whether a stored return URL still passes the rule (checked again before redirecting to it). <paramref name="registered"/> is only called for absolute URLs.</summary>
    public static async Task<bool> IsAllowedAsync(string value, bool allowPath,
        Func<CancellationToken, Task<IReadOnlyList<string>>> registered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registered);
        if (Refusal(value, allowPath) is not null)
        {
            return false;
        }

        return IsPath(value) || RedirectUrls.Match(value, await registered(cancellationToken).ConfigureAwait(false)) is not null;
    }

    /// <summary>Whether <paramref name="value"/> passes the rule apart from the registered list: an allowed path, or an absolute <c>https</c> (loopback <c>http</c>) URL.</summary>
    public static bool IsWellFormed(string value, bool allowPath) =>
        Refusal(value, allowPath) is null
        && (IsPath(value) || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && RedirectUrls.AllowedScheme(uri) && uri.UserInfo.Length == 0));

    /// <summary>Why <paramref name="value"/> is refused whatever is registered, or null when it may pass.</summary>
    public static string? Refusal(string value, bool allowPath)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > MaxLength)
        {
            return $"is longer than {MaxLength} characters";
        }

        foreach (var c in value)
        {
            if (c == '\\')
            {
                return "contains a backslash (browsers read it as '/'); percent-encode it as %5C";
            }

            if (IsStripped(c))
            {
                return $"contains the character U+{(int)c:X4} (control, whitespace or invisible characters are dropped by browsers); percent-encode it";
            }
        }

        if (value.StartsWith("//", StringComparison.Ordinal))
        {
            return "starts with '//', which browsers read as another site";
        }

        if (value.StartsWith('/') && !allowPath)
        {
            return "must be an absolute URL registered among the workspace's redirect URLs, not a path";
        }

        return null;
    }

    private static bool IsPath(string value) => value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal);

    private static bool IsStripped(char c) =>
        c < 0x20 || c == 0x7F || char.IsWhiteSpace(c)
        || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static FastnException Problem(string why) =>
        FastnException.Validation($"'returnUrl' {why}. Return URLs are checked to prevent open redirects.", JsonPath);
}
