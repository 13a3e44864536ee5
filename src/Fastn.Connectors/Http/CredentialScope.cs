namespace Fastn.Connectors.Http;

/// <summary>
/// Where a connection's credentials may go: the origin of the connector's base URL, and the hosts it declares in
/// <c>Capabilities.AllowedHosts</c> (<c>host</c> or <c>host:port</c>). A cursor, <c>next</c> link or redirect
/// that points anywhere else is sent without credentials. The runtime and the test kit apply the same rule.
/// </summary>
public sealed class CredentialScope
{
    private readonly Uri? _origin;
    private readonly (string Host, int? Port)[] _hosts;

    private CredentialScope(Uri? origin, (string Host, int? Port)[] hosts)
    {
        _origin = origin;
        _hosts = hosts;
    }

    /// <summary>A scope of the base address's origin plus the declared hosts.</summary>
    public static CredentialScope For(Uri? baseAddress, IEnumerable<string> declaredHosts)
    {
        ArgumentNullException.ThrowIfNull(declaredHosts);
        var hosts = declaredHosts.Select(Parse).ToArray();
        return new CredentialScope(baseAddress is { IsAbsoluteUri: true } ? baseAddress : null, hosts);
    }

    /// <summary>Whether credentials may be applied to a request for <paramref name="uri"/>.</summary>
    public bool Allows(Uri? uri)
    {
        if (uri is not { IsAbsoluteUri: true })
        {
            return false;
        }

        if (_origin is not null && SameOrigin(uri, _origin))
        {
            return true;
        }

        // A declared host gets credentials over https, or over the base URL's own scheme (a local http sandbox).
        var schemeOk = uri.Scheme == Uri.UriSchemeHttps || (_origin is not null && uri.Scheme == _origin.Scheme);
        return schemeOk && _hosts.Any(h => string.Equals(h.Host, uri.IdnHost, StringComparison.OrdinalIgnoreCase) && (h.Port is null || h.Port == uri.Port));
    }

    /// <summary>Same scheme, host and port.</summary>
    public static bool SameOrigin(Uri a, Uri b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.IsAbsoluteUri && b.IsAbsoluteUri
            && string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
            && a.Port == b.Port;
    }

    private static (string Host, int? Port) Parse(string entry)
    {
        var text = entry.Trim();
        var colon = text.LastIndexOf(':');
        return colon > 0 && !text.EndsWith(']') && int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            ? (text[..colon].Trim('[', ']'), port)
            : (text.Trim('[', ']'), null);
    }
}
