namespace Fastn.Connectors.Authentication;

/// <summary>An API key in a header (<c>X-API-Key: …</c>, optionally prefixed) or a query parameter (<c>?api_key=…</c>).</summary>
public sealed record ApiKeyAuth : AuthMethod
{
    /// <inheritdoc />
    public override AuthKind Kind => AuthKind.ApiKey;

    /// <summary>Header or query.</summary>
    public ApiKeyLocation In { get; init; } = ApiKeyLocation.Header;

    /// <summary>The header or query parameter name.</summary>
    public string Name { get; init; } = "X-API-Key";

    /// <summary>Text placed before the key, e.g. <c>Token </c> or <c>Bearer </c> (include the space).</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Label of the key field.</summary>
    public string KeyLabel { get; init; } = "API key";

    /// <summary>Help for the key field.</summary>
    public string? KeyHelp { get; init; }

    /// <summary>An optional pattern the key must match (e.g. <c>^sk_(test|live)_[A-Za-z0-9]+$</c>).</summary>
    public string? KeyPattern { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<CredentialField> Fields => [new("api_key", KeyLabel) { Secret = true, Help = KeyHelp, Pattern = KeyPattern }];

    /// <inheritdoc />
    public override ValueTask ApplyAsync(HttpRequestMessage request, AuthCredentials credentials, CancellationToken cancellationToken)
    {
        var value = Prefix + credentials.Get("api_key");
        if (In == ApiKeyLocation.Header)
        {
            TokenHeader.EnsureHeaderSafe(value, Name);
            request.Headers.Remove(Name);
            request.Headers.TryAddWithoutValidation(Name, value);
        }
        else
        {
            request.RequestUri = QueryString.With(request.RequestUri, Name, value);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Adds or replaces one query parameter on a (possibly relative) URI.</summary>
internal static class QueryString
{
    public static Uri With(Uri? uri, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var text = uri.OriginalString;
        var fragmentAt = text.IndexOf('#', StringComparison.Ordinal);
        var fragment = fragmentAt >= 0 ? text[fragmentAt..] : "";
        if (fragmentAt >= 0)
        {
            text = text[..fragmentAt];
        }

        var queryAt = text.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt >= 0 ? text[..queryAt] : text;
        var pairs = queryAt >= 0
            ? text[(queryAt + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Where(p => !string.Equals(Uri.UnescapeDataString(p.Split('=')[0]), name, StringComparison.Ordinal)).ToList()
            : [];
        pairs.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
        return new Uri($"{path}?{string.Join('&', pairs)}{fragment}", uri.IsAbsoluteUri ? UriKind.Absolute : UriKind.Relative);
    }
}
