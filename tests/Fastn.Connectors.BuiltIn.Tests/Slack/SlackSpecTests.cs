using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Tests.Specs;

namespace Fastn.Connectors.BuiltIn.Tests.Slack;

/// <summary>Every recorded request and response of the Slack fixtures against Slack's OpenAPI spec (api/slack.com.json).</summary>
public sealed class SlackSpecTests
{
    private static readonly string FixturesDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "slack");

    [Fact]
    public void Fixtures_RequestsAndResponses_ConformToSlackSpec()
    {
        var spec = OpenApiSpec.Load("slack");
        var problems = new List<string>();
        var files = Directory.GetFiles(FixturesDirectory, "*.json");
        files.Length.ShouldBeGreaterThan(10);
        foreach (var file in files)
        {
            var fixture = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            foreach (var interaction in fixture["interactions"]!.AsArray())
            {
                var request = interaction!["request"]!;
                var method = request["method"]!.GetValue<string>();
                var path = request["path"]!.GetValue<string>();
                var query = request["query"] is JsonObject q && q.Count > 0
                    ? "?" + string.Join('&', q.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!.GetValue<string>())}"))
                    : "";
                var body = request["bodyText"]?.GetValue<string>() ?? request["body"]?.ToJsonString();
                var contentType = body is null ? null : request["bodyText"] is not null ? "application/x-www-form-urlencoded" : "application/json";
                var name = Path.GetFileName(file);
                problems.AddRange(spec.CheckRequest(method, path + query, contentType, body).Select(p => $"{name} request: {p}"));

                var response = interaction["response"]!;
                var status = response["status"]?.GetValue<int>() ?? 200;
                problems.AddRange(spec.CheckResponse(method, path, status, response["body"]?.ToJsonString()).Select(p => $"{name} response: {p}"));
            }
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void CheckRequest_MethodTheSpecLacks_IsReported()
    {
        // The checker must be able to fail: a made-up method and a made-up body field are problems.
        var spec = OpenApiSpec.Load("slack");

        spec.CheckRequest("POST", "/api/chat.postMessages", "application/x-www-form-urlencoded", "channel=C0123ABCDE").ShouldNotBeEmpty();
        spec.CheckRequest("POST", "/api/chat.postMessage", "application/x-www-form-urlencoded", "channel=C0123ABCDE&colour=red").ShouldNotBeEmpty();
    }
}
