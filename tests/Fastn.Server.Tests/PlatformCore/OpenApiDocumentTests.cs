using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fastn.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Server.Tests.PlatformCore;

/// <summary>
/// Issue 10: the OpenAPI document tells the truth. Every operation answers a 2xx with a schema (204, and 202 without a
/// body, excepted), declares its problem+json answers, and carries the API-key security requirement exactly when its
/// endpoint needs authorization. The Scalar explorer loads nothing from other hosts.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed partial class OpenApiDocumentTests(ServerFixture fixture)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task Document_EveryOperation_HasSuccessSchemaProblemsAndSecurity()
    {
        var document = await DocumentAsync();
        var authenticated = AuthenticatedRoutes();
        var failures = new List<string>();
        var operations = 0;

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var method in Methods.Where(m => item![m] is not null))
            {
                operations++;
                var operation = item![method]!.AsObject();
                var where = $"{method.ToUpperInvariant()} {path} ({operation["operationId"]})";
                var responses = operation["responses"]?.AsObject() ?? [];

                var successes = responses.Where(r => r.Key.StartsWith('2')).ToList();
                if (successes.Count == 0)
                {
                    failures.Add($"{where}: no 2xx response");
                }

                foreach (var (status, response) in successes)
                {
                    var content = response!["content"]?.AsObject();
                    if (status == "204")
                    {
                        if (content is { Count: > 0 })
                        {
                            failures.Add($"{where}: 204 declares a body");
                        }
                    }
                    else if (content is null || content.Count == 0)
                    {
                        if (status != "202")
                        {
                            failures.Add($"{where}: {status} has no content");
                        }
                    }
                    else if (content.Any(c => c.Value?["schema"] is null))
                    {
                        failures.Add($"{where}: {status} has a media type without a schema");
                    }
                }

                foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                {
                    if (response!["content"]?["application/problem+json"]?["schema"] is null)
                    {
                        failures.Add($"{where}: {status} is not declared as application/problem+json with a schema");
                    }
                }

                var secured = operation["security"] is JsonArray { Count: > 0 } security
                    && security.Any(r => r!.AsObject().ContainsKey("ApiKey")) && security.Any(r => r!.AsObject().ContainsKey("Bearer"));
                var needsAuth = authenticated.Contains(Key(method, path));
                if (needsAuth != secured)
                {
                    failures.Add($"{where}: {(needsAuth ? "needs an API key but is not marked secured" : "is open but marked secured")}");
                }

                if (needsAuth)
                {
                    foreach (var status in new[] { "400", "401", "403" }.Where(s => !responses.ContainsKey(s)))
                    {
                        failures.Add($"{where}: authenticated but does not declare {status}");
                    }

                    var parameters = operation["parameters"]?.AsArray() ?? [];
                    if (!parameters.Any(p => (string?)p!["in"] == "header" && (string?)p["name"] == "x-fastn-space-tenantid"))
                    {
                        failures.Add($"{where}: authenticated but does not declare the x-fastn-space-tenantid header");
                    }
                }

                if (path.Contains('{', StringComparison.Ordinal) && !responses.ContainsKey("404"))
                {
                    failures.Add($"{where}: a path parameter can name nothing, but 404 is not declared");
                }
            }
        }

        // No /api/v1 endpoint is left out of the document (the dashboard's pages and /mcp are not REST).
        var documented = document["paths"]!.AsObject().SelectMany(p => Methods.Where(m => p.Value![m] is not null).Select(m => Key(m, p.Key))).ToHashSet();
        failures.AddRange(authenticated.Where(r => r.Contains(" /api/", StringComparison.Ordinal) && !documented.Contains(r)).Select(r => $"{r}: an API endpoint missing from the document"));

        operations.ShouldBeGreaterThan(40);
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Document_SecuritySchemes_DeclareTheKeyHeaderAndBearer()
    {
        var document = await DocumentAsync();

        var schemes = document["components"]!["securitySchemes"]!;
        schemes["ApiKey"]!["type"]!.GetValue<string>().ShouldBe("apiKey");
        schemes["ApiKey"]!["in"]!.GetValue<string>().ShouldBe("header");
        schemes["ApiKey"]!["name"]!.GetValue<string>().ShouldBe("x-fastn-api-key");
        schemes["Bearer"]!["type"]!.GetValue<string>().ShouldBe("http");
        schemes["Bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");
        // Open routes stay open: the OAuth callback is where the app sends the user's browser, with no key.
        document["paths"]!["/oauth/callback"]!["get"]!["security"].ShouldBeNull();
    }

    [Fact]
    public async Task Document_ConnectionSchema_RequiresEveryPropertyTheServerWrites()
    {
        var document = await DocumentAsync();

        var created = document["paths"]!["/api/v1/connections"]!["post"]!["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        var name = created.Split('/')[^1];
        var schema = document["components"]!["schemas"]![name]!;
        var required = schema["required"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        required.ShouldBe(["id", "tenantId", "connector", "authMethod", "status", "statusReason", "displayName", "metadata", "createdAt", "updatedAt"], ignoreOrder: true);
        schema["properties"]!["statusReason"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["null", "string"], ignoreOrder: true);
    }

    [Fact]
    public async Task Document_NumbersInAnswers_AreNumbersOnly()
    {
        var document = await DocumentAsync();

        var run = document["components"]!["schemas"]!["FlowRunView"]!["properties"]!["flowVersion"]!;
        var step = document["components"]!["schemas"]!["FlowRunStepView"]!["properties"]!["durationMs"]!;

        ((string?)run["type"] ?? string.Join(',', run["type"]!.AsArray())).ShouldBe("integer");
        ((string?)step["type"] ?? string.Join(',', step["type"]!.AsArray())).ShouldBe("number");
        run["pattern"].ShouldBeNull();
    }

    [Fact]
    public async Task Scalar_Page_LoadsNothingFromOtherHosts()
    {
        using var response = await fixture.Server.Http.GetAsync("scalar/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("<script");
        var external = AbsoluteUrl().Matches(html).Select(m => m.Groups["host"].Value)
            .Where(host => host is not ("localhost" or "127.0.0.1" or "[::1]")).Distinct().ToList();
        external.ShouldBeEmpty("the explorer must work offline: no fonts, scripts or telemetry from other hosts");

        // The script it loads is served by this server.
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups["src"].Value).ToList();
        scripts.ShouldNotBeEmpty();
        foreach (var src in scripts)
        {
            using var script = await fixture.Server.Http.GetAsync(new Uri(new Uri(fixture.Server.BaseUrl + "/scalar/"), src), TestContext.Current.CancellationToken);
            script.StatusCode.ShouldBe(HttpStatusCode.OK, src);
        }
    }

    private async Task<JsonObject> DocumentAsync()
    {
        using var response = await fixture.Server.Http.GetAsync("openapi/v1.json", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
    }

    // (method, route) of every endpoint that needs authorization, read from the running server's endpoints, not the document.
    private HashSet<string> AuthenticatedRoutes()
    {
        var endpoints = fixture.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<IAuthorizeData>() is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                routes.Add(Key(method, endpoint.RoutePattern.RawText ?? ""));
            }
        }

        return routes;
    }

    private static string Key(string method, string path) => method.ToUpperInvariant() + " /" + path.Trim('/');

    [GeneratedRegex("""https?://(?<host>\[[^\]]+\]|[^/"'\s:<>)]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex("""<script[^>]*\ssrc=["'](?<src>[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();
}
