using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using Fastn.Engine.Hosting;
using Fastn.Server;

// The Fastn server with one extra connector, "crash-stub": its action "step" POSTs to {Crash:StubUrl}/step/{name}
// with the step's idempotency key as Idempotency-Key, as a connector for an app like Stripe does.
var stubUrl = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2 && p[0] == "--Crash:StubUrl").Select(p => p[1]).FirstOrDefault()
    ?? throw new ArgumentException("Pass --Crash:StubUrl=http://127.0.0.1:port");
var app = FastnServer.Build(args, builder => builder.Services.AddFastn().AddConnector(CrashStub(stubUrl), "crash test"));
await app.RunAsync();
return 0;

static ConnectorDefinition CrashStub(string baseUrl)
{
    var definition = new ConnectorDefinition
    {
        Name = "crash-stub",
        DisplayName = "Crash stub",
        Description = "Calls the crash test's stub app.",
        BaseUrl = baseUrl,
        Auth = Auth.ApiKeyHeader("X-Api-Key"),
    };
    definition.Actions.Add(Define.JsonAction("step", "POST /step/{name} with the idempotency key.",
        new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["name"] = new JsonObject { ["type"] = "string" } }, ["required"] = new JsonArray("name") },
        new JsonObject { ["type"] = "object" },
        async (input, ctx, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "step/" + Uri.EscapeDataString(input!["name"]!.GetValue<string>()))
            {
                Content = new StringContent("{}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", ctx.IdempotencyKey);
            using var response = await ctx.Http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
        }, ActionHints.Write("test")));
    return definition;
}
