using System.Text.Json.Nodes;

namespace Fastn.Sandbox.Vendors.Slack;

/// <summary>A workspace member as the simulation stores it.</summary>
internal sealed class SimUser
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string RealName { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string? Email { get; init; }
    public string Title { get; init; } = "";
    public string Phone { get; init; } = "";
    public string Tz { get; init; } = "Europe/London";
    public string TzLabel { get; init; } = "Greenwich Mean Time";
    public int TzOffset { get; init; }
    public bool IsAdmin { get; init; }
    public bool IsOwner { get; init; }
    public bool IsBot { get; init; }
    public string? BotId { get; init; }
    public bool Deleted { get; init; }
    public long Updated { get; init; }
    public string Color { get; init; } = "9f69e7";
    public string AvatarHash { get; init; } = "";

    public JsonObject ToJson(string teamId)
    {
        var image = $"https://avatars.slack-edge.example/{AvatarHash}";
        var profile = new JsonObject
        {
            ["avatar_hash"] = AvatarHash,
            ["status_text"] = "",
            ["status_emoji"] = "",
            ["real_name"] = RealName,
            ["display_name"] = IsBot ? "" : Name,
            ["real_name_normalized"] = RealName,
            ["display_name_normalized"] = IsBot ? "" : Name,
            ["first_name"] = FirstName,
            ["last_name"] = LastName,
            ["title"] = Title,
            ["phone"] = Phone,
            ["skype"] = "",
            ["fields"] = new JsonObject(),
            ["image_24"] = image + "_24.png",
            ["image_72"] = image + "_72.png",
            ["image_192"] = image + "_192.png",
            ["image_512"] = image + "_512.png",
            ["team"] = teamId,
        };
        if (Email is not null)
        {
            profile["email"] = Email;
        }

        if (BotId is not null)
        {
            profile["bot_id"] = BotId;
            profile["always_active"] = true;
        }

        return new JsonObject
        {
            ["id"] = Id,
            ["team_id"] = teamId,
            ["name"] = Name,
            ["deleted"] = Deleted,
            ["color"] = Color,
            ["real_name"] = RealName,
            ["tz"] = Tz,
            ["tz_label"] = TzLabel,
            ["tz_offset"] = TzOffset,
            ["profile"] = profile,
            ["is_admin"] = IsAdmin,
            ["is_owner"] = IsOwner,
            ["is_primary_owner"] = IsOwner,
            ["is_restricted"] = false,
            ["is_ultra_restricted"] = false,
            ["is_bot"] = IsBot,
            ["is_app_user"] = false,
            ["updated"] = Updated,
            ["has_2fa"] = false,
        };
    }
}

/// <summary>A conversation as the simulation stores it; messages newest last.</summary>
internal sealed class SimChannel
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public bool IsPrivate { get; init; }
    public bool IsGeneral { get; init; }
    public bool IsArchived { get; set; }
    public required string Creator { get; init; }
    public long Created { get; init; }
    public string Topic { get; init; } = "";
    public string Purpose { get; init; } = "";
    public HashSet<string> Members { get; } = [];
    public List<SimMessage> Messages { get; } = [];

    public JsonObject ToJson(string? viewer, bool withCounts)
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["name"] = Name,
            ["is_channel"] = !IsPrivate,
            ["is_group"] = false,
            ["is_im"] = false,
            ["is_mpim"] = false,
            ["is_private"] = IsPrivate,
            ["created"] = Created,
            ["is_archived"] = IsArchived,
            ["is_general"] = IsGeneral,
            ["unlinked"] = 0,
            ["name_normalized"] = Name,
            ["is_shared"] = false,
            ["is_org_shared"] = false,
            ["is_pending_ext_shared"] = false,
            ["pending_shared"] = new JsonArray(),
            ["creator"] = Creator,
            ["is_ext_shared"] = false,
            ["shared_team_ids"] = new JsonArray(),
            ["is_member"] = viewer is not null && Members.Contains(viewer),
            ["topic"] = new JsonObject { ["value"] = Topic, ["creator"] = Topic.Length == 0 ? "" : Creator, ["last_set"] = Topic.Length == 0 ? 0 : Created },
            ["purpose"] = new JsonObject { ["value"] = Purpose, ["creator"] = Purpose.Length == 0 ? "" : Creator, ["last_set"] = Purpose.Length == 0 ? 0 : Created },
            ["previous_names"] = new JsonArray(),
        };
        if (withCounts)
        {
            json["num_members"] = Members.Count;
        }

        return json;
    }
}

/// <summary>A message as the simulation stores it.</summary>
internal sealed class SimMessage
{
    public required string Ts { get; init; }
    public string? Subtype { get; init; }
    public required string User { get; init; }
    public string? BotId { get; init; }
    public required string Text { get; set; }
    public string? ThreadTs { get; init; }
    public int ReplyCount { get; set; }
    public Dictionary<string, List<string>> Reactions { get; } = new(StringComparer.Ordinal);

    public JsonObject ToJson(string teamId)
    {
        var json = new JsonObject { ["type"] = "message" };
        if (Subtype is not null)
        {
            json["subtype"] = Subtype;
        }

        json["text"] = Text;
        json["user"] = User;
        json["ts"] = Ts;
        json["team"] = teamId;
        if (BotId is not null)
        {
            json["bot_id"] = BotId;
        }

        if (ThreadTs is not null)
        {
            json["thread_ts"] = ThreadTs;
        }

        if (ReplyCount > 0)
        {
            json["reply_count"] = ReplyCount;
        }

        if (Reactions.Count > 0)
        {
            json["reactions"] = new JsonArray([.. Reactions.Select(r => (JsonNode)new JsonObject
            {
                ["name"] = r.Key,
                ["users"] = new JsonArray([.. r.Value.Select(u => (JsonNode)JsonValue.Create(u))]),
                ["count"] = r.Value.Count,
            })]);
        }

        return json;
    }
}

/// <summary>An issued bot token.</summary>
internal sealed class SimToken
{
    public required string AccessToken { get; init; }
    public required string RefreshToken { get; init; }
    public required IReadOnlySet<string> Scopes { get; init; }
    public DateTimeOffset ExpiresAt { get; set; }
    public bool Revoked { get; set; }
}

/// <summary>A pending consent (between the authorize page and the Allow/Deny decision).</summary>
internal sealed record SimAuthorization(string Id, string ClientId, string RedirectUri, IReadOnlyList<string> Scopes, string? State, DateTimeOffset ExpiresAt);

/// <summary>An issued authorization code.</summary>
internal sealed record SimCode(string Code, string RedirectUri, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);
