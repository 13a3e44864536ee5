using System.Net;
using Fastn.Connectors.BuiltIn.GitHub;
using Fastn.Connectors.BuiltIn.Tests.Specs;
using Fastn.Connectors.Http;
using Fastn.Connectors.Testing;

namespace Fastn.Connectors.BuiltIn.Tests.GitHub;

/// <summary>Every request the connector makes and every fixture response, checked against GitHub's OpenAPI description.</summary>
public sealed class GitHubSpecTests
{
    private static readonly OpenApiSpec Spec = OpenApiSpec.Load("github");

    private static string FixturesDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures", GitHubConnector.Name);

    public static TheoryData<string> Fixtures() => [.. Directory.GetFiles(FixturesDirectory, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Fixture_RequestsAndResponses_ConformToGitHubSpec(string file)
    {
        var fixture = ConnectorFixture.Load(Path.Combine(FixturesDirectory, file));
        var definition = GitHubConnector.Definition;
        var method = definition.Auth.Find(fixture.AuthMethod).ShouldNotBeNull();
        using var replay = new FixtureReplayHandler(fixture);
        using var checking = new SpecCheckingHandler(Spec, replay) { RequireRequiredInResponses = true };
        using var host = new ConnectorTestHost(definition, ConnectorTestHost.CredentialsFor(method, fixture.Credentials), checking, method);

        try
        {
            await host.RunActionAsync(fixture.Action, fixture.Input, TestContext.Current.CancellationToken);
        }
        catch (ConnectorException) when (fixture.ExpectedError is not null)
        {
            // The error itself is checked by Fixtures_Replay; here only the wire matters.
        }

        replay.Mismatches.ShouldBeEmpty();
        checking.RequestCount.ShouldBe(fixture.Interactions.Count);
        checking.Problems.ShouldBeEmpty($"{file} does not conform to GitHub's OpenAPI description");
    }

    [Fact]
    public void CheckRequest_FieldGitHubDoesNotHave_IsReported()
    {
        // Guards the guard: a body that leaked the path parameters would be caught.
        Spec.CheckRequest("PATCH", "/repos/octocat/hello-world/issues/1", "application/json", """{"owner":"octocat","state":"closed"}""")
            .ShouldNotBeEmpty();
        Spec.CheckRequest("GET", "/repos/octocat/hello-world/issues?state=all&colour=red", null, null).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Fixture_ErrorStatusesMapToTypedExceptions()
    {
        var fixture = ConnectorFixture.Load(Path.Combine(FixturesDirectory, "search_issues_secondary_rate_limit.json"));
        using var replay = new FixtureReplayHandler(fixture);
        using var host = new ConnectorTestHost(GitHubConnector.Definition,
            ConnectorTestHost.CredentialsFor(GitHubConnector.Definition.Auth.Default!, fixture.Credentials), replay);

        var error = await Should.ThrowAsync<RateLimitedException>(() => host.RunActionAsync(fixture.Action, fixture.Input, TestContext.Current.CancellationToken));

        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(60));
        HttpStatusCode.Forbidden.ShouldBe((HttpStatusCode)fixture.Interactions[0].Response.Status);
    }
}
