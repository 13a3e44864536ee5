using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.QuickBooks.Models;
using Fastn.Connectors.Http;

namespace Fastn.Connectors.BuiltIn.QuickBooks;

/// <summary>
/// QuickBooks Online's request conventions, shared by the actions and triggers of <see cref="QuickBooksConnector"/>:
/// <c>Accept: application/json</c>, <c>minorversion</c> on every call, <c>{"Customer":{…}}</c> envelopes, the query
/// endpoint's <c>QueryResponse</c>, and <c>Fault</c> bodies mapped to typed errors.
/// </summary>
internal static class QuickBooksApi
{
    /// <summary>The minor version of the v3 API the connector is written against.</summary>
    public const string MinorVersion = "75";

    /// <summary>QuickBooks' largest page (MAXRESULTS).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Reads one record: <c>GET {entity}/{id}</c> answers <c>{"{Entity}": {…}, "time": …}</c>.</summary>
    public static async Task<T> GetAsync<T>(ConnectorContext ctx, string entity, string path, CancellationToken ct)
    {
        var json = await SendAsync(ctx, HttpMethod.Get, path, null, ct).ConfigureAwait(false);
        return Read<T>(ctx, json, entity);
    }

    /// <summary>Creates or updates: <c>POST {entity}</c> with the record as the body, answering the envelope.</summary>
    public static async Task<T> PostAsync<T>(ConnectorContext ctx, string entity, string path, JsonObject body, CancellationToken ct)
    {
        var json = await SendAsync(ctx, HttpMethod.Post, path, body, ct).ConfigureAwait(false);
        return Read<T>(ctx, json, entity);
    }

    /// <summary>Runs <c>select * from {entity} …</c> on the query endpoint.</summary>
    public static async Task<QuickBooksPage<T>> QueryAsync<T>(ConnectorContext ctx, string entity, IReadOnlyList<string> conditions, string? orderBy,
        int? startPosition, int? maxResults, CancellationToken ct)
    {
        var start = Math.Max(startPosition ?? 1, 1);
        var max = Math.Clamp(maxResults ?? 100, 1, MaxPageSize);
        var query = QueryText(entity, conditions, orderBy, start, max);
        var json = await SendAsync(ctx, HttpMethod.Get, "query?query=" + Uri.EscapeDataString(query), null, ct).ConfigureAwait(false);
        var response = json["QueryResponse"] as JsonObject
            ?? throw new UpstreamException(200, Short(json.ToJsonString()), "QuickBooks answered the query without a QueryResponse.");
        var records = Deserialize<List<T>>(ctx, response[entity] ?? new JsonArray(), entity) ?? [];
        return new QuickBooksPage<T>
        {
            Records = records,
            StartPosition = response["startPosition"]?.GetValue<int>() ?? start,
            MaxResults = response["maxResults"]?.GetValue<int>() ?? records.Count,
            NextStartPosition = records.Count >= max ? start + records.Count : null,
        };
    }

    /// <summary>The query statement (QuickBooks' SQL-like query language).</summary>
    public static string QueryText(string entity, IReadOnlyList<string> conditions, string? orderBy, int start, int max)
    {
        var text = new StringBuilder("select * from ").Append(entity);
        if (conditions.Count > 0)
        {
            text.Append(" where ").Append(string.Join(" and ", conditions));
        }

        if (orderBy is not null)
        {
            text.Append(" ORDERBY ").Append(orderBy);
        }

        return text.Append(" STARTPOSITION ").Append(start.ToString(CultureInfo.InvariantCulture))
            .Append(" MAXRESULTS ").Append(max.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>A quoted string literal of the query language (quotes escaped with a backslash).</summary>
    public static string Literal(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <summary>A date-time literal as QuickBooks writes them (<c>'2025-06-01T10:00:00-07:00'</c>).</summary>
    public static string Literal(DateTimeOffset value) => "'" + value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) + "'";

    private static async Task<JsonObject> SendAsync(ConnectorContext ctx, HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        var url = path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "minorversion=" + MinorVersion;
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, new MediaTypeHeaderValue("application/json"));
        }

        HttpResponseMessage response;
        try
        {
            response = await ctx.Http.Client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new UpstreamException(0, null, $"Could not reach QuickBooks: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new UpstreamException(0, null, "QuickBooks did not answer in time.", ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            var json = TryParse(text);
            // QuickBooks answers some faults with 200 and a Fault body.
            if (!response.IsSuccessStatusCode || json?["Fault"] is JsonObject)
            {
                throw Error(response, text, json, ctx.Time);
            }

            return json ?? throw new UpstreamException((int)response.StatusCode, Short(text), "QuickBooks answered with a body that is not a JSON object.");
        }
    }

    /// <summary>Maps a QuickBooks error response to the SDK's typed errors.</summary>
    internal static ConnectorException Error(HttpResponseMessage response, string body, JsonObject? json, TimeProvider time)
    {
        var status = (int)response.StatusCode;
        var fault = json?["Fault"] as JsonObject ?? json?["fault"] as JsonObject;
        var type = Text(fault?["type"]) ?? "";
        var first = (fault?["Error"] as JsonArray ?? fault?["error"] as JsonArray)?.FirstOrDefault() as JsonObject;
        var message = Text(first?["Message"]) ?? Text(first?["message"]);
        var detail = Text(first?["Detail"]) ?? Text(first?["detail"]);
        var code = Text(first?["code"]);
        var element = Text(first?["element"]);
        var text = string.Join(": ", new[] { message, detail }.Where(s => !string.IsNullOrEmpty(s)));
        if (text.Length == 0)
        {
            text = Short(body);
        }

        if (status == 429 || type.Equals("ThrottleExceeded", StringComparison.OrdinalIgnoreCase) || code == "003001")
        {
            var retryAfter = ConnectorHttpClient.RetryAfter(response, time);
            return new RateLimitedException($"QuickBooks throttled the request (429 {text}){(retryAfter is { } wait ? $"; retry after {wait.TotalSeconds:0} s" : "")}.", retryAfter);
        }

        if (status == 401 || type.Equals("AuthenticationFault", StringComparison.OrdinalIgnoreCase))
        {
            return new AuthRequiredException($"QuickBooks refused the access token ({text}). Reconnect the QuickBooks company if this persists.");
        }

        if (type.Equals("ValidationFault", StringComparison.OrdinalIgnoreCase) && status is 400 or 200)
        {
            return new ConnectorValidationException($"QuickBooks rejected the request (ValidationFault {code}): {text}", element is { Length: > 0 } ? "$." + element : null);
        }

        return new UpstreamException(status, Short(body), $"QuickBooks answered {status}{(type.Length > 0 ? " " + type : "")}: {text}");
    }

    private static T Read<T>(ConnectorContext ctx, JsonObject json, string entity) =>
        Deserialize<T>(ctx, json[entity], entity)
        ?? throw new UpstreamException(200, Short(json.ToJsonString()), $"QuickBooks answered without a {entity}.");

    private static T? Deserialize<T>(ConnectorContext ctx, JsonNode? node, string entity)
    {
        try
        {
            return node is null ? default : node.Deserialize<T>(ctx.Http.JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new UpstreamException(200, Short(node!.ToJsonString()), $"QuickBooks' {entity} does not have the expected shape at {ex.Path ?? "$"}.", ex);
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
