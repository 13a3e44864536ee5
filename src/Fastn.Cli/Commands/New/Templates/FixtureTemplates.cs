using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fastn.Cli.Commands.New.Templates;

/// <summary>
/// Recorded-response fixtures (docs/testing-connectors.md) for the generated actions, with the auth
/// kind's test credentials and the headers its requests must carry.
/// </summary>
internal static class FixtureTemplates
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IReadOnlyList<(string FileName, string Content)> For(TemplateModel model)
    {
        var auth = model.Auth;
        var user = new JsonObject { ["id"] = "usr_1", ["email"] = "ada@example.com", ["name"] = "Ada Lovelace" };
        var items = new JsonObject
        {
            ["data"] = new JsonArray(
                new JsonObject { ["id"] = "itm_1", ["email"] = "ada@example.com", ["firstName"] = "Ada", ["lastName"] = "Lovelace", ["updatedAt"] = "2025-05-01T10:00:00+00:00" },
                new JsonObject { ["id"] = "itm_2", ["email"] = "grace@example.com", ["firstName"] = "Grace", ["lastName"] = "Hopper", ["updatedAt"] = "2025-05-02T09:30:00+00:00" }),
            ["nextCursor"] = "cur_2",
        };

        var files = new List<(string, string)>
        {
            ("get_current_user.json", Write(Fixture(model, "get_current_user", "Returns the user the connection belongs to.", new JsonObject(),
                Exchange(auth, "/v1/me", null, 200, user.DeepClone()), expectedOutput: user.DeepClone()))),
            ("list_items.json", Write(Fixture(model, "list_items", "Returns the first page of items and the cursor of the next one.", new JsonObject { ["limit"] = 2 },
                Exchange(auth, "/v1/items", new JsonObject { ["limit"] = "2" }, 200, items.DeepClone()), expectedOutput: items.DeepClone()))),
            ("get_item.json", Write(Fixture(model, "get_item", "Returns one item by id.", new JsonObject { ["id"] = "itm_1" },
                Exchange(auth, "/v1/items/itm_1", null, 200, items["data"]![0]!.DeepClone()), expectedOutput: items["data"]![0]!.DeepClone()))),
        };

        if (auth.Kind != ScaffoldAuth.None)
        {
            files.Add(("get_current_user_unauthorized.json", Write(Fixture(model, "get_current_user",
                "The app refuses revoked credentials with 401: the action reports fastn:auth-required so Fastn asks the user to reconnect.",
                new JsonObject(), Exchange(auth, "/v1/me", null, 401, new JsonObject { ["error"] = "invalid_token" }),
                expectedError: new JsonObject { ["type"] = "fastn:auth-required" }))));
        }

        return files;
    }

    private static JsonObject Fixture(TemplateModel model, string action, string description, JsonObject input, JsonObject interaction,
        JsonNode? expectedOutput = null, JsonObject? expectedError = null)
    {
        var fixture = new JsonObject
        {
            ["action"] = action,
            ["description"] = description,
            ["credentials"] = Object(model.Auth.Credentials),
            ["input"] = input,
            ["interactions"] = new JsonArray(interaction),
        };
        if (expectedOutput is not null)
        {
            fixture["expectedOutput"] = expectedOutput;
        }

        if (expectedError is not null)
        {
            fixture["expectedError"] = expectedError;
        }

        return fixture;
    }

    private static JsonObject Exchange(AuthTemplate auth, string path, JsonObject? query, int status, JsonNode body)
    {
        var request = new JsonObject { ["method"] = "GET", ["path"] = path };
        if (query is not null)
        {
            request["query"] = query;
        }

        if (auth.RequestHeaders.Count > 0)
        {
            request["headers"] = Object(auth.RequestHeaders);
        }

        return new JsonObject
        {
            ["request"] = request,
            ["response"] = new JsonObject { ["status"] = status, ["body"] = body },
        };
    }

    private static JsonObject Object(IReadOnlyDictionary<string, string> values)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in values)
        {
            obj[key] = value;
        }

        return obj;
    }

    private static string Write(JsonObject fixture) => fixture.ToJsonString(Json).ReplaceLineEndings("\n") + "\n";
}
