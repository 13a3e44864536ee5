using Fastn.Connectors.BuiltIn.Stripe;
using Fastn.Connectors.BuiltIn.Tests.Specs;
using Fastn.Connectors.Http;
using Fastn.Connectors.Testing;

namespace Fastn.Connectors.BuiltIn.Tests.Stripe;

/// <summary>Every request the connector makes and every fixture response, checked against Stripe's OpenAPI spec.</summary>
public sealed class StripeSpecTests
{
    private static readonly OpenApiSpec Spec = OpenApiSpec.Load("stripe");

    private static string FixturesDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "stripe");

    public static TheoryData<string> Fixtures() => [.. Directory.GetFiles(FixturesDirectory, "*.json").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Fixture_RequestsAndResponses_ConformToStripeSpec(string file)
    {
        var fixture = ConnectorFixture.Load(Path.Combine(FixturesDirectory, file));
        var definition = StripeConnector.Definition;
        var method = definition.Auth.Find(fixture.AuthMethod).ShouldNotBeNull();
        using var replay = new FixtureReplayHandler(fixture);
        using var checking = new SpecCheckingHandler(Spec, replay);
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
        checking.Problems.ShouldBeEmpty($"{file} does not conform to Stripe's OpenAPI spec");
    }

    [Fact]
    public void Fixtures_CoverEveryAction()
    {
        var covered = Directory.GetFiles(FixturesDirectory, "*.json").Select(f => ConnectorFixture.Load(f).Action).ToHashSet(StringComparer.Ordinal);

        StripeConnector.Definition.Actions.Select(a => a.Name).Where(a => !covered.Contains(a)).ShouldBeEmpty();
    }

    [Fact]
    public void CheckRequest_ParameterStripeDoesNotHave_IsReported()
    {
        // Guards the guard: a misspelt form field or query parameter must be caught.
        Spec.CheckRequest("POST", "/v1/customers", "application/x-www-form-urlencoded", "email=a%40example.com&full_name=Ada").ShouldNotBeEmpty();
        Spec.CheckRequest("GET", "/v1/customers?limit=3&cursor=abc", null, null).ShouldNotBeEmpty();
        Spec.CheckRequest("POST", "/v1/customers", "application/x-www-form-urlencoded", "email=a%40example.com&metadata%5Bplan%5D=pro").ShouldBeEmpty();
    }
}
