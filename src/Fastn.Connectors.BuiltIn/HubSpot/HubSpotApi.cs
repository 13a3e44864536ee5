using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fastn.Connectors.Http;

namespace Fastn.Connectors.BuiltIn.HubSpot;

/// <summary>
/// HubSpot's REST conventions shared by every action: JSON bodies, errors as <c>{status:"error", message, correlationId,
/// category, errors[]}</c> mapped to typed exceptions (401 → auth required, 429 → rate limited with <c>Retry-After</c> or the
/// <c>X-HubSpot-RateLimit-Interval-Milliseconds</c> window, VALIDATION_ERROR → validation on the offending property).
/// </summary>
internal static partial class HubSpotApi
{
    public static async Task<T> SendAsync<T>(ConnectorContext ctx, HttpMethod method, string url, object? body, CancellationToken ct,
        bool idempotent = false, Func<string, string>? fieldPath = null)
    {
        using var request = Request(ctx, method, url, body, idempotent);
        using var response = await SendRawAsync(ctx, request, fieldPath, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<T>(text, ctx.Http.JsonOptions)!;
        }
        catch (JsonException ex)
        {
            throw new UpstreamException((int)response.StatusCode, text,
                $"HubSpot's answer to {method} {request.RequestUri?.AbsolutePath} does not have the expected shape at {ex.Path ?? "$"}.", ex);
        }
    }

    public static async Task DeleteAsync(ConnectorContext ctx, string url, CancellationToken ct)
    {
        using var request = Request(ctx, HttpMethod.Delete, url, null, idempotent: true);
        using var response = await SendRawAsync(ctx, request, null, ct).ConfigureAwait(false);
    }

    /// <summary>Appends the non-null query parameters.</summary>
    public static string Query(string path, params (string Name, object? Value)[] parameters)
    {
        var parts = parameters.Where(p => p.Value is not null)
            .Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value switch
            {
                bool b => b ? "true" : "false",
                IEnumerable<string> list => string.Join(',', list),
                var v => Convert.ToString(v, CultureInfo.InvariantCulture)!,
            }))
            .ToList();
        return parts.Count == 0 ? path : path + "?" + string.Join('&', parts);
    }

    /// <summary>A page size within HubSpot's bounds.</summary>
    public static int Limit(int? requested, int max, int fallback = 10) => Math.Clamp(requested ?? fallback, 1, max);

    /// <summary>Adds the non-null values to a property map as HubSpot's strings.</summary>
    public static Dictionary<string, string> Properties(IReadOnlyDictionary<string, string>? extra, params (string Name, object? Value)[] values)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            if (value is not null)
            {
                properties[name] = value switch
                {
                    decimal d => d.ToString(CultureInfo.InvariantCulture),
                    int i => i.ToString(CultureInfo.InvariantCulture),
                    DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00.000Z",
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
                };
            }
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            properties.TryAdd(name, value);
        }

        return properties;
    }

    /// <summary>Where an input property lives: a typed member of the input (<c>$.email</c>) or the free-form <c>$.properties</c> map.</summary>
    public static Func<string, string> PathIn(IReadOnlyCollection<string> typedMembers) =>
        name => typedMembers.Contains(name) ? "$." + name : "$.properties." + name;

    private static HttpRequestMessage Request(ConnectorContext ctx, HttpMethod method, string url, object? body, bool idempotent)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), new MediaTypeHeaderValue("application/json"), ctx.Http.JsonOptions);
        }

        if (idempotent)
        {
            // PATCH, PUT and DELETE of one HubSpot record give the same result when repeated, so the runtime may retry them.
            request.Options.Set(ConnectorHttpClient.IdempotencyKeyOption, ctx.IdempotencyKey);
        }

        return request;
    }

    private static async Task<HttpResponseMessage> SendRawAsync(ConnectorContext ctx, HttpRequestMessage request, Func<string, string>? fieldPath, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await ctx.Http.Client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new UpstreamException(0, null, $"Could not reach HubSpot: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new UpstreamException(0, null, "HubSpot did not answer in time.", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw ToException(response, text, ctx.Time, fieldPath);
        }
    }

    /// <summary>Maps a HubSpot error response to the SDK's typed exception.</summary>
    internal static ConnectorException ToException(HttpResponseMessage response, string text, TimeProvider time, Func<string, string>? fieldPath = null)
    {
        var status = (int)response.StatusCode;
        var error = TryParse(text);
        var message = String(error?["message"]);
        var category = String(error?["category"]);
        var correlation = String(error?["correlationId"]) is { } id ? $" (correlationId {id})" : "";
        var said = message is null ? "" : $": {message}";

        return status switch
        {
            401 => new AuthRequiredException($"HubSpot refused the connection's token (401{said}){correlation}. Reconnect the HubSpot account or create a new private app token."),
            429 => new RateLimitedException($"HubSpot is rate limiting this connection (429{said}){correlation}.", RetryAfter(response, time, String(error?["policyName"]))),
            403 when category == "MISSING_SCOPES" => new UpstreamException(status, text,
                $"HubSpot refused the request (403{said}): the connection lacks a scope ({RequiredScopes(error) ?? "see the error"}); reconnect with the scope or add it to the private app{correlation}."),
            400 when category == "VALIDATION_ERROR" && InvalidProperty(error, message) is { } property =>
                new ConnectorValidationException($"HubSpot rejected the value of '{property}'{said}{correlation}", (fieldPath ?? (p => "$.properties." + p))(property)),
            404 => new UpstreamException(status, text, $"HubSpot answered 404{said}: the record does not exist or was archived{correlation}."),
            409 => new UpstreamException(status, text, $"HubSpot answered 409{said}{correlation}."),
            _ => new UpstreamException(status, text, $"HubSpot answered {status}{(category is null ? "" : " " + category)}{said}{correlation}."),
        };
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response, TimeProvider time, string? policy)
    {
        if (ConnectorHttpClient.RetryAfter(response, time) is { } wait)
        {
            return wait;
        }

        // Without Retry-After: a secondly limit clears in a second, the burst window after its interval, the daily one at midnight.
        if (policy == "DAILY")
        {
            return TimeSpan.FromHours(1);
        }

        return response.Headers.TryGetValues("X-HubSpot-RateLimit-Interval-Milliseconds", out var values)
            && policy != "SECONDLY"
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : TimeSpan.FromSeconds(1);
    }

    /// <summary>The property a VALIDATION_ERROR names: <c>errors[].context.propertyName</c>, or the <c>"name"</c> inside the message's embedded JSON.</summary>
    private static string? InvalidProperty(JsonObject? error, string? message)
    {
        foreach (var item in (error?["errors"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            if ((item["context"] as JsonObject)?["propertyName"] is JsonArray { Count: > 0 } names && String(names[0]) is { } name)
            {
                return name;
            }
        }

        return message is not null && EmbeddedName().Match(message) is { Success: true } match ? match.Groups[1].Value : null;
    }

    private static string? RequiredScopes(JsonObject? error)
    {
        var scopes = (error?["errors"] as JsonArray)?.OfType<JsonObject>()
            .SelectMany(e => ((e["context"] as JsonObject)?["requiredGranularScopes"] as JsonArray ?? (e["context"] as JsonObject)?["requiredScopes"] as JsonArray) ?? [])
            .Select(String).OfType<string>().ToList();
        return scopes is { Count: > 0 } ? string.Join(", ", scopes) : null;
    }

    private static string? String(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    private static JsonObject? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("\"name\"\\s*:\\s*\"([A-Za-z0-9_]+)\"")]
    private static partial Regex EmbeddedName();
}
