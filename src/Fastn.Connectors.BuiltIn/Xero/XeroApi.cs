using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Xero.Models;
using Fastn.Connectors.Http;
using Microsoft.Extensions.Logging;

namespace Fastn.Connectors.BuiltIn.Xero;

/// <summary>
/// Xero's request conventions, shared by the actions and triggers of <see cref="XeroConnector"/>: the
/// <c>xero-tenant-id</c> header, <c>If-Modified-Since</c>, and Xero's error bodies mapped to typed errors.
/// </summary>
internal sealed class XeroApi(string connectionsUrl)
{
    public const string TenantHeader = "xero-tenant-id";

    /// <summary>Connection parameter (Connect form field) for a chosen tenant; field names cannot contain dashes.</summary>
    public const string TenantParameter = "xero_tenant_id";

    /// <summary>Xero pages hold up to 100 records.</summary>
    public const int PageSize = 100;

    /// <summary>The Identity API's list of tenants the token may access.</summary>
    public string ConnectionsUrl { get; } = connectionsUrl;

    /// <summary>
    /// The tenant to act on: connection metadata <c>xero-tenant-id</c> (or the <c>xero_tenant_id</c> Connect parameter),
    /// else the action's <c>XeroTenantId</c> input, else the first ORGANISATION of <c>GET /connections</c>.
    /// </summary>
    public async Task<string> TenantIdAsync(ConnectorContext ctx, string? fromInput, CancellationToken ct)
    {
        var chosen = ctx.Auth.Find(TenantHeader) ?? ctx.Auth.Find(TenantParameter);
        if (!string.IsNullOrWhiteSpace(chosen))
        {
            return chosen;
        }

        if (!string.IsNullOrWhiteSpace(fromInput))
        {
            return fromInput;
        }

        var tenants = await SendAsync<List<XeroTenantConnection>>(ctx, new HttpRequestMessage(HttpMethod.Get, ConnectionsUrl), null, ct).ConfigureAwait(false)
            ?? [];
        var first = tenants.FirstOrDefault(t => string.Equals(t.TenantType, "ORGANISATION", StringComparison.OrdinalIgnoreCase)) ?? tenants.FirstOrDefault();
        return first?.TenantId is { Length: > 0 } id
            ? id
            : throw new AuthRequiredException("The Xero connection is not authorised for any organisation (GET /connections is empty). Reconnect and choose an organisation on Xero's consent page.");
    }

    /// <summary>Sends an Accounting API request for the tenant and reads JSON.</summary>
    public async Task<T> CallAsync<T>(ConnectorContext ctx, HttpMethod method, string url, string? tenantFromInput, CancellationToken ct,
        object? body = null, DateTimeOffset? modifiedSince = null, ValidationPaths? paths = null, bool idempotent = false)
    {
        var tenant = await TenantIdAsync(ctx, tenantFromInput, ct).ConfigureAwait(false);
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation(TenantHeader, tenant);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (modifiedSince is { } since)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", ModifiedSinceHeader(since));
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), new MediaTypeHeaderValue("application/json"), ctx.Http.JsonOptions);
        }

        if (idempotent)
        {
            request.Options.Set(ConnectorHttpClient.IdempotencyKeyOption, ctx.IdempotencyKey);
        }

        return await SendAsync<T>(ctx, request, paths, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The <c>If-Modified-Since</c> value: the spec's <c>date-time</c> in UTC with its <c>Z</c>, as in the spec's example
    /// <c>2025-10-15T13:52:29.452Z</c>; without the zone the instant would depend on how Xero reads a bare local time.
    /// </summary>
    internal static string ModifiedSinceHeader(DateTimeOffset since) =>
        since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static async Task<T> SendAsync<T>(ConnectorContext ctx, HttpRequestMessage request, ValidationPaths? paths, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await ctx.Http.Client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new UpstreamException(0, null, $"Could not reach Xero: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new UpstreamException(0, null, "Xero did not answer in time.", ex);
        }

        using (response)
        using (request)
        {
            LogLimits(ctx, response);
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw Error(response, text, paths, ctx.Time);
            }

            try
            {
                return JsonSerializer.Deserialize<T>(text, ctx.Http.JsonOptions)
                    ?? throw new UpstreamException((int)response.StatusCode, text, "Xero answered with an empty body where JSON was expected.");
            }
            catch (JsonException ex)
            {
                throw new UpstreamException((int)response.StatusCode, text, $"Xero's response does not have the expected shape at {ex.Path ?? "$"}.", ex);
            }
        }
    }

    /// <summary>Maps a Xero error response to the SDK's typed errors.</summary>
    internal static ConnectorException Error(HttpResponseMessage response, string body, ValidationPaths? paths, TimeProvider time)
    {
        var status = (int)response.StatusCode;
        var json = TryParse(body);
        switch (status)
        {
            case 400 when json is not null:
                {
                    // {ErrorNumber, Type: "ValidationException", Message, Elements[{…, ValidationErrors[{Message}]}]}
                    var messages = (json["Elements"] as JsonArray ?? [])
                        .SelectMany(e => e?["ValidationErrors"] as JsonArray ?? [])
                        .Select(v => Text(v?["Message"]))
                        .OfType<string>()
                        .ToList();
                    var type = Text(json["Type"]) ?? "error";
                    if (messages.Count == 0 && Text(json["Message"]) is { } message)
                    {
                        messages.Add(message);
                    }

                    var detail = messages.Count > 0 ? string.Join(" ", messages) : Short(body);
                    return new ConnectorValidationException($"Xero rejected the request ({type}): {detail}", paths?.Find(messages));
                }

            case 401:
                return new AuthRequiredException($"Xero refused the access token (401 {Text(json?["Detail"]) ?? Text(json?["Title"]) ?? "Unauthorized"}). Reconnect the Xero account if this persists.");
            case 403:
                return new UpstreamException(status, body, $"Xero refused the request (403 {Text(json?["Detail"]) ?? "Forbidden"}): the connection is not authorised for this organisation, or lacks a scope.");
            case 404:
                return new UpstreamException(status, body, "Xero has no such record (404): check the id and the organisation (xero-tenant-id).");
            case 429:
                {
                    var problem = response.Headers.TryGetValues("X-Rate-Limit-Problem", out var values) ? values.FirstOrDefault() : null;
                    var retryAfter = ConnectorHttpClient.RetryAfter(response, time);
                    var limit = problem switch
                    {
                        "minute" => "per-minute limit of 60 calls for this organisation",
                        "day" => "daily limit of 5,000 calls for this organisation",
                        "concurrent" => "limit of 5 concurrent calls",
                        "appminute" => "app-wide per-minute limit",
                        _ => "rate limit",
                    };
                    return new RateLimitedException($"Xero's {limit} was reached (429){(retryAfter is { } wait ? $"; retry after {wait.TotalSeconds:0} s" : "")}.", retryAfter);
                }

            default:
                var upstream = Text(json?["Message"]) ?? Text(json?["Detail"]) ?? Text(json?["Title"]) ?? Short(body);
                return new UpstreamException(status, body, $"Xero answered {status}: {upstream}");
        }
    }

    private static void LogLimits(ConnectorContext ctx, HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("X-MinLimit-Remaining", out var minute) && response.Headers.TryGetValues("X-DayLimit-Remaining", out var day))
        {
            ctx.Logger.LogDebug("Xero rate limits remaining: {Minute} this minute, {Day} today", minute.FirstOrDefault(), day.FirstOrDefault());
        }
    }

    private static JsonObject? TryParse(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    private static string Short(string body) => body.Length <= 300 ? body : string.Concat(body.AsSpan(0, 300), "…");
}

/// <summary>Which input field a Xero validation message is about, by words it contains.</summary>
internal sealed class ValidationPaths(params (string Word, string Path)[] rules)
{
    public string? Find(IEnumerable<string> messages) =>
        messages.Select(m => rules.FirstOrDefault(r => m.Contains(r.Word, StringComparison.OrdinalIgnoreCase)).Path)
            .FirstOrDefault(p => p is not null);
}
