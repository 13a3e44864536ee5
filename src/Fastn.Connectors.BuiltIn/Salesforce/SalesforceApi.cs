using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Salesforce.Models;
using Fastn.Connectors.Http;

namespace Fastn.Connectors.BuiltIn.Salesforce;

/// <summary>
/// Salesforce REST conventions shared by every action: JSON bodies, relative paths under <c>{instance_url}/services/data/v60.0/</c>,
/// errors as arrays <c>[{message, errorCode, fields}]</c> mapped to typed exceptions (INVALID_SESSION_ID → auth required,
/// REQUEST_LIMIT_EXCEEDED → rate limited, REQUIRED_FIELD_MISSING and FIELD_CUSTOM_VALIDATION_EXCEPTION → validation on the field).
/// </summary>
internal static class SalesforceApi
{
    /// <summary>The REST API version the connector targets.</summary>
    public const string ApiVersion = "v60.0";

    /// <summary>The query batch size asked for with <c>Sforce-Query-Options</c> (Salesforce accepts 200–2000).</summary>
    public const int QueryBatchSize = 200;

    public static async Task<T> SendAsync<T>(ConnectorContext ctx, HttpMethod method, string url, object? body, CancellationToken ct,
        Func<string, string>? fieldPath = null, bool idempotent = false)
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
                $"Salesforce's answer to {method} {request.RequestUri?.AbsolutePath} does not have the expected shape at {ex.Path ?? "$"}.", ex);
        }
    }

    /// <summary>Sends a request whose success has no body (PATCH and DELETE answer 204).</summary>
    public static async Task SendNoContentAsync(ConnectorContext ctx, HttpMethod method, string url, object? body, CancellationToken ct,
        Func<string, string>? fieldPath = null)
    {
        using var request = Request(ctx, method, url, body, idempotent: true);
        using var response = await SendRawAsync(ctx, request, fieldPath, ct).ConfigureAwait(false);
    }

    /// <summary>Runs a SOQL query (or continues one from its nextRecordsUrl), following nextRecordsUrl until done or <paramref name="max"/> records.</summary>
    public static async Task<SalesforceQueryResult> QueryAsync(ConnectorContext ctx, string? soql, string? nextRecordsUrl, int max, CancellationToken ct)
    {
        var url = nextRecordsUrl is not null ? Locator(nextRecordsUrl)
            : soql is not null ? "query?q=" + Uri.EscapeDataString(soql)
            : throw new ConnectorValidationException("Give either soql or nextRecordsUrl.", "$.soql");
        var records = new List<JsonObject>();
        SalesforceQueryResult page;
        do
        {
            page = await SendAsync<SalesforceQueryResult>(ctx, HttpMethod.Get, url, null, ct).ConfigureAwait(false);
            records.AddRange(page.Records);
            url = page.NextRecordsUrl is { } next ? Locator(next) : null!;
        }
        while (!page.Done && page.NextRecordsUrl is not null && records.Count < max);

        return page with { Records = records };
    }

    /// <summary>
    /// The request path of a nextRecordsUrl (<c>/services/data/v60.0/query/01g…-200</c>) relative to the API base: the query
    /// locator after <c>/query/</c>, escaped as one segment, since a cursor passed back as input is caller-controlled.
    /// </summary>
    public static string Locator(string nextRecordsUrl)
    {
        const string Marker = "/query/";
        var at = nextRecordsUrl.LastIndexOf(Marker, StringComparison.Ordinal);
        var locator = at < 0 ? "" : nextRecordsUrl[(at + Marker.Length)..];
        if (locator.Length == 0 || nextRecordsUrl.Contains("..", StringComparison.Ordinal))
        {
            throw new ConnectorValidationException($"'{nextRecordsUrl}' is not a Salesforce nextRecordsUrl (/services/data/vNN.N/query/…).", "$.nextRecordsUrl");
        }

        return UrlTemplate.Path("query/{locator}", locator);
    }

    /// <summary>A SOQL string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <summary>A SOQL dateTime literal (unquoted, UTC).</summary>
    public static string DateTimeLiteral(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The record body: the non-null typed fields by Salesforce API name, then further fields.</summary>
    public static Dictionary<string, JsonNode?> Fields(IReadOnlyDictionary<string, JsonNode?>? extra, params (string Name, object? Value)[] values)
    {
        var fields = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            if (value is not null)
            {
                fields[name] = value switch
                {
                    string s => JsonValue.Create(s),
                    int i => JsonValue.Create(i),
                    decimal d => JsonValue.Create(d),
                    bool b => JsonValue.Create(b),
                    _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
                };
            }
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, JsonNode?>())
        {
            fields.TryAdd(name, value?.DeepClone());
        }

        return fields;
    }

    /// <summary>Where a Salesforce field lives in the action's input: a typed member (<c>$.lastName</c>) or the <c>$.fields</c> map.</summary>
    public static Func<string, string> PathIn(IReadOnlyCollection<string> typedMembers) =>
        name => typedMembers.Contains(name) ? "$." + JsonNamingPolicy.CamelCase.ConvertName(name) : "$.fields." + name;

    private static HttpRequestMessage Request(ConnectorContext ctx, HttpMethod method, string url, object? body, bool idempotent)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (url.StartsWith("query", StringComparison.Ordinal))
        {
            request.Headers.TryAddWithoutValidation("Sforce-Query-Options", "batchSize=" + QueryBatchSize.ToString(CultureInfo.InvariantCulture));
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), new MediaTypeHeaderValue("application/json"), ctx.Http.JsonOptions);
        }

        if (idempotent)
        {
            // PATCH of one record gives the same result when repeated, so the runtime may retry it.
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
            throw new UpstreamException(0, null, $"Could not reach Salesforce: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new UpstreamException(0, null, "Salesforce did not answer in time.", ex);
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

    /// <summary>Maps a Salesforce error response (an array of <c>{message, errorCode, fields}</c>) to the SDK's typed exception.</summary>
    internal static ConnectorException ToException(HttpResponseMessage response, string text, TimeProvider time, Func<string, string>? fieldPath = null)
    {
        var status = (int)response.StatusCode;
        var error = FirstError(text);
        var code = error?.ErrorCode;
        var said = error?.Message is { } m ? $": {m}" : "";
        var field = error?.Fields?.FirstOrDefault();

        if (status == 401 || code == "INVALID_SESSION_ID")
        {
            return new AuthRequiredException($"Salesforce refused the session (401{said}). Reconnect the Salesforce org.");
        }

        if (code == "REQUEST_LIMIT_EXCEEDED" || status == 429)
        {
            return new RateLimitedException($"Salesforce's API request limit is exceeded ({status}{said}){LimitInfo(response)}.",
                ConnectorHttpClient.RetryAfter(response, time) ?? TimeSpan.FromMinutes(5));
        }

        if (code is "REQUIRED_FIELD_MISSING" or "FIELD_CUSTOM_VALIDATION_EXCEPTION" or "INVALID_EMAIL_ADDRESS" or "STRING_TOO_LONG"
            or "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST" or "FIELD_INTEGRITY_EXCEPTION" or "INVALID_FIELD_FOR_INSERT_UPDATE" or "MALFORMED_ID")
        {
            return new ConnectorValidationException($"Salesforce rejected the record ({code}{said})",
                field is null ? null : (fieldPath ?? (f => "$." + JsonNamingPolicy.CamelCase.ConvertName(f)))(field));
        }

        return status switch
        {
            404 => new UpstreamException(status, text, $"Salesforce answered 404 {code}{said}: the record or resource does not exist."),
            _ => new UpstreamException(status, text, $"Salesforce answered {status}{(code is null ? "" : " " + code)}{said}."),
        };
    }

    private static string LimitInfo(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Sforce-Limit-Info", out var values) ? $" ({string.Join(", ", values)})" : "";

    private static SalesforceError? FirstError(string text)
    {
        try
        {
            return JsonNode.Parse(text) switch
            {
                JsonArray array => array.FirstOrDefault()?.Deserialize<SalesforceError>(ConnectorJson.Options),
                JsonObject obj => obj.Deserialize<SalesforceError>(ConnectorJson.Options),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
