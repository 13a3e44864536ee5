using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fastn.Connectors.Http;

namespace Fastn.Connectors.BuiltIn.Shopify;

/// <summary>
/// Shopify Admin REST conventions shared by every action: JSON bodies wrapped in the resource name, cursor pagination in the
/// <c>Link</c> header (<c>page_info</c>), the leaky-bucket limit (<c>X-Shopify-Shop-Api-Call-Limit</c>, 429 with a fractional
/// <c>Retry-After</c>) and errors as <c>{"errors": "…"}</c>, <c>{"errors": ["…"]}</c> or <c>{"errors": {field: ["…"]}}</c>.
/// </summary>
internal static partial class ShopifyApi
{
    /// <summary>Sends a request and returns the JSON root with the next and previous <c>page_info</c> cursors.</summary>
    public static async Task<(JsonObject Root, string? Next, string? Previous)> SendAsync(ConnectorContext ctx, HttpMethod method, string url, object? body,
        CancellationToken ct, bool idempotent = false)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), new MediaTypeHeaderValue("application/json"), ctx.Http.JsonOptions);
        }

        if (idempotent)
        {
            request.Options.Set(ConnectorHttpClient.IdempotencyKeyOption, ctx.IdempotencyKey);
        }

        HttpResponseMessage response;
        try
        {
            response = await ctx.Http.Client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new UpstreamException(0, null, $"Could not reach Shopify: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new UpstreamException(0, null, "Shopify did not answer in time.", ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw ToException(response, text, ctx.Time);
            }

            var (next, previous) = PageInfo(response);
            if (text.Length == 0)
            {
                return (new JsonObject(), next, previous);
            }

            try
            {
                return (JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object"), next, previous);
            }
            catch (JsonException ex)
            {
                throw new UpstreamException((int)response.StatusCode, text, $"Shopify's answer to {method} {request.RequestUri?.AbsolutePath} is not a JSON object.", ex);
            }
        }
    }

    /// <summary>Reads the resource under <paramref name="key"/> (<c>customer</c>, <c>orders</c>) from a response root.</summary>
    public static T Read<T>(ConnectorContext ctx, JsonObject root, string key)
    {
        if (root[key] is not { } node)
        {
            throw new UpstreamException(200, root.ToJsonString(), $"Shopify's answer has no \"{key}\".");
        }

        try
        {
            return node.Deserialize<T>(ctx.Http.JsonOptions)!;
        }
        catch (JsonException ex)
        {
            throw new UpstreamException(200, root.ToJsonString(), $"Shopify's \"{key}\" does not have the expected shape at {ex.Path ?? "$"}.", ex);
        }
    }

    /// <summary>Appends the non-null query parameters (lists comma-separated, times ISO 8601).</summary>
    public static string Query(string path, params (string Name, object? Value)[] parameters)
    {
        var parts = parameters.Where(p => p.Value is not null)
            .Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value switch
            {
                bool b => b ? "true" : "false",
                DateTimeOffset at => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                IEnumerable<long> ids => string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))),
                var v => Convert.ToString(v, CultureInfo.InvariantCulture)!,
            }))
            .ToList();
        return parts.Count == 0 ? path : path + "?" + string.Join('&', parts);
    }

    /// <summary>A page size within Shopify's bounds (1–250).</summary>
    public static int? Limit(int? requested) => requested is { } n ? Math.Clamp(n, 1, 250) : null;

    /// <summary>Tags as Shopify stores them: one comma-separated string.</summary>
    public static string? Tags(IReadOnlyList<string>? tags) => tags is null ? null : string.Join(", ", tags.Select(t => t.Trim()).Where(t => t.Length > 0));

    /// <summary>Maps a Shopify error response to the SDK's typed exception.</summary>
    internal static ConnectorException ToException(HttpResponseMessage response, string text, TimeProvider time)
    {
        var status = (int)response.StatusCode;
        var errors = TryParse(text)?["errors"];
        var message = Describe(errors);
        var said = message is null ? "" : $": {message}";
        var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? $" (X-Request-Id {ids.First()})" : "";
        return status switch
        {
            401 => new AuthRequiredException($"Shopify refused the connection's access token (401{said}){requestId}. Reconnect the shop."),
            429 => new RateLimitedException($"Shopify is rate limiting this app (429{said}){requestId}.", RetryAfter(response, time)),
            400 or 422 when errors is JsonObject fields && fields.Count > 0 => Validation(fields, status, requestId),
            402 => new UpstreamException(status, text, $"Shopify answered 402{said}: the shop is frozen or its plan does not allow this{requestId}."),
            403 => new UpstreamException(status, text, $"Shopify refused the request (403{said}){requestId}; reconnect with the missing scope."),
            404 => new UpstreamException(status, text, $"Shopify answered 404{said}: the resource does not exist{requestId}."),
            _ => new UpstreamException(status, text, $"Shopify answered {status}{said}{requestId}."),
        };
    }

    /// <summary>Shopify's <c>Retry-After</c> is in seconds and may be fractional (<c>2.0</c>); the bucket leaks 2 calls a second.</summary>
    internal static TimeSpan RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return ConnectorHttpClient.RetryAfter(response, time) ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>The <c>page_info</c> of the <c>rel="next"</c> and <c>rel="previous"</c> links.</summary>
    internal static (string? Next, string? Previous) PageInfo(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return (null, null);
        }

        string? next = null, previous = null;
        foreach (Match match in LinkPattern().Matches(string.Join(", ", values)))
        {
            var query = new Uri(match.Groups["url"].Value, UriKind.Absolute).Query.TrimStart('?').Split('&');
            var pageInfo = query.Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == "page_info" && p.Length == 2)?[1];
            var value = pageInfo is null ? null : Uri.UnescapeDataString(pageInfo);
            if (match.Groups["rel"].Value == "next")
            {
                next = value;
            }
            else if (match.Groups["rel"].Value is "previous" or "prev")
            {
                previous = value;
            }
        }

        return (next, previous);
    }

    private static ConnectorValidationException Validation(JsonObject fields, int status, string requestId)
    {
        var (field, value) = fields.First();
        var messages = value switch
        {
            JsonArray list => string.Join("; ", list.Select(m => m?.ToString())),
            null => "is invalid",
            _ => value.ToString(),
        };
        // Shopify names fields in snake_case, dotted for nested ones (addresses.country): the same names as the action's input.
        return new ConnectorValidationException($"Shopify rejected '{field}' ({status}): {field} {messages}{requestId}", "$." + field);
    }

    private static string? Describe(JsonNode? errors) => errors switch
    {
        null => null,
        JsonArray list => string.Join("; ", list.Select(e => e?.ToString())),
        JsonObject fields => string.Join("; ", fields.Select(f => f.Key + " " + (f.Value is JsonArray a ? string.Join(", ", a.Select(m => m?.ToString())) : f.Value?.ToString()))),
        _ => errors.GetValueKind() == JsonValueKind.String ? errors.GetValue<string>() : errors.ToJsonString(),
    };

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

    [GeneratedRegex("<(?<url>[^>]+)>\\s*;\\s*rel=\"?(?<rel>[a-z]+)\"?")]
    private static partial Regex LinkPattern();
}
