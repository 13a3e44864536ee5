using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;

namespace Fastn.Client.Tests.Infrastructure;

/// <summary>
/// An API-key connector whose actions answer without calling any app: <c>echo</c> returns its input, <c>greet</c>
/// requires a <c>name</c>, <c>fail_auth</c> and <c>fail_rate</c> throw the SDK's typed errors.
/// </summary>
public static class TestConnectors
{
    public const string Echo = "client-echo";

    public static ConnectorDefinition EchoConnector()
    {
        var definition = new ConnectorDefinition
        {
            Name = Echo,
            DisplayName = "Client Echo",
            Description = "Answers without calling an app.",
            Categories = ["testing"],
            BaseUrl = "http://127.0.0.1:9",
            Auth = Auth.ApiKeyHeader("X-Api-Key"),
        };
        var anyObject = new JsonObject { ["type"] = "object" };
        definition.Actions.Add(Define.JsonAction("echo", "Returns its input.", anyObject.DeepClone().AsObject(), anyObject.DeepClone().AsObject(),
            (input, _, _) => Task.FromResult(input?.DeepClone()), ActionHints.Read("echo")));
        definition.Actions.Add(Define.JsonAction("greet", "Greets someone by name.",
            new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("name"),
                ["properties"] = new JsonObject { ["name"] = new JsonObject { ["type"] = "string" } },
            },
            anyObject.DeepClone().AsObject(),
            (input, _, _) => Task.FromResult<JsonNode?>(new JsonObject { ["greeting"] = "Hello, " + input?["name"]?.GetValue<string>() }),
            ActionHints.Read("echo")));
        definition.Actions.Add(Define.JsonAction("fail_auth", "The app refuses the credentials.", anyObject.DeepClone().AsObject(), anyObject.DeepClone().AsObject(),
            (_, _, _) => throw new AuthRequiredException("The app says the key was revoked."), ActionHints.Read("echo")));
        definition.Actions.Add(Define.JsonAction("fail_rate", "The app rate limits.", anyObject.DeepClone().AsObject(), anyObject.DeepClone().AsObject(),
            (_, _, _) => throw new RateLimitedException("Too many requests.", TimeSpan.FromSeconds(7)), ActionHints.Read("echo")));
        return definition;
    }
}
