using System.Net;
using System.Text.Json.Nodes;
using Fastn.Connectors.Testing;

namespace Fastn.Connectors.Tests.Testing;

public sealed class FixtureReplayTests
{
    private static ConnectorFixture Fixture(string json) => System.Text.Json.JsonSerializer.Deserialize<ConnectorFixture>(json, ConnectorFixture.JsonOptions)!;

    private const string Good = """
        {
          "action": "create_contact",
          "credentials": { "api_key": "k" },
          "input": { "email": "ada@example.com" },
          "interactions": [
            { "request": { "method": "POST", "path": "/v1/contacts", "query": {}, "headers": { "X-Api-Key": "***" }, "body": { "email": "ada@example.com" } },
              "response": { "status": 200, "body": { "id": "c1", "email": "ada@example.com", "updatedAt": "2025-01-01T00:00:00+00:00" } } }
          ],
          "expectedOutput": { "id": "c1", "email": "ada@example.com", "updatedAt": "2025-01-01T00:00:00+00:00" }
        }
        """;

    [Fact]
    public async Task ReplayAsync_MatchingFixture_Passes()
    {
        var result = await FixtureRunner.ReplayAsync(ExampleConnector.Definition, Fixture(Good), TestContext.Current.CancellationToken);

        result.Failures.ShouldBeEmpty();
        result.Output!["id"]!.GetValue<string>().ShouldBe("c1");
    }

    [Fact]
    public async Task ReplayAsync_BodyAndPathDiffer_FailsWithDiffOfEachDifference()
    {
        var fixture = Fixture(Good);
        fixture.Interactions[0].Request.Path = "/v2/contacts";
        fixture.Interactions[0].Request.Body = JsonNode.Parse("""{"email":"bob@example.com","tags":["x"]}""");

        var result = await FixtureRunner.ReplayAsync(ExampleConnector.Definition, fixture, TestContext.Current.CancellationToken);

        var failure = result.Failures.ShouldHaveSingleItem();
        failure.ShouldContain("example-crm: actions.create_contact");
        failure.ShouldContain("path: expected /v2/contacts, got /v1/contacts");
        failure.ShouldContain("body $.email: expected \"bob@example.com\", got \"ada@example.com\"");
        failure.ShouldContain("body $.tags: missing (expected [\"x\"])");
    }

    [Fact]
    public async Task ReplayAsync_UnexpectedQueryAndMissingHeader_AreReported()
    {
        var fixture = Fixture(Good);
        fixture.Interactions[0].Request.Query = new() { ["dry_run"] = "true" };
        fixture.Interactions[0].Request.Headers = new() { ["X-Api-Key"] = "***", ["X-Version"] = "2" };

        var result = await FixtureRunner.ReplayAsync(ExampleConnector.Definition, fixture, TestContext.Current.CancellationToken);

        result.Failures.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            f => f.ShouldContain("query 'dry_run': expected 'true', got (missing)"),
            f => f.ShouldContain("header 'X-Version': expected '2', got (missing)"));
    }

    [Fact]
    public async Task ReplayAsync_OutputDiffers_ReportsOutputPath()
    {
        var fixture = Fixture(Good);
        fixture.ExpectedOutput!["id"] = "c2";

        var result = await FixtureRunner.ReplayAsync(ExampleConnector.Definition, fixture, TestContext.Current.CancellationToken);

        result.Failures.ShouldHaveSingleItem().ShouldContain("$.id: expected \"c2\", got \"c1\"");
    }

    [Fact]
    public async Task ReplayAsync_UnusedInteraction_IsReported()
    {
        var fixture = Fixture(Good);
        fixture.Interactions.Add(new FixtureInteraction { Request = new FixtureRequest { Method = "GET", Path = "/v1/contacts/c1" } });

        var result = await FixtureRunner.ReplayAsync(ExampleConnector.Definition, fixture, TestContext.Current.CancellationToken);

        result.Failures.ShouldHaveSingleItem().ShouldContain("interaction #2 GET /v1/contacts/c1 was never requested");
    }

    [Fact]
    public async Task ReplayAsync_ExpectedErrorButSuccess_Fails()
    {
        var fixture = Fixture(Good);
        fixture.ExpectedOutput = null;
        fixture.ExpectedError = new FixtureExpectedError { Type = "fastn:upstream", Status = 404 };

        var result = await FixtureRunner.ReplayAsync(ExampleConnector.Definition, fixture, TestContext.Current.CancellationToken);

        result.Failures.ShouldHaveSingleItem().ShouldContain("expected error fastn:upstream (status 404), but the action returned");
    }

    [Fact]
    public async Task ReplayAsync_WrongErrorStatus_Fails()
    {
        var fixture = Fixture(Good);
        fixture.ExpectedOutput = null;
        fixture.Interactions[0].Response = new FixtureResponse { Status = 500, BodyText = "<html>oops</html>", Headers = new() { ["Content-Type"] = "text/html" } };
        fixture.ExpectedError = new FixtureExpectedError { Type = "fastn:upstream", Status = 404 };

        var result = await FixtureRunner.ReplayAsync(ExampleConnector.Definition, fixture, TestContext.Current.CancellationToken);

        result.Failures.ShouldHaveSingleItem().ShouldContain("expected status 404, got 500");
    }

    private const string BearerFixture = """
        {
          "action": "get_me",
          "credentials": { "token": "tok_test" },
          "input": {},
          "interactions": [
            { "request": { "method": "GET", "path": "/v1/me", "headers": { "Authorization": "Bearer ***" } },
              "response": { "status": 200, "body": { "id": "u1" } } }
          ],
          "expectedOutput": { "id": "u1" }
        }
        """;

    private static ConnectorDefinition BearerApp(Authentication.AuthMethod auth) => new()
    {
        Name = "bearer-app",
        DisplayName = "Bearer App",
        BaseUrl = "https://api.bearer-app.test/v1",
        Auth = auth,
        Actions =
        {
            Define.JsonAction("get_me", "Gets the user", new JsonObject { ["type"] = "object" }, new JsonObject { ["type"] = "object" },
                async (_, ctx, ct) => await ctx.Http.GetJsonAsync<JsonObject>("me", ct)),
        },
    };

    [Fact]
    public async Task ReplayAsync_BearerFixtureAndBearerRequest_Passes()
    {
        var result = await FixtureRunner.ReplayAsync(BearerApp(Authentication.Auth.BearerToken()), Fixture(BearerFixture), TestContext.Current.CancellationToken);

        result.Failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReplayAsync_BearerFixtureButTokenScheme_FailsWithoutShowingTheSecret()
    {
        var result = await FixtureRunner.ReplayAsync(BearerApp(Authentication.Auth.BearerToken(scheme: "token")), Fixture(BearerFixture), TestContext.Current.CancellationToken);

        var failure = result.Failures.ShouldHaveSingleItem();
        failure.ShouldContain("header 'Authorization': expected 'Bearer ***', got 'token ***'");
        failure.ShouldNotContain("tok_test");
    }

    [Fact]
    public async Task ReplayAsync_BearerFixtureButNoAuthorization_Fails()
    {
        var result = await FixtureRunner.ReplayAsync(BearerApp(Authentication.Auth.None()), Fixture(BearerFixture), TestContext.Current.CancellationToken);

        result.Failures.ShouldHaveSingleItem().ShouldContain("header 'Authorization': expected 'Bearer ***', got (missing)");
    }

    [Fact]
    public async Task ReplayAsync_BareRedactedAuthorization_IsRefusedAskingForTheScheme()
    {
        var fixture = Fixture(BearerFixture);
        fixture.Interactions[0].Request.Headers!["Authorization"] = "***";

        var result = await FixtureRunner.ReplayAsync(BearerApp(Authentication.Auth.BearerToken()), fixture, TestContext.Current.CancellationToken);

        result.Failures.ShouldHaveSingleItem().ShouldContain(
            "header 'Authorization': the fixture hides the auth scheme ('***'); write it as '<scheme> ***' (the request sent 'Bearer ***')");
    }

    [Fact]
    public async Task ReplayAsync_FixtureWithoutExpectation_IsRefusedNamingTheFile()
    {
        var fixture = Fixture(Good);
        fixture.ExpectedOutput = null;
        fixture.FilePath = Path.Combine("Fixtures", "example-crm", "create_contact_unchecked.json");

        var result = await FixtureRunner.ReplayAsync(ExampleConnector.Definition, fixture, TestContext.Current.CancellationToken);

        var failure = result.Failures.ShouldHaveSingleItem();
        failure.ShouldContain("fixture 'create_contact_unchecked.json': the fixture has neither expectedOutput nor expectedError");
        failure.ShouldContain(fixture.FilePath);
    }

    [Fact]
    public async Task RecordAsync_BearerToken_KeepsTheSchemeAndHidesTheToken()
    {
        var live = new StubHttpHandler().Enqueue(HttpStatusCode.OK, """{"id":"u1"}""");
        var template = Fixture("""{ "action": "get_me", "credentials": { "token": "tok_test" }, "input": {} }""");
        var definition = BearerApp(Authentication.Auth.BearerToken());

        var result = await FixtureRunner.RecordAsync(definition, template, null, new Dictionary<string, string> { ["token"] = "tok_live_SECRET" }, live, null,
            TestContext.Current.CancellationToken);

        result.Failures.ShouldBeEmpty();
        live.LastRequest.Header("Authorization").ShouldBe("Bearer tok_live_SECRET");
        result.Recorded!.Interactions.ShouldHaveSingleItem().Request.Headers!["Authorization"].ShouldBe("Bearer ***");
        (await FixtureRunner.ReplayAsync(definition, result.Recorded, TestContext.Current.CancellationToken)).Failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task RecordAsync_LiveRun_WritesFixtureWithSecretsRedactedThatReplays()
    {
        var live = new StubHttpHandler().Enqueue(HttpStatusCode.Created,
            """{"id":"c7","email":"ada@example.com","updatedAt":"2025-01-01T00:00:00+00:00","note":"key sk_live_SECRET"}""",
            headers: new Dictionary<string, string> { ["X-Request-Id"] = "r1", ["Set-Cookie"] = "s=1" });
        var template = Fixture("""{ "action": "create_contact", "credentials": { "api_key": "test_key" }, "input": { "email": "ada@example.com" } }""");
        var path = Path.Combine(Path.GetTempPath(), $"fastn-record-{Guid.NewGuid():N}.json");
        try
        {
            var result = await FixtureRunner.RecordAsync(ExampleConnector.Definition, template, "https://staging.example-crm.test/v1",
                new Dictionary<string, string> { ["api_key"] = "sk_live_SECRET" }, live, path, TestContext.Current.CancellationToken);

            result.Failures.ShouldBeEmpty();
            live.LastRequest.Url.ToString().ShouldBe("https://staging.example-crm.test/v1/contacts");
            live.LastRequest.Header("X-Api-Key").ShouldBe("sk_live_SECRET");
            var text = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
            text.ShouldNotContain("sk_live_SECRET");
            text.ShouldNotContain("Set-Cookie");
            var saved = ConnectorFixture.Load(path);
            saved.Credentials["api_key"].ShouldBe("test_key");
            saved.Interactions.ShouldHaveSingleItem().Request.Headers!["X-Api-Key"].ShouldBe("***");
            saved.Interactions[0].Request.Path.ShouldBe("/v1/contacts");
            saved.Interactions[0].Response.Status.ShouldBe(201);
            saved.Interactions[0].Response.Headers!.Single(h => h.Key.Equals("X-Request-Id", StringComparison.OrdinalIgnoreCase)).Value.ShouldBe("r1");
            saved.Interactions[0].Response.Body!["note"]!.GetValue<string>().ShouldBe("key ***");
            saved.ExpectedOutput!["id"]!.GetValue<string>().ShouldBe("c7");
            (await FixtureRunner.ReplayAsync(ExampleConnector.Definition, saved, TestContext.Current.CancellationToken)).Failures.ShouldBeEmpty();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
