using System.Net;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.GitHub;
using Fastn.Connectors.Http;
using Fastn.Connectors.Testing;

namespace Fastn.Connectors.BuiltIn.Tests.GitHub;

/// <summary>GitHub answers that the spec does not document for every path (429 secondary limits) and the Link header.</summary>
public sealed class GitHubErrorMappingTests
{
    private static ConnectorTestHost Host(StubHttpHandler stub) =>
        new(GitHubConnector.Definition, ConnectorTestHost.CredentialsFor(GitHubConnector.Definition.Auth.Default!, new Dictionary<string, string> { ["access_token"] = "gho_x" }), stub);

    [Fact]
    public async Task RunAction_429WithRetryAfter_ThrowsRateLimitedWithThatWait()
    {
        var stub = new StubHttpHandler().Enqueue(_ =>
        {
            var response = StubHttpHandler.Text(HttpStatusCode.TooManyRequests, """{"message":"You have exceeded a secondary rate limit.","documentation_url":"https://docs.github.com/rest"}""");
            response.Headers.TryAddWithoutValidation("retry-after", "42");
            return response;
        });
        using var host = Host(stub);

        var error = await Should.ThrowAsync<RateLimitedException>(() => host.RunActionAsync("list_issues", JsonNode.Parse("""{"owner":"o","repo":"r"}"""), TestContext.Current.CancellationToken));

        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(42));
        error.Message.ShouldContain("secondary rate limit");
    }

    [Fact]
    public async Task RunAction_403WithoutRateLimitSigns_ThrowsUpstreamWithGitHubMessage()
    {
        var stub = new StubHttpHandler().Enqueue(HttpStatusCode.Forbidden, """{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest/issues/issues#create-an-issue","status":"403"}""");
        using var host = Host(stub);

        var error = await Should.ThrowAsync<UpstreamException>(() => host.RunActionAsync("create_issue", JsonNode.Parse("""{"owner":"o","repo":"r","title":"t"}"""), TestContext.Current.CancellationToken));

        error.StatusCode.ShouldBe(403);
        error.Message.ShouldContain("Resource not accessible by integration");
    }

    [Fact]
    public async Task RunAction_EscapesPathSegmentsAndSendsGitHubHeaders()
    {
        var stub = new StubHttpHandler().EnqueueJson(Array.Empty<object>());
        using var host = Host(stub);

        var output = await host.RunActionAsync("list_pull_requests", JsonNode.Parse("""{"owner":"my org","repo":"a/b"}"""), TestContext.Current.CancellationToken);

        stub.LastRequest.Url.AbsolutePath.ShouldBe("/repos/my%20org/a%2Fb/pulls");
        stub.LastRequest.Header("X-GitHub-Api-Version").ShouldBe("2022-11-28");
        stub.LastRequest.Header("User-Agent").ShouldNotBeNullOrEmpty();
        output!["next_page"].ShouldBeNull();
    }
}
