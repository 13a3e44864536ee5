using System.Globalization;
using System.Text.Json;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.BuiltIn.Slack.Models;
using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Entities;
using Fastn.Connectors.Http;
using Fastn.Connectors.Triggers;
using Canonical = Fastn.Connectors.Cdm.Cdm;

namespace Fastn.Connectors.BuiltIn.Slack;

/// <summary>
/// Slack: a bot installed with OAuth v2 posts, edits and reacts to messages, reads channels and their history, creates channels
/// and looks up members; Events API deliveries (signed v0) start flows. Web API at <c>https://slack.com/api</c>.
/// </summary>
[FastnConnector]
public static class SlackConnector
{
    /// <summary>The connector's name.</summary>
    public const string Name = "slack";

    /// <summary>The bot scopes requested at install.</summary>
    public static IReadOnlyList<string> Scopes { get; } =
        ["chat:write", "channels:read", "channels:history", "channels:manage", "groups:read", "reactions:write", "users:read", "users:read.email"];

    /// <summary>Slack's JSON is snake_case: schemas, inputs, outputs and the wire all use it.</summary>
    public static JsonSerializerOptions Json { get; } = ConnectorJson.SnakeCase;

    /// <summary>The connector against Slack itself.</summary>
    public static ConnectorDefinition Definition { get; } = Build("https://slack.com/api", "https://slack.com/oauth/v2/authorize", "https://slack.com/api/oauth.v2.access");

    /// <summary>The connector against the Slack simulation under <paramref name="sandboxBaseUrl"/> (<c>{sandboxBaseUrl}/slack</c>).</summary>
    public static ConnectorDefinition Create(string sandboxBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(sandboxBaseUrl);
        var root = sandboxBaseUrl.TrimEnd('/') + "/" + Name;
        return Build(root + "/api", root + "/oauth/v2/authorize", root + "/api/oauth.v2.access");
    }

    private static ConnectorDefinition Build(string apiBase, string authorizeUrl, string tokenUrl) => new()
    {
        Name = Name,
        DisplayName = "Slack",
        Description = "Post, update and react to messages, read channels and their history, create channels and look up members of a Slack workspace; receive Events API events.",
        Categories = ["communication", "chat"],
        BaseUrl = apiBase,
        DocumentationUrl = "https://api.slack.com/web",
        JsonOptions = Json,
        Auth = Auth.OAuth2(o =>
        {
            o.Label = "Slack app (OAuth v2, bot token)";
            o.AuthorizationUrl = authorizeUrl;
            o.TokenUrl = tokenUrl;
            o.Scopes = [.. Scopes];
            o.ScopeSeparator = ",";
            // Slack's v2 flow for confidential apps has no PKCE; the client authenticates with HTTP Basic (Slack's preferred way).
            o.Pkce = false;
            o.ClientAuthentication = OAuth2ClientAuthentication.BasicHeader;
            // Refresh tokens exist only with token rotation on; without it the bot token never expires.
            o.SupportsRefresh = true;
            // Slack's v2 answer says token_type "bot" (or "user"); both are sent as Bearer.
            o.TokenTypes = ["bot", "user", "Bearer"];
            o.TokenResponseFields = ["token_type", "bot_user_id", "app_id", "team", "is_enterprise_install"];
            o.IsTokenExpired = SlackApi.IsTokenExpired;
        }),
        Capabilities = new ConnectorCapabilities { TestAction = "test_auth", RequestsPerSecond = 1, Burst = 20 },
        Actions =
        {
            Define.Action<SendMessageInput, SendMessageResult>("send_message", "Post a message to a channel, DM or thread (chat.postMessage).",
                SendMessageAsync,
                ActionHints.Write("messages") with
                {
                    LlmDescription = "Post a Slack message. channel is a conversation id (C…) or #name; text is Slack mrkdwn; thread_ts replies in a thread. Returns the message ts for later edits or reactions.",
                }, Json),
            Define.Action<UpdateMessageInput, UpdateMessageResult>("update_message", "Change the text or blocks of a message the app posted (chat.update).",
                UpdateMessageAsync,
                new ActionHints
                {
                    Destructive = true,
                    Idempotent = true,
                    Category = "messages",
                    LlmDescription = "Replace the text (or blocks) of a message this Slack app posted earlier, given its channel and ts. The old text is lost.",
                }, Json),
            Define.Action<ListChannelsInput, ChannelPage>("list_channels", "List conversations the app can see, one page at a time (conversations.list).",
                ListChannelsAsync,
                ActionHints.Read("channels") with
                {
                    LlmDescription = "List Slack channels (id, name, privacy, member count). Pass next_cursor back as cursor for more. Use it to find a channel id by name.",
                }, Json),
            Define.Action<ChannelHistoryInput, MessagePage>("get_channel_history", "Read a conversation's messages, newest first (conversations.history).",
                ChannelHistoryAsync,
                ActionHints.Read("messages") with
                {
                    LlmDescription = "Read recent messages of a Slack channel by id, newest first; oldest/latest bound the time range; pass next_cursor back as cursor for older ones.",
                }, Json),
            Define.Action<CreateChannelInput, SlackChannel>("create_channel", "Create a public or private channel (conversations.create).",
                CreateChannelAsync,
                ActionHints.Write("channels") with
                {
                    LlmDescription = "Create a Slack channel. name: lower-case letters, digits, - and _, at most 80 characters. Fails with name_taken if it exists.",
                }, Json),
            Define.Action<ListUsersInput, UserPage>("list_users", "List the workspace's members, one page at a time (users.list).",
                ListUsersAsync,
                ActionHints.Read("users") with
                {
                    LlmDescription = "List Slack workspace members with profiles (name, e-mail, title). Pass next_cursor back as cursor for more.",
                }, Json),
            Define.Action<GetUserInput, SlackUser>("get_user", "Get one member by user id (users.info).",
                GetUserAsync,
                ActionHints.Read("users") with { LlmDescription = "Get a Slack user's profile (name, e-mail, title, time zone) by user id (U…)." }, Json),
            Define.Action<FindUserByEmailInput, SlackUser>("find_user_by_email", "Find a member by e-mail address (users.lookupByEmail).",
                FindUserByEmailAsync,
                ActionHints.Read("users") with { LlmDescription = "Find the Slack user with an e-mail address; use the returned id to mention (<@U…>) or DM them." }, Json),
            Define.Action<AddReactionInput, AddReactionResult>("add_reaction", "Add an emoji reaction to a message (reactions.add).",
                AddReactionAsync,
                ActionHints.Write("messages") with
                {
                    Idempotent = true,
                    LlmDescription = "React to a Slack message with an emoji (name without colons, e.g. white_check_mark), given its channel and ts. Reacting twice is harmless.",
                }, Json),
            Define.Action<EmptyInput, AuthTestResult>("test_auth", "Check the token and tell which workspace and bot it belongs to (auth.test).",
                TestAuthAsync,
                ActionHints.Read("account") with { LlmDescription = "Check the Slack connection works; returns the workspace name, id and URL and the bot user." }, Json),
        },
        Triggers =
        {
            Define.WebhookTrigger("event", "Slack's Events API delivered an event (message, app_mention, member_joined_channel, reaction_added, channel_created…).",
                verify: SlackWebhooks.Verify, extract: SlackWebhooks.Extract),
            Define.PollTrigger<SlackUser>("user_changed", "A workspace member joined or changed their profile (found by polling users.list).",
                fetchPage: async (request, ctx, ct) =>
                {
                    var page = await ListUsersAsync(new ListUsersInput { Limit = Math.Clamp(request.PageSize, 1, 1000), Cursor = request.Cursor }, ctx, ct).ConfigureAwait(false);
                    return new PollPage<SlackUser>(page.Members, page.NextCursor);
                },
                recordId: u => u.Id, every: TimeSpan.FromMinutes(5), json: Json),
        },
        Entities =
        {
            Define.Entity<SlackUser>("user", Canonical.User, e => e
                .Native("User")
                .Id(u => u.Id)
                .UpdatedAt(u => u.Updated)
                .Supports(EntityOperations.List, "list_users")
                .Supports(EntityOperations.Get, "get_user")
                .Map(u => u.Id, Canonical.User.Id)
                .Map(u => u.Profile!.Email, Canonical.User.Email)
                .Map(u => u.RealName, Canonical.User.DisplayName)
                .Map(u => u.Name, Canonical.User.Username)
                .Map(u => u.Profile!.Image192, Canonical.User.AvatarUrl)
                .Map(u => u.IsAdmin, Canonical.User.Role, admin => admin == true ? "admin" : "member", role => role == "admin")
                .Map(u => u.Deleted, Canonical.User.Active, deleted => deleted is { } d ? !d : (bool?)null, active => active is { } a ? !a : null)
                .Map(u => u.Updated, Canonical.User.UpdatedAt, FromUnixSeconds), Json),
            Define.Entity<SlackUser>("contact", Canonical.Contact, e => e
                .Native("User")
                .Id(u => u.Id)
                .UpdatedAt(u => u.Updated)
                .Supports(EntityOperations.List, "list_users")
                .Supports(EntityOperations.Get, "get_user")
                .Map(u => u.Id, Canonical.Contact.Id)
                .Map(u => u.Profile!.Email, Canonical.Contact.Email)
                .Split(u => u.Profile, [(Canonical.Contact.FirstName, p => FirstName(p)), (Canonical.Contact.LastName, p => LastName(p))])
                .Map(u => u.Profile!.Phone, Canonical.Contact.Phone, phone => string.IsNullOrWhiteSpace(phone) ? null : phone)
                .Map(u => u.Profile!.Title, Canonical.Contact.CustomFields,
                    title => string.IsNullOrEmpty(title) ? null : new Dictionary<string, string> { ["title"] = title })
                .Map(u => u.Updated, Canonical.Contact.UpdatedAt, FromUnixSeconds), Json),
            Define.Entity<SlackMessage>("message", Canonical.Message, e => e
                .Native("Message")
                .Id(m => m.Ts)
                .Supports(EntityOperations.List, "get_channel_history")
                .Supports(EntityOperations.Create, "send_message")
                .Supports(EntityOperations.Update, "update_message")
                .Map(m => m.Ts, Canonical.Message.Id)
                .Map(m => m.Channel, Canonical.Message.ChannelId)
                .Map(m => m.Text, Canonical.Message.Text)
                .Map(m => m.User, Canonical.Message.SenderId)
                .Map(m => m.ThreadTs, Canonical.Message.ThreadId)
                .Map(m => m.Files, Canonical.Message.Attachments, files => files?.Select(f => new { name = f.Name, url = f.UrlPrivate, mimeType = f.Mimetype }).ToList())
                .Split(m => m.Ts, [(Canonical.Message.SentAt, ts => FromTs(ts))])
                .Map(m => m.Edited!.Ts, Canonical.Message.EditedAt, FromTs), Json),
        },
    };

    private static readonly Dictionary<string, string> MessageFieldErrors = new(StringComparer.Ordinal)
    {
        ["channel_not_found"] = "$.channel",
        ["not_in_channel"] = "$.channel",
        ["is_archived"] = "$.channel",
        ["no_text"] = "$.text",
        ["msg_too_long"] = "$.text",
        ["invalid_blocks"] = "$.blocks",
        ["invalid_blocks_format"] = "$.blocks",
        ["thread_not_found"] = "$.thread_ts",
        ["message_not_found"] = "$.ts",
        ["cant_update_message"] = "$.ts",
        ["edit_window_closed"] = "$.ts",
    };

    private static async Task<SendMessageResult> SendMessageAsync(SendMessageInput input, ConnectorContext ctx, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(input.Text) && string.IsNullOrEmpty(input.Blocks))
        {
            throw new ConnectorValidationException("Give the message text, blocks or both.", "$.text");
        }

        var body = await SlackApi.PostFormAsync(ctx.Http, "chat.postMessage",
        [
            new("channel", input.Channel),
            new("text", input.Text),
            new("blocks", input.Blocks),
            new("thread_ts", input.ThreadTs),
            new("reply_broadcast", SlackApi.Flag(input.ReplyBroadcast)),
            new("unfurl_links", SlackApi.Flag(input.UnfurlLinks)),
            new("unfurl_media", SlackApi.Flag(input.UnfurlMedia)),
            new("mrkdwn", SlackApi.Flag(input.Mrkdwn)),
        ], MessageFieldErrors, ct).ConfigureAwait(false);
        var channel = SlackApi.Read<string>(body["channel"], "chat.postMessage", Json);
        var message = body["message"] is { } m ? SlackApi.Read<SlackMessage>(m, "chat.postMessage", Json) with { Channel = channel } : null;
        return new SendMessageResult { Channel = channel, Ts = SlackApi.Read<string>(body["ts"], "chat.postMessage", Json), Message = message };
    }

    private static async Task<UpdateMessageResult> UpdateMessageAsync(UpdateMessageInput input, ConnectorContext ctx, CancellationToken ct)
    {
        if (input.Text is null && input.Blocks is null)
        {
            throw new ConnectorValidationException("Give the new text, blocks or both.", "$.text");
        }

        var body = await SlackApi.PostFormAsync(ctx.Http, "chat.update",
            [new("channel", input.Channel), new("ts", input.Ts), new("text", input.Text), new("blocks", input.Blocks)], MessageFieldErrors, ct).ConfigureAwait(false);
        return new UpdateMessageResult
        {
            Channel = SlackApi.Read<string>(body["channel"], "chat.update", Json),
            Ts = SlackApi.Read<string>(body["ts"], "chat.update", Json),
            Text = body["text"]?.GetValue<string>(),
        };
    }

    private static async Task<ChannelPage> ListChannelsAsync(ListChannelsInput input, ConnectorContext ctx, CancellationToken ct)
    {
        var body = await SlackApi.GetAsync(ctx.Http, "conversations.list",
        [
            new("types", input.Types),
            new("exclude_archived", SlackApi.Flag(input.ExcludeArchived)),
            new("limit", SlackApi.Number(Math.Clamp(input.Limit ?? 200, 1, 1000))),
            new("cursor", input.Cursor),
        ], new Dictionary<string, string> { ["invalid_cursor"] = "$.cursor", ["invalid_types"] = "$.types" }, ct).ConfigureAwait(false);
        return new ChannelPage
        {
            Channels = SlackApi.Read<List<SlackChannel>>(body["channels"], "conversations.list", Json),
            NextCursor = SlackApi.NextCursor(body),
        };
    }

    private static async Task<MessagePage> ChannelHistoryAsync(ChannelHistoryInput input, ConnectorContext ctx, CancellationToken ct)
    {
        var body = await SlackApi.GetAsync(ctx.Http, "conversations.history",
        [
            new("channel", input.Channel),
            new("limit", SlackApi.Number(Math.Clamp(input.Limit ?? 100, 1, 999))),
            new("cursor", input.Cursor),
            new("oldest", input.Oldest),
            new("latest", input.Latest),
            new("inclusive", SlackApi.Flag(input.Inclusive)),
        ], new Dictionary<string, string>
        {
            ["channel_not_found"] = "$.channel",
            ["not_in_channel"] = "$.channel",
            ["invalid_cursor"] = "$.cursor",
            ["invalid_ts_oldest"] = "$.oldest",
            ["invalid_ts_latest"] = "$.latest",
        }, ct).ConfigureAwait(false);
        var messages = SlackApi.Read<List<SlackMessage>>(body["messages"], "conversations.history", Json);
        return new MessagePage
        {
            Messages = [.. messages.Select(m => m with { Channel = input.Channel })],
            HasMore = body["has_more"]?.GetValue<bool>() ?? false,
            NextCursor = SlackApi.NextCursor(body),
        };
    }

    private static async Task<SlackChannel> CreateChannelAsync(CreateChannelInput input, ConnectorContext ctx, CancellationToken ct)
    {
        var body = await SlackApi.PostFormAsync(ctx.Http, "conversations.create",
            [new("name", input.Name), new("is_private", SlackApi.Flag(input.IsPrivate))],
            new Dictionary<string, string>
            {
                ["name_taken"] = "$.name",
                ["invalid_name"] = "$.name",
                ["invalid_name_required"] = "$.name",
                ["invalid_name_punctuation"] = "$.name",
                ["invalid_name_maxlength"] = "$.name",
                ["invalid_name_specials"] = "$.name",
            }, ct).ConfigureAwait(false);
        return SlackApi.Read<SlackChannel>(body["channel"], "conversations.create", Json);
    }

    private static async Task<UserPage> ListUsersAsync(ListUsersInput input, ConnectorContext ctx, CancellationToken ct)
    {
        var body = await SlackApi.GetAsync(ctx.Http, "users.list",
            [new("limit", SlackApi.Number(Math.Clamp(input.Limit ?? 200, 1, 1000))), new("cursor", input.Cursor)],
            new Dictionary<string, string> { ["invalid_cursor"] = "$.cursor" }, ct).ConfigureAwait(false);
        return new UserPage
        {
            Members = SlackApi.Read<List<SlackUser>>(body["members"], "users.list", Json),
            NextCursor = SlackApi.NextCursor(body),
        };
    }

    private static async Task<SlackUser> GetUserAsync(GetUserInput input, ConnectorContext ctx, CancellationToken ct)
    {
        var body = await SlackApi.GetAsync(ctx.Http, "users.info", [new("user", input.User)],
            new Dictionary<string, string> { ["user_not_found"] = "$.user", ["user_not_visible"] = "$.user" }, ct).ConfigureAwait(false);
        return SlackApi.Read<SlackUser>(body["user"], "users.info", Json);
    }

    private static async Task<SlackUser> FindUserByEmailAsync(FindUserByEmailInput input, ConnectorContext ctx, CancellationToken ct)
    {
        var body = await SlackApi.GetAsync(ctx.Http, "users.lookupByEmail", [new("email", input.Email)],
            new Dictionary<string, string> { ["users_not_found"] = "$.email" }, ct).ConfigureAwait(false);
        return SlackApi.Read<SlackUser>(body["user"], "users.lookupByEmail", Json);
    }

    private static async Task<AddReactionResult> AddReactionAsync(AddReactionInput input, ConnectorContext ctx, CancellationToken ct)
    {
        try
        {
            await SlackApi.PostFormAsync(ctx.Http, "reactions.add",
                [new("channel", input.Channel), new("timestamp", input.Timestamp), new("name", input.Name)],
                new Dictionary<string, string>
                {
                    ["channel_not_found"] = "$.channel",
                    ["message_not_found"] = "$.timestamp",
                    ["bad_timestamp"] = "$.timestamp",
                    ["invalid_name"] = "$.name",
                    ["already_reacted"] = "already_reacted",
                }, ct).ConfigureAwait(false);
            return new AddReactionResult { Ok = true };
        }
        catch (ConnectorValidationException ex) when (ex.Path == "already_reacted")
        {
            // Reacting twice leaves one reaction: the action is idempotent, so this is success.
            return new AddReactionResult { Ok = true, AlreadyReacted = true };
        }
    }

    private static async Task<AuthTestResult> TestAuthAsync(EmptyInput input, ConnectorContext ctx, CancellationToken ct)
    {
        var body = await SlackApi.GetAsync(ctx.Http, "auth.test", [], null, ct).ConfigureAwait(false);
        return SlackApi.Read<AuthTestResult>(body, "auth.test", Json);
    }

    private static DateTimeOffset? FromUnixSeconds(long? seconds) => seconds is { } s and > 0 ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    /// <summary>A Slack ts (<c>1712345678.123456</c>) as an instant.</summary>
    private static DateTimeOffset? FromTs(string? ts) =>
        decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000m)).AddTicks((long)(seconds * 10_000_000m % 10_000))
            : null;

    private static string? FirstName(SlackUserProfile? profile) =>
        !string.IsNullOrWhiteSpace(profile?.FirstName) ? profile.FirstName
        : SplitName(profile?.RealName) is { } parts ? parts.First : null;

    private static string? LastName(SlackUserProfile? profile) =>
        !string.IsNullOrWhiteSpace(profile?.LastName) ? profile.LastName
        : SplitName(profile?.RealName) is { } parts ? parts.Last : null;

    private static (string First, string? Last)? SplitName(string? realName)
    {
        if (string.IsNullOrWhiteSpace(realName))
        {
            return null;
        }

        var trimmed = realName.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (trimmed, null) : (trimmed[..space], trimmed[(space + 1)..].Trim());
    }
}
