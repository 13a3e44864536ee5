using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.GitHub;
using Fastn.Connectors.BuiltIn.Tests.Specs;
using Fastn.Connectors.Triggers;
using Fastn.Sandbox;
using Fastn.Sandbox.Vendors.GitHub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fastn.Connectors.BuiltIn.Tests.GitHub;

/// <summary>The simulation alone on Kestrel: its answers match GitHub's OpenAPI description (required fields included) and its webhooks verify.</summary>
public sealed class GitHubSimulationTests : IAsyncLifetime
{
    private const string Prefix = "/sandbox/github";
    private static readonly OpenApiSpec Spec = OpenApiSpec.Load("github");
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private readonly List<(byte[] Body, Dictionary<string, string> Headers)> _received = [];
    private readonly SemaphoreSlim _arrived = new(0);

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddRouting();
        builder.Services.AddFastnSandbox(o => o.Add(new GitHubSandboxApp()));
        _app = builder.Build();
        _app.MapFastnSandbox();
        _app.MapPost("/receiver", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            lock (_received)
            {
                _received.Add((buffer.ToArray(), context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            }

            _arrived.Release();
            return Results.NoContent();
        });
        await _app.StartAsync(TestContext.Current.CancellationToken);
        var address = _app.Urls.First();
        _http = new HttpClient { BaseAddress = new Uri(address + Prefix + "/") };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GitHubSimulation.PersonalAccessToken);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("spec-test/1.0");
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.github+json");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task<(int Status, string Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var problems = Spec.CheckResponse(method.Method, path.Split('?')[0], (int)response.StatusCode, text.Length == 0 ? null : text, requireRequired: true);
        problems.ShouldBeEmpty($"{method} {path} answered {(int)response.StatusCode} not as the spec says");
        return ((int)response.StatusCode, text, response);
    }

    [Fact]
    public async Task Responses_EveryPathTheConnectorCalls_ConformToSpecWithRequiredFields()
    {
        var owner = GitHubSimulation.ViewerLogin;
        (await SendAsync(HttpMethod.Get, "/user")).Status.ShouldBe(200);
        var repos = await SendAsync(HttpMethod.Get, "/user/repos?per_page=1");
        repos.Response.Headers.GetValues("Link").Single().ShouldContain("rel=\"next\"");
        repos.Response.Headers.GetValues("x-ratelimit-limit").Single().ShouldBe("5000");
        (await SendAsync(HttpMethod.Get, $"/repos/{owner}/hello-world")).Status.ShouldBe(200);
        (await SendAsync(HttpMethod.Get, $"/repos/{owner}/hello-world/issues?state=all")).Status.ShouldBe(200);
        (await SendAsync(HttpMethod.Get, $"/repos/{owner}/hello-world/issues/1")).Status.ShouldBe(200);
        var created = await SendAsync(HttpMethod.Post, $"/repos/{owner}/hello-world/issues", new { title = "Spec check", labels = new[] { "bug" } });
        created.Status.ShouldBe(201);
        var number = JsonNode.Parse(created.Body)!["number"]!.GetValue<int>();
        (await SendAsync(HttpMethod.Patch, $"/repos/{owner}/hello-world/issues/{number}", new { state = "closed", state_reason = "completed" })).Status.ShouldBe(200);
        (await SendAsync(HttpMethod.Post, $"/repos/{owner}/hello-world/issues/{number}/comments", new { body = "done" })).Status.ShouldBe(201);
        (await SendAsync(HttpMethod.Get, "/search/issues?q=is:issue+label:bug")).Status.ShouldBe(200);
        (await SendAsync(HttpMethod.Get, $"/repos/{owner}/hello-world/pulls?state=all")).Status.ShouldBe(200);
        (await SendAsync(HttpMethod.Get, $"/repos/{owner}/nope")).Status.ShouldBe(404);
        (await SendAsync(HttpMethod.Post, $"/repos/{owner}/hello-world/issues", new { body = "no title" })).Status.ShouldBe(422);
    }

    [Fact]
    public async Task Repositories_EveryShapeTheSimulationAnswers_HasEveryRequiredFieldOfTheSpecsSchema()
    {
        var owner = GitHubSimulation.ViewerLogin;
        var full = JsonNode.Parse((await SendAsync(HttpMethod.Get, $"/repos/{owner}/hello-world")).Body)!.AsObject();
        var listed = JsonNode.Parse((await SendAsync(HttpMethod.Get, "/user/repos")).Body)!.AsArray();
        var pulls = JsonNode.Parse((await SendAsync(HttpMethod.Get, $"/repos/{owner}/hello-world/pulls?state=all")).Body)!.AsArray();

        var fullRequired = RequiredOf(ResponseSchema("/repos/{owner}/{repo}"));
        var listedRequired = RequiredOf(ResponseSchema("/user/repos").GetProperty("items"));
        var ownerRequired = RequiredOf(Spec.Root.GetProperty("components").GetProperty("schemas").GetProperty("simple-user"));

        fullRequired.Count.ShouldBeGreaterThan(70, "full-repository requires 76 fields in the spec");
        fullRequired.Where(f => !full.ContainsKey(f)).ShouldBeEmpty("GET /repos/{owner}/{repo} lacks required fields of full-repository");
        ownerRequired.Where(f => !full["owner"]!.AsObject().ContainsKey(f)).ShouldBeEmpty("the owner lacks required fields of simple-user");
        listed.ShouldNotBeEmpty();
        pulls.ShouldNotBeEmpty();
        var repositories = listed.Concat(pulls.SelectMany(p => new[] { p!["head"]!["repo"], p["base"]!["repo"] })).Select(r => r!.AsObject()).ToList();
        repositories.SelectMany(r => listedRequired.Where(f => !r.ContainsKey(f)).Select(f => $"{r["full_name"]}: {f}"))
            .ShouldBeEmpty("a listed repository or a pull's head/base repository lacks required fields of repository");
    }

    // The 200 response schema of GET {template} in the spec, its $ref resolved.
    private static System.Text.Json.JsonElement ResponseSchema(string template) =>
        Resolve(Spec.Root.GetProperty("paths").GetProperty(template).GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema"));

    private static System.Text.Json.JsonElement Resolve(System.Text.Json.JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            schema = Spec.Root.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        return schema;
    }

    private static List<string> RequiredOf(System.Text.Json.JsonElement schema) =>
        [.. Resolve(schema).GetProperty("required").EnumerateArray().Select(r => r.GetString()!)];

    [Fact]
    public async Task Api_WithoutTokenOrUserAgent_AnswersLikeGitHub()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };
        anonymous.DefaultRequestHeaders.UserAgent.ParseAdd("spec-test/1.0");
        using var noToken = await anonymous.GetAsync("user", TestContext.Current.CancellationToken);
        noToken.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await noToken.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("Requires authentication");

        using var noAgent = new HttpClient { BaseAddress = _http.BaseAddress };
        noAgent.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", GitHubSimulation.PersonalAccessToken);
        using var refused = await noAgent.GetAsync("user", TestContext.Current.CancellationToken);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Api_RateLimitExhausted_Answers403WithRemainingZeroAndReset()
    {
        _app.Services.GetRequiredService<GitHubSimulation>().ExhaustRateLimit(GitHubSimulation.PersonalAccessToken);

        var (status, body, response) = await SendAsync(HttpMethod.Get, "/user");

        status.ShouldBe(403);
        body.ShouldContain("API rate limit exceeded");
        response.Headers.GetValues("x-ratelimit-remaining").Single().ShouldBe("0");
        long.Parse(response.Headers.GetValues("x-ratelimit-reset").Single(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Hooks_CreatedHookAndIssueChange_DeliverSignedEventsTheConnectorVerifies()
    {
        var owner = GitHubSimulation.ViewerLogin;
        var receiver = new Uri(new Uri(_app.Urls.First()), "/receiver").ToString();
        var hook = await SendAsync(HttpMethod.Post, $"/repos/{owner}/hello-world/hooks",
            new { name = "web", active = true, events = new[] { "issues" }, config = new { url = receiver, content_type = "json", secret = "s3cret", insecure_ssl = "0" } });
        hook.Status.ShouldBe(201);
        await SendAsync(HttpMethod.Post, $"/repos/{owner}/hello-world/issues", new { title = "Hooked" });

        var deadline = TimeSpan.FromSeconds(20);
        (await _arrived.WaitAsync(deadline, TestContext.Current.CancellationToken)).ShouldBeTrue("no ping arrived");
        (await _arrived.WaitAsync(deadline, TestContext.Current.CancellationToken)).ShouldBeTrue("no issues event arrived");
        List<(byte[] Body, Dictionary<string, string> Headers)> received;
        lock (_received)
        {
            received = [.. _received];
        }

        var context = new WebhookVerificationContext { SigningSecret = "s3cret" };
        var types = new List<string>();
        foreach (var (body, headers) in received)
        {
            var request = new WebhookRequest(body, headers);
            var verdict = GitHubWebhooks.Verify(request, context);
            verdict.IsValid.ShouldBeTrue(verdict.Failure);
            if (verdict.Handshake is null)
            {
                types.Add(GitHubWebhooks.Extract(request).Single().Type);
            }

            GitHubWebhooks.Verify(request, context with { SigningSecret = "wrong" }).IsValid.ShouldBeFalse();
        }

        received.Select(r => r.Headers["X-GitHub-Event"]).ShouldBe(["ping", "issues"], ignoreOrder: true);
        types.ShouldBe(["issues.opened"]);

        var hookId = JsonNode.Parse(hook.Body)!["id"]!.GetValue<long>();
        (await SendAsync(HttpMethod.Delete, $"/repos/{owner}/hello-world/hooks/{hookId}")).Status.ShouldBe(204);
        Encoding.UTF8.GetString(received[0].Body).ShouldNotBeEmpty();
    }
}
