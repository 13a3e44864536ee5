using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fastn.Sandbox.Vendors.Slack;

/// <summary>
/// Slack's Web API methods at <c>/api/{method}</c>: arguments from the query string, a form body or a JSON body; the bot token from
/// <c>Authorization: Bearer</c> (or the <c>token</c> argument); HTTP 200 with <c>{"ok":false,"error":…}</c> for errors, HTTP 429 with
/// <c>Retry-After</c> past a method's tier limit; cursor pagination with <c>response_metadata.next_cursor</c>.
/// </summary>
internal static partial class SlackWebApi
{
    private delegate JsonObject Method(SlackWorkspace workspace, IReadOnlyDictionary<string, string> args);

    private sealed record MethodSpec(string? Scope, int PerMinute, Method Handler);

    private static readonly Dictionary<string, MethodSpec> Methods = new(StringComparer.Ordinal)
    {
        ["auth.test"] = new(null, 100, (w, _) => w.AuthTest()),
        ["chat.postMessage"] = new("chat:write", 60, PostMessage),
        ["chat.update"] = new("chat:write", 50, UpdateMessage),
        ["conversations.list"] = new("channels:read", 20, ListConversations),
        ["conversations.history"] = new("channels:history", 50, History),
        ["conversations.create"] = new("channels:manage", 20, CreateConversation),
        ["users.list"] = new("users:read", 20, ListUsers),
        ["users.info"] = new("users:read", 100, UserInfo),
        ["users.lookupByEmail"] = new("users:read.email", 50, LookupByEmail),
        ["reactions.add"] = new("reactions:write", 50, AddReaction),
    };

    public static void MapSlackWebApi(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/api/{method}", [HttpMethods.Get, HttpMethods.Post], InvokeAsync).DisableAntiforgery();
    }

    private static async Task<IResult> InvokeAsync(string method, HttpContext context, SlackWorkspace workspace, SlackSandboxApp app)
    {
        var args = await ReadArgumentsAsync(context).ConfigureAwait(false);
        if (method == "oauth.v2.access")
        {
            return SlackOAuth.Access(context, args, workspace, app);
        }

        if (!Methods.TryGetValue(method, out var spec))
        {
            return Results.Json(Error("unknown_method"), statusCode: StatusCodes.Status404NotFound);
        }

        var token = BearerToken(context) ?? args.GetValueOrDefault("token");
        if (workspace.Authenticate(token, out var issued) is { } authError)
        {
            return Ok(Error(authError));
        }

        if (spec.Scope is { } scope && !issued!.Scopes.Contains(scope) && !(scope == "channels:read" && issued.Scopes.Contains("groups:read")))
        {
            var missing = Error("missing_scope");
            missing["needed"] = scope;
            missing["provided"] = string.Join(',', issued.Scopes.Order(StringComparer.Ordinal));
            return Ok(missing);
        }

        if (workspace.CountCall(token!, method, spec.PerMinute) is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return Results.Json(Error("ratelimited"), statusCode: StatusCodes.Status429TooManyRequests);
        }

        return Ok(workspace.Read(w => spec.Handler(w, args)));
    }

    private static JsonObject PostMessage(SlackWorkspace w, IReadOnlyDictionary<string, string> args)
    {
        if (!args.TryGetValue("channel", out var id) || w.FindChannel(id) is not { } channel)
        {
            return Error("channel_not_found");
        }

        if (channel.IsArchived)
        {
            return Error("is_archived");
        }

        if (!channel.Members.Contains(SlackWorkspace.BotUserId))
        {
            return Error(channel.IsPrivate ? "channel_not_found" : "not_in_channel");
        }

        var text = args.GetValueOrDefault("text") ?? "";
        if (text.Length == 0 && string.IsNullOrEmpty(args.GetValueOrDefault("blocks")))
        {
            return Error("no_text");
        }

        if (text.Length > 40_000)
        {
            return Error("msg_too_long");
        }

        var threadTs = args.GetValueOrDefault("thread_ts");
        if (threadTs is not null)
        {
            var parent = channel.Messages.FirstOrDefault(m => m.Ts == threadTs);
            if (parent is null)
            {
                return Error("channel_not_found");
            }

            parent.ReplyCount++;
        }

        var message = new SimMessage { Ts = w.NextTs(), User = SlackWorkspace.BotUserId, BotId = SlackWorkspace.BotId, Text = text, ThreadTs = threadTs };
        channel.Messages.Add(message);
        return new JsonObject { ["ok"] = true, ["channel"] = channel.Id, ["ts"] = message.Ts, ["message"] = message.ToJson(SlackWorkspace.TeamId) };
    }

    private static JsonObject UpdateMessage(SlackWorkspace w, IReadOnlyDictionary<string, string> args)
    {
        if (!args.TryGetValue("channel", out var id) || w.FindChannel(id) is not { } channel)
        {
            return Error("channel_not_found");
        }

        var message = channel.Messages.FirstOrDefault(m => m.Ts == args.GetValueOrDefault("ts"));
        if (message is null)
        {
            return Error("message_not_found");
        }

        if (message.User != SlackWorkspace.BotUserId)
        {
            return Error("cant_update_message");
        }

        var text = args.GetValueOrDefault("text");
        if (string.IsNullOrEmpty(text) && string.IsNullOrEmpty(args.GetValueOrDefault("blocks")))
        {
            return Error("no_text");
        }

        message.Text = text ?? "";
        return new JsonObject
        {
            ["ok"] = true,
            ["channel"] = channel.Id,
            ["ts"] = message.Ts,
            ["text"] = message.Text,
            ["message"] = new JsonObject { ["text"] = message.Text },
        };
    }

    private static JsonObject ListConversations(SlackWorkspace w, IReadOnlyDictionary<string, string> args)
    {
        var types = (args.GetValueOrDefault("types") ?? "public_channel").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (types.Any(t => t is not ("public_channel" or "private_channel" or "mpim" or "im")))
        {
            return Error("invalid_types");
        }

        var excludeArchived = Flag(args, "exclude_archived");
        // Private channels are listed only when the bot is a member, as in Slack.
        var all = w.Channels
            .Where(c => (c.IsPrivate ? types.Contains("private_channel") && c.Members.Contains(SlackWorkspace.BotUserId) : types.Contains("public_channel"))
                && !(excludeArchived && c.IsArchived))
            .ToList();
        if (!Page(args, all.Count, 100, 1000, out var offset, out var limit, out var error))
        {
            return error!;
        }

        return new JsonObject
        {
            ["ok"] = true,
            ["channels"] = new JsonArray([.. all.Skip(offset).Take(limit).Select(c => (JsonNode)c.ToJson(SlackWorkspace.BotUserId, withCounts: true))]),
            ["response_metadata"] = new JsonObject { ["next_cursor"] = NextCursor(offset + limit, all.Count) },
        };
    }

    private static JsonObject History(SlackWorkspace w, IReadOnlyDictionary<string, string> args)
    {
        if (!args.TryGetValue("channel", out var id) || w.FindChannel(id) is not { } channel || (channel.IsPrivate && !channel.Members.Contains(SlackWorkspace.BotUserId)))
        {
            return Error("channel_not_found");
        }

        if (!channel.Members.Contains(SlackWorkspace.BotUserId))
        {
            return Error("not_in_channel");
        }

        if (!TryTs(args, "oldest", 0m, out var oldest))
        {
            return Error("invalid_ts_oldest");
        }

        if (!TryTs(args, "latest", decimal.MaxValue, out var latest))
        {
            return Error("invalid_ts_latest");
        }

        var inclusive = Flag(args, "inclusive");
        var matching = channel.Messages
            .Where(m => m.ThreadTs is null || m.ThreadTs == m.Ts)
            .Where(m =>
            {
                var ts = decimal.Parse(m.Ts, CultureInfo.InvariantCulture);
                return (inclusive ? ts >= oldest : ts > oldest) && (inclusive ? ts <= latest : ts < latest);
            })
            .Reverse()
            .ToList();
        if (!Page(args, matching.Count, 100, 999, out var offset, out var limit, out var error))
        {
            return error!;
        }

        var page = matching.Skip(offset).Take(limit).Select(m => (JsonNode)m.ToJson(SlackWorkspace.TeamId)).ToList();
        // The spec's history answer has no response_metadata: pages continue with latest = the last ts while has_more is true.
        return new JsonObject
        {
            ["ok"] = true,
            ["messages"] = new JsonArray([.. page]),
            ["has_more"] = offset + limit < matching.Count,
            ["pin_count"] = 0,
            ["channel_actions_ts"] = new JsonArray(),
            ["channel_actions_count"] = 0,
        };
    }

    private static JsonObject CreateConversation(SlackWorkspace w, IReadOnlyDictionary<string, string> args)
    {
        var name = args.GetValueOrDefault("name") ?? "";
        if (name.Length == 0)
        {
            return Error("invalid_name_required");
        }

        if (name.Length > 80)
        {
            return Error("invalid_name_maxlength");
        }

        if (!ChannelName().IsMatch(name))
        {
            return Error("invalid_name_specials");
        }

        if (w.Channels.Any(c => c.Name == name))
        {
            return Error("name_taken");
        }

        var channel = w.CreateChannel(name, Flag(args, "is_private"), SlackWorkspace.BotUserId);
        return new JsonObject { ["ok"] = true, ["channel"] = channel.ToJson(SlackWorkspace.BotUserId, withCounts: false) };
    }

    private static JsonObject ListUsers(SlackWorkspace w, IReadOnlyDictionary<string, string> args)
    {
        if (!Page(args, w.Users.Count, 100, 1000, out var offset, out var limit, out var error))
        {
            return error!;
        }

        return new JsonObject
        {
            ["ok"] = true,
            ["members"] = new JsonArray([.. w.Users.Skip(offset).Take(limit).Select(u => (JsonNode)u.ToJson(SlackWorkspace.TeamId))]),
            ["cache_ts"] = w.Time.GetUtcNow().ToUnixTimeSeconds(),
            ["response_metadata"] = new JsonObject { ["next_cursor"] = NextCursor(offset + limit, w.Users.Count) },
        };
    }

    private static JsonObject UserInfo(SlackWorkspace w, IReadOnlyDictionary<string, string> args) =>
        args.TryGetValue("user", out var id) && w.FindUser(id) is { } user
            ? new JsonObject { ["ok"] = true, ["user"] = user.ToJson(SlackWorkspace.TeamId) }
            : Error("user_not_found");

    private static JsonObject LookupByEmail(SlackWorkspace w, IReadOnlyDictionary<string, string> args)
    {
        var email = args.GetValueOrDefault("email");
        var user = w.Users.FirstOrDefault(u => u.Email is not null && string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
        return user is null ? Error("users_not_found") : new JsonObject { ["ok"] = true, ["user"] = user.ToJson(SlackWorkspace.TeamId) };
    }

    private static JsonObject AddReaction(SlackWorkspace w, IReadOnlyDictionary<string, string> args)
    {
        if (!args.TryGetValue("channel", out var id) || w.FindChannel(id) is not { } channel)
        {
            return Error("channel_not_found");
        }

        var timestamp = args.GetValueOrDefault("timestamp");
        if (timestamp is null || !TsPattern().IsMatch(timestamp))
        {
            return Error(timestamp is null ? "no_item_specified" : "bad_timestamp");
        }

        var message = channel.Messages.FirstOrDefault(m => m.Ts == timestamp);
        if (message is null)
        {
            return Error("message_not_found");
        }

        var name = (args.GetValueOrDefault("name") ?? "").Trim(':');
        if (!EmojiName().IsMatch(name))
        {
            return Error("invalid_name");
        }

        if (!message.Reactions.TryGetValue(name, out var users))
        {
            message.Reactions[name] = users = [];
        }

        if (users.Contains(SlackWorkspace.BotUserId))
        {
            return Error("already_reacted");
        }

        users.Add(SlackWorkspace.BotUserId);
        return new JsonObject { ["ok"] = true };
    }

    internal static JsonObject Error(string code) => new() { ["ok"] = false, ["error"] = code };

    private static IResult Ok(JsonObject body) => Results.Text(body.ToJsonString(), "application/json; charset=utf-8", statusCode: StatusCodes.Status200OK);

    private static bool Page(IReadOnlyDictionary<string, string> args, int count, int defaultLimit, int maxLimit, out int offset, out int limit, out JsonObject? error)
    {
        offset = 0;
        limit = defaultLimit;
        error = null;
        if (args.TryGetValue("limit", out var text) && text.Length > 0)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
            {
                limit = defaultLimit;
            }

            limit = Math.Min(limit, maxLimit);
        }

        if (args.TryGetValue("cursor", out var cursor) && cursor.Length > 0)
        {
            if (!TryDecodeCursor(cursor, out offset) || offset > count)
            {
                error = Error("invalid_cursor");
                return false;
            }
        }

        return true;
    }

    private static string NextCursor(int offset, int count) =>
        offset >= count ? "" : Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"offset:{offset.ToString(CultureInfo.InvariantCulture)}"));

    private static bool TryDecodeCursor(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var text = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("offset:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan("offset:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool TryTs(IReadOnlyDictionary<string, string> args, string name, decimal fallback, out decimal value)
    {
        value = fallback;
        return !args.TryGetValue(name, out var text) || text.Length == 0
            || decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static bool Flag(IReadOnlyDictionary<string, string> args, string name) =>
        args.TryGetValue(name, out var value) && (value == "true" || value == "1");

    private static string? BearerToken(HttpContext context) =>
        AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization.ToString(), out var header)
        && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) ? header.Parameter : null;

    private static async Task<Dictionary<string, string>> ReadArgumentsAsync(HttpContext context)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in context.Request.Query)
        {
            args[key] = value.ToString();
        }

        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            foreach (var (key, value) in form)
            {
                args[key] = value.ToString();
            }
        }
        else if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            // chat.postMessage and friends also take JSON bodies; nested values (blocks) are kept as JSON text.
            try
            {
                if (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) is JsonObject json)
                {
                    foreach (var (key, value) in json)
                    {
                        args[key] = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
                    }
                }
            }
            catch (JsonException)
            {
                args["__invalid_json"] = "true";
            }
        }

        return args;
    }

    [GeneratedRegex("^[a-z0-9_-]{1,80}$")]
    private static partial Regex ChannelName();

    [GeneratedRegex(@"^\d{10}\.\d{6}$")]
    private static partial Regex TsPattern();

    [GeneratedRegex("^[a-z0-9_+'-]{1,100}$")]
    private static partial Regex EmojiName();
}
