using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Http;

namespace Fastn.Connectors.BuiltIn.Stripe;

/// <summary>
/// How the connector talks to Stripe: the pinned <c>Stripe-Version</c> on every request, the call's
/// <c>Idempotency-Key</c> on every POST, form-encoded bodies, and Stripe's error bodies
/// (<c>{"error":{"type","code","message","param"}}</c>) turned into the SDK's typed exceptions.
/// </summary>
internal static class StripeApi
{
    public static Task<T> GetAsync<T>(ConnectorContext ctx, string path, StripeForm? query, CancellationToken ct)
    {
        var url = query is null || query.Fields.Count == 0 ? path : path + "?" + query.ToQueryString();
        return SendAsync<T>(ctx, new HttpRequestMessage(HttpMethod.Get, url), ct);
    }

    /// <summary>POSTs a form; <paramref name="keySuffix"/> tells apart the several writes of one call (their keys must differ).</summary>
    public static Task<T> PostAsync<T>(ConnectorContext ctx, string path, StripeForm form, CancellationToken ct, string? keySuffix = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form.Fields) };
        // Stripe remembers a key for 24 hours and replays the first result, so a retried call never charges twice.
        request.Headers.TryAddWithoutValidation("Idempotency-Key", keySuffix is null ? ctx.IdempotencyKey : $"{ctx.IdempotencyKey}:{keySuffix}");
        return SendAsync<T>(ctx, request, ct);
    }

    public static Task<T> DeleteAsync<T>(ConnectorContext ctx, string path, CancellationToken ct) =>
        SendAsync<T>(ctx, new HttpRequestMessage(HttpMethod.Delete, path), ct);

    private static async Task<T> SendAsync<T>(ConnectorContext ctx, HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.TryAddWithoutValidation("Stripe-Version", StripeConnector.ApiVersion);
        try
        {
            return await ctx.Http.SendJsonAsync<T>(request, ct).ConfigureAwait(false);
        }
        catch (UpstreamException ex) when (ex.Body is not null && ReadError(ex.Body) is { } error)
        {
            throw Translate(error, ex.StatusCode, ex.Body, ex);
        }
        catch (AuthRequiredException ex) when (ex.Message.Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new AuthRequiredException("Stripe refused the API key (401): check that it is a current secret (sk_) or restricted (rk_) key of the right mode. " + ErrorMessage(ex.Message), ex);
        }
    }

    private static ConnectorException Translate(StripeError error, int status, string body, UpstreamException inner)
    {
        var message = error.Message ?? $"Stripe answered {status}.";
        var code = error.Code is null ? "" : $" ({error.Code})";
        if (status is 400 && error.Type == "invalid_request_error" && error.Param is { Length: > 0 } param)
        {
            return new ConnectorValidationException($"Stripe rejected '{param}'{code}: {message}", ToJsonPath(param), inner);
        }

        var kind = error.Type switch
        {
            "card_error" => "The card was declined",
            "idempotency_error" => "The idempotency key was already used with other parameters",
            "api_error" => "Stripe had an internal error",
            _ => "Stripe refused the request",
        };
        return new UpstreamException(status, body, $"{kind} ({status}){code}: {message}", inner);
    }

    /// <summary><c>items[0][price]</c> → <c>$.items[0].price</c>; <c>metadata[plan]</c> → <c>$.metadata.plan</c>.</summary>
    internal static string ToJsonPath(string param)
    {
        var path = "$";
        foreach (var part in param.Replace("]", "", StringComparison.Ordinal).Split('['))
        {
            path += part.All(char.IsAsciiDigit) && part.Length > 0 ? $"[{part}]" : "." + part;
        }

        return path;
    }

    private static StripeError? ReadError(string body)
    {
        try
        {
            return (JsonNode.Parse(body) as JsonObject)?["error"] is JsonObject error
                ? error.Deserialize<StripeError>(ConnectorJson.SnakeCase)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ErrorMessage(string text)
    {
        var at = text.IndexOf('{', StringComparison.Ordinal);
        return at >= 0 && ReadError(text[at..]) is { Message: { } message } ? message : "";
    }

    private sealed record StripeError(string? Type, string? Code, string? Message, string? Param);
}
