using Fastn.Connectors.BuiltIn.Tests.Specs;
using Fastn.Connectors.BuiltIn.Xero;
using Fastn.Connectors.Http;
using Fastn.Connectors.Testing;

namespace Fastn.Connectors.BuiltIn.Tests.Xero;

/// <summary>Every request the connector makes in the fixtures and every fixture response, checked against Xero's Accounting API spec.</summary>
public sealed class XeroSpecTests
{
    private static readonly OpenApiSpec Spec = OpenApiSpec.Load("xero");

    private static string FixturesDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures", XeroConnector.Name);

    public static TheoryData<string> Fixtures() => [.. Directory.GetFiles(FixturesDirectory, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Fixture_RequestsAndResponses_ConformToXeroAccountingSpec(string file)
    {
        var fixture = ConnectorFixture.Load(Path.Combine(FixturesDirectory, file));
        var definition = XeroConnector.Definition;
        var method = definition.Auth.Find(fixture.AuthMethod).ShouldNotBeNull();
        using var replay = new FixtureReplayHandler(fixture);
        // GET /connections belongs to Xero's Identity API, not the Accounting spec.
        using var checking = new SpecCheckingHandler(Spec, replay) { Ignore = uri => uri.AbsolutePath == "/connections" };
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
        checking.RequestCount.ShouldBe(fixture.Interactions.Count(i => i.Request.Path != "/connections"));
        checking.Problems.Where(p => !XeroSimulationTests.UndocumentedErrorStatus(p)).ShouldBeEmpty($"{file} does not conform to Xero's Accounting API spec");
    }

    [Fact]
    public void CheckRequest_FieldOrParameterXeroDoesNotHave_IsReported()
    {
        // Guards the guard: the action-only XeroTenantId leaking into a body, or a made-up parameter, is caught.
        Spec.CheckRequest("PUT", "/api.xro/2.0/Contacts", "application/json", """{"Contacts":[{"Name":"A","XeroTenantId":"t"}]}""").ShouldNotBeEmpty();
        Spec.CheckRequest("GET", "/api.xro/2.0/Contacts?page=1&limit=10", null, null).ShouldNotBeEmpty();
        Spec.CheckRequest("GET", "/api.xro/2.0/Customers", null, null).ShouldNotBeEmpty();
        Spec.CheckRequest("GET", "/api.xro/2.0/Invoices?page=1&Statuses=PAID&ContactIDs=a", null, null).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2025-05-01T00:00:00", false)]
    [InlineData("Thu, 01 May 2025 00:00:00 GMT", false)]
    [InlineData("2025-05-01T00:00:00.000Z", true)]
    [InlineData("2025-05-01T12:00:00+12:00", true)]
    public void CheckRequest_IfModifiedSince_MustBeADateTimeWithItsZone(string value, bool conforms)
    {
        // The spec declares the header as format date-time (its example 2025-10-15T13:52:29.452Z); a bare time is not one.
        var problems = Spec.CheckRequest("GET", "/api.xro/2.0/Contacts", null, null, [new("If-Modified-Since", value)]);

        (problems.Count == 0).ShouldBe(conforms, string.Join("; ", problems));
    }

    [Fact]
    public void CheckResponse_EnvelopeFieldsFromXeroExamples_AreAccepted_ButUnknownFieldsAreNot()
    {
        Spec.CheckResponse("GET", "/api.xro/2.0/Contacts", 200, """{"Id":"x","Status":"OK","ProviderName":"p","DateTimeUTC":"/Date(1)/","Contacts":[{"ContactID":"5cc8cf28-567e-4d43-b287-687cfcaec47c","Name":"A"}]}""")
            .ShouldBeEmpty();
        Spec.CheckResponse("GET", "/api.xro/2.0/Contacts", 200, """{"Contacts":[{"ContactID":"5cc8cf28-567e-4d43-b287-687cfcaec47c","Nickname":"A"}]}""")
            .ShouldNotBeEmpty();
    }
}
