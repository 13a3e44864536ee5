using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Fastn.Connectors.Authentication;
using Fastn.Engine.Hosting;
using Fastn.Engine.Http;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.OAuth;

/// <summary>
/// Talks to token endpoints (RFC 6749): authorization-code exchange (with PKCE verifier), refresh and
/// client credentials, with the connector's client-authentication style. Errors become <see cref="OAuthTokenException"/>s
/// that say whether the grant is dead (<c>invalid_grant</c>) or the failure transient.
/// </summary>
public sealed class OAuthTokenClient(IHttpClientFactory httpClientFactory, TimeProvider time, IOptions<FastnEngineOptions> options)
{
    /// <summary>Exchanges an authorization code.</summary>
    public Task<OAuthTokens> ExchangeCodeAsync(OAuth2Auth method, OAuthClientCredentials client, IReadOnlyDictionary<string, string> parameters,
        string code, string redirectUri, string? codeVerifier, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri };
        if (codeVerifier is not null)
        {
            form["code_verifier"] = codeVerifier;
        }

        return RequestAsync(method, client, Url(method.TokenUrl!, parameters), form, cancellationToken);
    }

    /// <summary>Uses a refresh token.</summary>
    public Task<OAuthTokens> RefreshAsync(OAuth2Auth method, OAuthClientCredentials client, IReadOnlyDictionary<string, string> parameters,
        string refreshToken, CancellationToken cancellationToken) =>
        RequestAsync(method, client, Url(method.RefreshUrl ?? method.TokenUrl!, parameters),
            new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, cancellationToken);

    /// <summary>Client-credentials grant.</summary>
    public Task<OAuthTokens> ClientCredentialsAsync(OAuth2Auth method, OAuthClientCredentials client, IReadOnlyDictionary<string, string> parameters,
        CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (method.Scopes.Count > 0)
        {
            form["scope"] = method.ScopeString();
        }

        return RequestAsync(method, client, Url(method.TokenUrl!, parameters), form, cancellationToken);
    }

    /// <summary>
    /// Revokes a token at the connector's revocation endpoint (RFC 7009). The app answers 200 whether or not it knew
    /// the token; any other answer or a network failure is an <see cref="OAuthTokenException"/>.
    /// </summary>
    public async Task RevokeAsync(OAuth2Auth method, OAuthClientCredentials client, IReadOnlyDictionary<string, string> parameters,
        string token, string tokenTypeHint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(client);
        var form = new Dictionary<string, string> { ["token"] = token, ["token_type_hint"] = tokenTypeHint };
        using var request = Build(method, client, Url(method.RevocationUrl!, parameters), form);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            throw new OAuthTokenException(status >= 500 ? "server_error" : "invalid_request", $"The revocation endpoint answered {status}.", status >= 500, status);
        }
    }

    /// <summary>
    /// RFC 6749 §7.1: the client must understand the token type. The token is sent with the connector's scheme,
    /// so a DPoP- or MAC-bound token (or one of unknown type) would be used wrongly; refuse it instead.
    /// </summary>
    private static void CheckTokenType(OAuth2Auth method, JsonElement json)
    {
        var type = json.TryGetProperty("token_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (string.IsNullOrEmpty(type))
        {
            if (method.TokenTypeOptional)
            {
                return;
            }

            throw new OAuthTokenException("invalid_response",
                $"The token endpoint's answer has no token_type, so the token's use is unknown (expected {string.Join(" or ", method.TokenTypes)}).", isTransient: false);
        }

        if (!method.TokenTypes.Any(accepted => string.Equals(accepted, type, StringComparison.OrdinalIgnoreCase)))
        {
            var shown = type.Length <= 40 ? type : type[..40] + "…";
            throw new OAuthTokenException("unsupported_token_type",
                $"The app issued a '{shown}' token, but this connector can only use {string.Join(" or ", method.TokenTypes)} tokens. Check the OAuth app's settings at the app (for example, turn off DPoP-bound tokens).", isTransient: false);
        }
    }

    private static string? VendorError(OAuth2Auth method, System.Net.HttpStatusCode status, string body)
    {
        if (method.TokenErrorCode is not { } classify)
        {
            return null;
        }

        var code = classify(status, body);
        return string.IsNullOrEmpty(code) ? null : code;
    }

    private static string? VendorMessage(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;

    private static OAuthTokenException Refused(string code, string? description, int status)
    {
        if (description is { Length: > 200 })
        {
            description = description[..200] + "…";
        }

        return new OAuthTokenException(code, $"The app refused the token request: {code}{(description is null ? "" : $" ({description})")}.",
            isTransient: status >= 500 || code is "temporarily_unavailable" or "server_error", status);
    }

    private static HttpRequestMessage Build(OAuth2Auth method, OAuthClientCredentials client, string url, Dictionary<string, string> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (method.ClientAuthentication == OAuth2ClientAuthentication.BasicHeader)
        {
            // RFC 6749 §2.3.1: form-urlencode each part before base64.
            var raw = $"{Uri.EscapeDataString(client.ClientId)}:{Uri.EscapeDataString(client.ClientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)));
        }
        else
        {
            form["client_id"] = client.ClientId;
            form["client_secret"] = client.ClientSecret;
        }

        request.Content = new FormUrlEncodedContent(form);
        return request;
    }

    /// <summary>
    /// Sends with our own deadline on the injected clock: a hanging token endpoint must not hold the connection's
    /// grain past Orleans' call timeout. The caller's token still cancels.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var http = httpClientFactory.CreateClient(ConnectorHttpClientRegistration.ClientName);
        using var linked = Deadline(cancellationToken, out var deadline);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new OAuthTokenException("network_error", $"Could not reach the token endpoint: {ex.Message}", isTransient: true, innerException: ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(ex);
        }
        finally
        {
            deadline.Dispose();
        }
    }

    private async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var linked = Deadline(cancellationToken, out var deadline);
        try
        {
            return await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(ex);
        }
        finally
        {
            deadline.Dispose();
        }
    }

    private CancellationTokenSource Deadline(CancellationToken cancellationToken, out CancellationTokenSource deadline)
    {
        deadline = new CancellationTokenSource(options.Value.TokenEndpointTimeout, time);
        return CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
    }

    private OAuthTokenException TimedOut(Exception inner) => new("network_error",
        $"The token endpoint did not answer within {options.Value.TokenEndpointTimeout.TotalSeconds:0.#} s.", isTransient: true, innerException: inner);

    private static string Url(string template, IReadOnlyDictionary<string, string> parameters) => OAuth2Auth.ResolveTemplate(template, parameters);

    private async Task<OAuthTokens> RequestAsync(OAuth2Auth method, OAuthClientCredentials client, string url,
        Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        foreach (var (key, value) in method.ExtraTokenParameters)
        {
            form.TryAdd(key, value);
        }

        using var request = Build(method, client, url, form);
        string body;
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            body = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            JsonElement json;
            try
            {
                json = JsonDocument.Parse(body).RootElement;
            }
            catch (JsonException)
            {
                if (VendorError(method, response.StatusCode, body) is { } vendorCode)
                {
                    throw Refused(vendorCode, null, status);
                }

                var what = body.TrimStart().StartsWith('<') ? "HTML" : "something that is not JSON";
                throw new OAuthTokenException(status >= 500 ? "server_error" : "invalid_response",
                    $"The token endpoint answered {status} with {what}.", isTransient: status >= 500, status);
            }

            if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var error))
            {
                var code = error.ValueKind == JsonValueKind.String ? error.GetString()! : "error";
                var description = json.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                throw Refused(VendorError(method, response.StatusCode, body) ?? code, description, status);
            }

            if (!response.IsSuccessStatusCode)
            {
                if (VendorError(method, response.StatusCode, body) is { } vendorCode)
                {
                    throw Refused(vendorCode, VendorMessage(json), status);
                }

                throw new OAuthTokenException(status >= 500 ? "server_error" : "invalid_response", $"The token endpoint answered {status}.", status >= 500, status);
            }

            if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("access_token", out var access) || access.ValueKind != JsonValueKind.String)
            {
                throw new OAuthTokenException("invalid_response", "The token endpoint's answer has no access_token.", isTransient: false, status);
            }

            CheckTokenType(method, json);
            DateTimeOffset? expiresAt = null;
            if (json.TryGetProperty("expires_in", out var expiresIn))
            {
                var seconds = expiresIn.ValueKind == JsonValueKind.Number ? expiresIn.GetDouble()
                    : double.TryParse(expiresIn.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : (double?)null;
                if (seconds is { } s)
                {
                    expiresAt = time.GetUtcNow().AddSeconds(s);
                }
            }

            var extra = new Dictionary<string, string>();
            foreach (var field in method.TokenResponseFields)
            {
                if (json.TryGetProperty(field, out var value))
                {
                    extra[field] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                }
            }

            return new OAuthTokens
            {
                AccessToken = access.GetString()!,
                RefreshToken = json.TryGetProperty("refresh_token", out var refresh) && refresh.ValueKind == JsonValueKind.String ? refresh.GetString() : null,
                ExpiresAt = expiresAt,
                Scope = json.TryGetProperty("scope", out var scope) && scope.ValueKind == JsonValueKind.String ? scope.GetString() : null,
                Extra = extra,
            };
        }
    }
}
