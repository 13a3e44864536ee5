using System.Net.Http.Headers;

namespace Fastn.Connectors.Authentication;

/// <summary>A long-lived token: <c>Authorization: Bearer &lt;token&gt;</c>, or a custom header and prefix.</summary>
public sealed record BearerTokenAuth : AuthMethod
{
    /// <inheritdoc />
    public override AuthKind Kind => AuthKind.BearerToken;

    /// <summary>The header carrying the token (default <c>Authorization</c>).</summary>
    public string HeaderName { get; init; } = "Authorization";

    /// <summary>The scheme before the token when the header is <c>Authorization</c> (default <c>Bearer</c>).</summary>
    public string Scheme { get; init; } = "Bearer";

    /// <summary>Label of the token field.</summary>
    public string TokenLabel { get; init; } = "Access token";

    /// <summary>Help for the token field: where to create one.</summary>
    public string? TokenHelp { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<CredentialField> Fields => [new("token", TokenLabel) { Secret = true, Help = TokenHelp }];

    /// <inheritdoc />
    public override ValueTask ApplyAsync(HttpRequestMessage request, AuthCredentials credentials, CancellationToken cancellationToken)
    {
        TokenHeader.Apply(request, HeaderName, Scheme, credentials.Get("token"));
        return ValueTask.CompletedTask;
    }
}

/// <summary>Puts a token into a request header; shared by bearer, OAuth2 and custom methods.</summary>
internal static class TokenHeader
{
    public static void Apply(HttpRequestMessage request, string headerName, string? scheme, string token)
    {
        EnsureHeaderSafe(token, headerName);
        if (string.Equals(headerName, "Authorization", StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Authorization = string.IsNullOrEmpty(scheme)
                ? null
                : new AuthenticationHeaderValue(scheme, token);
            if (string.IsNullOrEmpty(scheme))
            {
                request.Headers.TryAddWithoutValidation("Authorization", token);
            }

            return;
        }

        request.Headers.Remove(headerName);
        request.Headers.TryAddWithoutValidation(headerName, string.IsNullOrEmpty(scheme) ? token : $"{scheme} {token}");
    }

    /// <summary>Refuses values that would break out of a header line (CR/LF) — never send them, whatever the source.</summary>
    public static void EnsureHeaderSafe(string value, string headerName)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new Http.ConnectorValidationException($"The credential for the '{headerName}' header contains a line break or NUL character, which cannot be sent in an HTTP header. Reconnect with the value as the app issued it.");
        }
    }
}
