using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Http;

namespace Fastn.Connectors.BuiltIn.GitHub;

/// <summary>
/// GitHub's REST conventions shared by every action: the versioned media type and API-version headers, a
/// User-Agent (GitHub refuses requests without one), <c>Link</c> pagination, and errors — <c>{message,
/// documentation_url, errors[]}</c> bodies and the primary/secondary rate limits (403 or 429 with
/// <c>x-ratelimit-remaining: 0</c>, <c>x-ratelimit-reset</c> or <c>retry-after</c>) — mapped to typed exceptions.
/// </summary>
internal static class GitHubApi
{
    public const string ApiVersion = "2022-11-28";
    public const string MediaType = "application/vnd.github+json";
    public const string UserAgent = "Fastn-GitHub-Connector/1.0";

    /// <summary>A response body plus the page <c>Link: rel="next"</c> points at.</summary>
    public sealed record Paged<T>(T Body, int? NextPage);

    public static async Task<T> GetAsync<T>(ConnectorContext ctx, string url, CancellationToken ct) =>
        (await SendAsync<T>(ctx, HttpMethod.Get, url, null, ct).ConfigureAwait(false)).Body;

    public static Task<Paged<T>> GetPageAsync<T>(ConnectorContext ctx, string url, CancellationToken ct) =>
        SendAsync<T>(ctx, HttpMethod.Get, url, null, ct);

    public static async Task<T> SendBodyAsync<T>(ConnectorContext ctx, HttpMethod method, string url, object body, CancellationToken ct, bool idempotent = false) =>
        (await SendAsync<T>(ctx, method, url, body, ct, idempotent).ConfigureAwait(false)).Body;

    public static async Task DeleteAsync(ConnectorContext ctx, string url, CancellationToken ct)
    {
        using var request = Request(ctx, HttpMethod.Delete, url, null, idempotent: true);
        using var response = await SendRawAsync(ctx, request, ct).ConfigureAwait(false);
    }

    public static async Task<Paged<T>> SendAsync<T>(ConnectorContext ctx, HttpMethod method, string url, object? body, CancellationToken ct, bool idempotent = false)
    {
        using var request = Request(ctx, method, url, body, idempotent);
        using var response = await SendRawAsync(ctx, request, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        try
        {
            return new Paged<T>(JsonSerializer.Deserialize<T>(text, ctx.Http.JsonOptions)!, NextPage(response));
        }
        catch (JsonException ex)
        {
            throw new UpstreamException((int)response.StatusCode, text,
                $"GitHub's answer to {method} {request.RequestUri?.AbsolutePath} does not have the expected shape at {ex.Path ?? "$"}.", ex);
        }
    }

    /// <summary>Appends the non-null query parameters.</summary>
    public static string Query(string path, params (string Name, object? Value)[] parameters)
    {
        var parts = parameters.Where(p => p.Value is not null).Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(Format(p.Value!))).ToList();
        return parts.Count == 0 ? path : path + "?" + string.Join('&', parts);
    }

    /// <summary>The page number of the <c>rel="next"</c> link, or <see langword="null"/> on the last page.</summary>
    public static int? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var link in string.Join(',', values).Split(','))
        {
            var parts = link.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length < 2 || !parts.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "rel=\"next\"" or "rel=next"))
            {
                continue;
            }

            var target = parts[0].Trim('<', '>');
            var query = target.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? target[(q + 1)..] : "";
            foreach (var pair in query.Split('&'))
            {
                var kv = pair.Split('=', 2);
                if (kv.Length == 2 && kv[0] == "page" && int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var page))
                {
                    return page;
                }
            }
        }

        return null;
    }

    private static string Format(object value) => value switch
    {
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        Enum e => JsonSerializer.Serialize(e, e.GetType(), Json).Trim('"'),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private static JsonSerializerOptions Json => ConnectorJson.SnakeCase;

    private static HttpRequestMessage Request(ConnectorContext ctx, HttpMethod method, string url, object? body, bool idempotent)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaType));
        request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
        request.Headers.UserAgent.ParseAdd(UserAgent);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), new MediaTypeHeaderValue("application/json"), ctx.Http.JsonOptions);
        }

        if (idempotent)
        {
            // PATCH and DELETE of GitHub resources give the same result when repeated, so the runtime may retry them.
            request.Options.Set(ConnectorHttpClient.IdempotencyKeyOption, ctx.IdempotencyKey);
        }

        return request;
    }

    private static async Task<HttpResponseMessage> SendRawAsync(ConnectorContext ctx, HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await ctx.Http.Client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new UpstreamException(0, null, $"Could not reach GitHub: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new UpstreamException(0, null, "GitHub did not answer in time.", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw ToException(response, text, ctx.Time);
        }
    }

    /// <summary>Maps a GitHub error response to the SDK's typed exception.</summary>
    internal static ConnectorException ToException(HttpResponseMessage response, string text, TimeProvider time)
    {
        var status = (int)response.StatusCode;
        var error = TryParse(text);
        var message = error?["message"]?.GetValueKind() == JsonValueKind.String ? error["message"]!.GetValue<string>() : null;
        var docs = error?["documentation_url"]?.GetValueKind() == JsonValueKind.String ? error["documentation_url"]!.GetValue<string>() : null;
        var said = message is null ? "" : $": {message}";
        var see = docs is null ? "" : $" (see {docs})";

        if (IsRateLimited(response, status, message))
        {
            return new RateLimitedException($"GitHub is rate limiting this connection ({status}){said}. Retry after the reset time.", RetryAfter(response, time));
        }

        return status switch
        {
            401 => new AuthRequiredException($"GitHub refused the connection's token (401{said}). Reconnect the GitHub account or create a new token."),
            422 => Validation(error, message, status, text),
            403 => new UpstreamException(status, text, $"GitHub refused the request (403){said}: the token lacks a scope or the account lacks access{see}."),
            404 => new UpstreamException(status, text, $"GitHub answered 404{said}: the repository, issue or resource does not exist, or the token cannot see it{see}."),
            _ => new UpstreamException(status, text, $"GitHub answered {status}{said}{see}."),
        };
    }

    private static bool IsRateLimited(HttpResponseMessage response, int status, string? message)
    {
        if (status == 429)
        {
            return true;
        }

        if (status != 403)
        {
            return false;
        }

        // Primary limit: remaining 0. Secondary limit: a retry-after header or the "secondary rate limit" message.
        return Header(response, "x-ratelimit-remaining") == "0"
            || response.Headers.RetryAfter is not null
            || (message?.Contains("rate limit", StringComparison.OrdinalIgnoreCase) ?? false);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (long.TryParse(Header(response, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        // GitHub's advice for a secondary limit without headers: wait at least a minute.
        return TimeSpan.FromMinutes(1);
    }

    private static ConnectorException Validation(JsonObject? error, string? message, int status, string text)
    {
        var first = (error?["errors"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        var field = first?["field"]?.GetValueKind() == JsonValueKind.String ? first["field"]!.GetValue<string>() : null;
        var code = first?["code"]?.GetValueKind() == JsonValueKind.String ? first["code"]!.GetValue<string>() : null;
        var detail = first?["message"]?.GetValueKind() == JsonValueKind.String ? first["message"]!.GetValue<string>() : null;
        var what = string.Join("; ", new[] { message, field is null ? null : $"{field} {code ?? "invalid"}", detail }.Where(s => !string.IsNullOrEmpty(s)));
        return new ConnectorValidationException($"GitHub rejected the input ({status}): {what}",
            field is null ? null : "$." + field, new UpstreamException(status, text));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

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
}
