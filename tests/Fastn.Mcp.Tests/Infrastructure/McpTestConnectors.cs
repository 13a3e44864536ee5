using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;

namespace Fastn.Mcp.Tests.Infrastructure;

/// <summary>
/// Two small API-key connectors whose actions answer without a network hop: the gateway, not an app, is under test.
/// <c>create_note</c> echoes the connection's key back, as a careless app might, so tests can see it masked.
/// </summary>
public static class McpTestConnectors
{
    public const string Notes = "mcp-notes";
    public const string Tasks = "mcp-tasks";

    public static ConnectorDefinition NotesConnector()
    {
        var definition = new ConnectorDefinition { Name = Notes, DisplayName = "Notes", Description = "A notebook.", Auth = Auth.ApiKeyHeader("X-Api-Key") };
        definition.Actions.Add(Define.JsonAction("create_note", "Create a note.",
            new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["title"] = new JsonObject { ["type"] = "string", ["minLength"] = 1 },
                    ["priority"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 5 },
                },
                ["required"] = new JsonArray("title"),
                ["additionalProperties"] = false,
            },
            new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["id"] = new JsonObject { ["type"] = "string" },
                    ["title"] = new JsonObject { ["type"] = "string" },
                    ["priority"] = new JsonObject { ["type"] = "integer" },
                    ["echo"] = new JsonObject { ["type"] = "string" },
                },
                ["required"] = new JsonArray("id", "title"),
            },
            (input, ctx, _) => Task.FromResult<JsonNode?>(new JsonObject
            {
                ["id"] = "note_" + ctx.ConnectionId,
                ["title"] = input!["title"]!.GetValue<string>(),
                ["priority"] = input["priority"]?.GetValue<int>() ?? 3,
                ["echo"] = "key was " + ctx.Auth.Get("api_key"),
            }),
            ActionHints.Write("notes") with { LlmDescription = "Create a note with a title (and a priority from 1 to 5); returns the note." }));
        definition.Actions.Add(Define.JsonAction("list_notes", "List notes.",
            new JsonObject { ["type"] = "object", ["properties"] = new JsonObject(), ["additionalProperties"] = false },
            new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            (_, ctx, _) => Task.FromResult<JsonNode?>(new JsonArray("first", "second")),
            ActionHints.Read("notes")));
        definition.Actions.Add(Define.JsonAction("delete_note", "Delete a note.",
            new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["id"] = new JsonObject { ["type"] = "string" } }, ["required"] = new JsonArray("id") },
            new JsonObject { ["type"] = "object" },
            (_, _, _) => Task.FromResult<JsonNode?>(new JsonObject()),
            ActionHints.Delete("notes")));
        // The app's own refusals, as a connector reports them: an upstream error (quoting the key back), a field it rejects, revoked credentials.
        definition.Actions.Add(Define.JsonAction("share_note", "Share a note.",
            new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["outcome"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("refused", "invalid", "reauth") } },
                ["required"] = new JsonArray("outcome"),
            },
            new JsonObject { ["type"] = "object" },
            (input, ctx, _) => throw (input!["outcome"]!.GetValue<string>() switch
            {
                "refused" => new UpstreamException(403, """{"error":"not_allowed"}""", "Notes refused to share: key " + ctx.Auth.Get("api_key") + " may not share."),
                "invalid" => (Exception)new ConnectorValidationException("Notes says the recipient is not a member.", "recipient"),
                _ => new AuthRequiredException("Notes revoked the key."),
            }),
            ActionHints.Write("notes")));
        definition.Actions.Add(Define.JsonAction("internal_sync", "Not for models.",
            new JsonObject { ["type"] = "object" }, new JsonObject { ["type"] = "object" },
            (_, _, _) => Task.FromResult<JsonNode?>(new JsonObject()),
            new ActionHints { McpExposed = false }));
        return definition;
    }

    public static ConnectorDefinition TasksConnector()
    {
        var definition = new ConnectorDefinition { Name = Tasks, DisplayName = "Tasks", Description = "A to-do list.", Auth = Auth.ApiKeyHeader("X-Api-Key") };
        definition.Actions.Add(Define.JsonAction("add_task", "Add a task.",
            new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "string" } }, ["required"] = new JsonArray("text") },
            new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "string" } } },
            (input, _, _) => Task.FromResult<JsonNode?>(new JsonObject { ["text"] = input!["text"]!.GetValue<string>() }),
            ActionHints.Write("tasks")));
        return definition;
    }
}
