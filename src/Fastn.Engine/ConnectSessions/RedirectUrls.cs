namespace Fastn.Engine.ConnectSessions;

/// <summary>
/// The rules for a workspace's redirect-back URLs. A registered URL is an absolute <c>https</c> URL (plain
/// <c>http</c> only for loopback hosts) without user info, query or fragment. A session's <c>returnUrl</c> is allowed
/// when it has the same scheme, host and port as a registered URL and its path equals the registered path, or
/// starts with it when the registered path ends with <c>/</c> (so <c>https://app.example/connected/</c> allows
/// <c>https://app.example/connected/step-2?x=1</c>, while <c>https://app.example/connected</c> allows only that page,
/// with any query). Fragments are refused because the page appends query parameters.
/// </summary>
public static class RedirectUrls
{
    /// <summary>Checks a URL to register; returns its normalized form, or null with the reason.</summary>
    public static string? Normalize(string? url, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            error = "must be an absolute URL such as https://app.example/connected (at most 2000 characters)";
            return null;
        }

        if (!AllowedScheme(uri))
        {
            error = "must use https (http is allowed only for localhost)";
            return null;
        }

        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            error = "must not contain user info, a query or a fragment";
            return null;
        }

        return uri.GetLeftPart(UriPartial.Path);
    }

    /// <summary>The normalized return URL when it matches one of <paramref name="registered"/>, otherwise null.</summary>
    public static string? Match(string returnUrl, IEnumerable<string> registered)
    {
        ArgumentNullException.ThrowIfNull(registered);
        if (returnUrl.Length > 2000 || !Uri.TryCreate(returnUrl, UriKind.Absolute, out var uri) || !AllowedScheme(uri)
            || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return null;
        }

        foreach (var candidate in registered)
        {
            if (!Uri.TryCreate(candidate, UriKind.Absolute, out var allowed))
            {
                continue;
            }

            var sameOrigin = string.Equals(uri.Scheme, allowed.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(uri.IdnHost, allowed.IdnHost, StringComparison.OrdinalIgnoreCase)
                && uri.Port == allowed.Port;
            var path = uri.AbsolutePath;
            var allowedPath = allowed.AbsolutePath;
            var pathOk = path == allowedPath || (allowedPath.EndsWith('/') && path.StartsWith(allowedPath, StringComparison.Ordinal));
            if (sameOrigin && pathOk)
            {
                return uri.AbsoluteUri;
            }
        }

        return null;
    }

    /// <summary>The return URL with <c>connection_id</c> and <c>connector</c> appended.</summary>
    public static string WithConnection(string returnUrl, string connectionId, string connector)
    {
        ArgumentNullException.ThrowIfNull(returnUrl);
        var separator = returnUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{returnUrl}{separator}connection_id={Uri.EscapeDataString(connectionId)}&connector={Uri.EscapeDataString(connector)}";
    }

    internal static bool AllowedScheme(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
}
