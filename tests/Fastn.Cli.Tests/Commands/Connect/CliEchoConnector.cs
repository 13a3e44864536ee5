using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;

namespace Fastn.Cli.Tests.Commands.Connect;

/// <summary>An API-key connector whose actions answer without calling an app: <c>echo</c> returns its input, <c>greet</c> requires a name.</summary>
public static class CliEchoConnector
{
    public const string Name = "cli-echo";

    public static ConnectorDefinition Create()
    {
        var definition = new ConnectorDefinition
        {
            Name = Name,
            DisplayName = "CLI Echo",
            Description = "Answers without calling an app.",
            Categories = ["testing"],
            BaseUrl = "http://127.0.0.1:9",
            Auth = Auth.ApiKeyHeader("X-Api-Key"),
        };
        definition.Actions.Add(Define.JsonAction("echo", "Returns its input.", new JsonObject { ["type"] = "object" }, new JsonObject { ["type"] = "object" },
            (input, _, _) => Task.FromResult(input?.DeepClone()), ActionHints.Read("echo")));
        definition.Actions.Add(Define.JsonAction("greet", "Greets someone by name.",
            new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("name"),
                ["properties"] = new JsonObject { ["name"] = new JsonObject { ["type"] = "string" } },
            },
            new JsonObject { ["type"] = "object" },
            (input, _, _) => Task.FromResult<JsonNode?>(new JsonObject { ["greeting"] = "Hello, " + input?["name"]?.GetValue<string>() }),
            ActionHints.Read("echo")));
        return definition;
    }
}
