using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Fastn.Connectors.Authentication;
using Fastn.Engine.Http;

namespace Fastn.Engine.OAuth;

/// <summary>
/// Talks to token endpoints (RFC 6749): authorization-code exchange (with PKCE verifier), refresh and
/// client credentials, with the connector's client-authentication style. Errors become <see cref="OAuthTokenException"/>s
/// that say whether the grant is dead (<c>invalid_grant</c>) or the failure transient.
/// </summary>
public sealed class OAuthTokenClient(IHttpClientFactory httpClientFactory, TimeProvider time)
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

    private static string Url(string template, IReadOnlyDictionary<string, string> parameters) => OAuth2Auth.ResolveTemplate(template, parameters);

    private async Task<OAuthTokens> RequestAsync(OAuth2Auth method, OAuthClientCredentials client, string url,
        Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        foreach (var (key, value) in method.ExtraTokenParameters)
        {
            form.TryAdd(key, value);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url);
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
        using var http = httpClientFactory.CreateClient(ConnectorHttpClientRegistration.ClientName);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new OAuthTokenException("network_error", $"Could not reach the token endpoint: {ex.Message}", isTransient: true, innerException: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OAuthTokenException("network_error", "The token endpoint did not answer in time.", isTransient: true, innerException: ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            JsonElement json;
            try
            {
                json = JsonDocument.Parse(body).RootElement;
            }
            catch (JsonException)
            {
                var what = body.TrimStart().StartsWith('<') ? "HTML" : "something that is not JSON";
                throw new OAuthTokenException(status >= 500 ? "server_error" : "invalid_response",
                    $"The token endpoint answered {status} with {what}.", isTransient: status >= 500, status);
            }

            if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var error))
            {
                var code = error.ValueKind == JsonValueKind.String ? error.GetString()! : "error";
                var description = json.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                throw new OAuthTokenException(code, $"The app refused the token request: {code}{(description is null ? "" : $" ({description})")}.",
                    isTransient: status >= 500 || code is "temporarily_unavailable" or "server_error", status);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new OAuthTokenException(status >= 500 ? "server_error" : "invalid_response", $"The token endpoint answered {status}.", status >= 500, status);
            }

            if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("access_token", out var access) || access.ValueKind != JsonValueKind.String)
            {
                throw new OAuthTokenException("invalid_response", "The token endpoint's answer has no access_token.", isTransient: false, status);
            }

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
