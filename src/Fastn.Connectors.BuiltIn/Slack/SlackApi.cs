using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Http;

namespace Fastn.Connectors.BuiltIn.Slack;

/// <summary>
/// Calls Slack Web API methods: reads as GET with query arguments, writes as form posts, and turns Slack's
/// <c>200 {"ok":false,"error":"…"}</c> answers into the SDK's typed exceptions.
/// </summary>
internal static class SlackApi
{
    /// <summary>Errors that mean the token is unusable: the user must reconnect.</summary>
    private static readonly HashSet<string> AuthErrors =
        ["invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive", "org_login_required", "ekm_access_denied"];

    private static readonly Dictionary<string, string> Explanations = new(StringComparer.Ordinal)
    {
        ["channel_not_found"] = "the conversation does not exist or the bot cannot see it (invite the app to private channels)",
        ["not_in_channel"] = "the bot is not a member of the channel; invite it or add the chat:write.public scope",
        ["is_archived"] = "the channel is archived",
        ["no_text"] = "the message has neither text nor blocks",
        ["msg_too_long"] = "the text is longer than Slack allows (40,000 characters)",
        ["user_not_found"] = "no user has that id",
        ["users_not_found"] = "no workspace member has that e-mail address (or the app lacks users:read.email)",
        ["name_taken"] = "a channel with that name already exists",
        ["invalid_name_specials"] = "channel names may only hold lower-case letters, digits, hyphens and underscores",
        ["invalid_name_maxlength"] = "channel names are at most 80 characters",
        ["invalid_name_required"] = "a channel name is required",
        ["invalid_name"] = "the name is not valid",
        ["message_not_found"] = "no message has that ts in the channel",
        ["cant_update_message"] = "only messages posted by this app can be changed",
        ["bad_timestamp"] = "the timestamp is not a valid message ts",
        ["invalid_blocks"] = "the blocks are not valid Block Kit JSON",
        ["invalid_blocks_format"] = "blocks must be a JSON array",
    };

    /// <summary>A read method: GET <c>/api/{method}?args</c>.</summary>
    public static Task<JsonObject> GetAsync(ConnectorHttpClient http, string method, IEnumerable<KeyValuePair<string, string?>> args,
        IReadOnlyDictionary<string, string>? fieldErrors, CancellationToken cancellationToken)
    {
        var query = string.Join('&', Present(args).Select(a => $"{Uri.EscapeDataString(a.Key)}={Uri.EscapeDataString(a.Value)}"));
        var request = new HttpRequestMessage(HttpMethod.Get, query.Length == 0 ? method : $"{method}?{query}");
        return SendAsync(http, method, request, fieldErrors, cancellationToken);
    }

    /// <summary>A write method: POST <c>/api/{method}</c> with an <c>application/x-www-form-urlencoded</c> body.</summary>
    public static Task<JsonObject> PostFormAsync(ConnectorHttpClient http, string method, IEnumerable<KeyValuePair<string, string?>> args,
        IReadOnlyDictionary<string, string>? fieldErrors, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = new FormUrlEncodedContent(Present(args)) };
        return SendAsync(http, method, request, fieldErrors, cancellationToken);
    }

    /// <summary>Reads a member of a Slack answer as <typeparamref name="T"/>.</summary>
    public static T Read<T>(JsonNode? node, string method, JsonSerializerOptions json)
    {
        try
        {
            return node.Deserialize<T>(json) ?? throw new UpstreamException(200, null, $"Slack's {method} answer lacks the expected {typeof(T).Name}.");
        }
        catch (JsonException ex)
        {
            throw new UpstreamException(200, node?.ToJsonString(), $"Slack's {method} answer does not have the shape {typeof(T).Name} expects: {ex.Message.Split(" Path:")[0]}", ex);
        }
    }

    /// <summary><c>response_metadata.next_cursor</c>, or null when empty (the last page).</summary>
    public static string? NextCursor(JsonObject body) =>
        body["response_metadata"]?["next_cursor"] is JsonValue v && v.TryGetValue<string>(out var cursor) && cursor.Length > 0 ? cursor : null;

    /// <summary>Slack's form encoding of a boolean.</summary>
    public static string? Flag(bool? value) => value switch { true => "true", false => "false", null => null };

    /// <summary>An integer argument.</summary>
    public static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The OAuth2 "token expired" rule: Slack answers HTTP 200 <c>{"ok":false,"error":"token_expired"}</c> when a rotating token has lapsed.
    /// </summary>
    public static bool IsTokenExpired(HttpStatusCode status, string body) =>
        status == HttpStatusCode.OK && body.Contains("token_expired", StringComparison.Ordinal) && ErrorOf(body) == "token_expired";

    private static async Task<JsonObject> SendAsync(ConnectorHttpClient http, string method, HttpRequestMessage request,
        IReadOnlyDictionary<string, string>? fieldErrors, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            JsonObject? body;
            try
            {
                body = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException ex)
            {
                throw new UpstreamException(status, text, $"Slack's {method} answered {status} with something that is not JSON.", ex);
            }

            if (body is null)
            {
                throw new UpstreamException(status, text, $"Slack's {method} answered {status} with JSON that is not an object.");
            }

            if (body["ok"] is JsonValue ok && ok.TryGetValue<bool>(out var isOk) && isOk)
            {
                return body;
            }

            var error = body["error"] is JsonValue e && e.TryGetValue<string>(out var code) ? code : "unknown_error";
            throw ToException(method, error, body, text, status, ConnectorHttpClient.RetryAfter(response, http.Time), fieldErrors);
        }
    }

    private static ConnectorException ToException(string method, string error, JsonObject body, string text, int status, TimeSpan? retryAfter,
        IReadOnlyDictionary<string, string>? fieldErrors)
    {
        if (AuthErrors.Contains(error))
        {
            return new AuthRequiredException($"Slack refused the connection's token ({error}) on {method}. Reconnect the Slack workspace.");
        }

        if (error is "ratelimited" or "rate_limited")
        {
            return new RateLimitedException($"Slack is rate limiting {method} for this workspace ({error}).", retryAfter);
        }

        var explanation = Explanations.TryGetValue(error, out var why) ? $": {why}" : "";
        if (error == "missing_scope")
        {
            var needed = body["needed"]?.ToString();
            var provided = body["provided"]?.ToString();
            return new UpstreamException(status, text,
                $"Slack answered missing_scope on {method}: the app needs the scope '{needed}' (granted: {provided}). Add it and reconnect.");
        }

        if (fieldErrors is not null && fieldErrors.TryGetValue(error, out var path))
        {
            return new ConnectorValidationException($"Slack answered {error} on {method}{explanation}.", path);
        }

        return new UpstreamException(status, text, $"Slack answered {error} on {method}{explanation}.");
    }

    private static string? ErrorOf(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject o && o["error"] is JsonValue v && v.TryGetValue<string>(out var error) ? error : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Present(IEnumerable<KeyValuePair<string, string?>> args) =>
        args.Where(a => a.Value is not null).Select(a => new KeyValuePair<string, string>(a.Key, a.Value!));
}
