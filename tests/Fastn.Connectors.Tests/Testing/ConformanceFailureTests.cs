using System.Text.Json.Nodes;
using Fastn.Connectors.Testing;
using Fastn.Connectors.Triggers;
using Xunit.Sdk;
using CdmCatalog = Fastn.Connectors.Cdm.Cdm;

namespace Fastn.Connectors.Tests.Testing;

/// <summary>Each conformance check fails, with a message naming connector and member, for a connector broken in that way.</summary>
public sealed class ConformanceFailureTests
{
    private static readonly string EmptyDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "no-such-connector");

    private static WebhookSample Signed(WebhookTriggerDefinition trigger, string secret, DateTimeOffset timestamp) =>
        new(ExampleConnector.SignedDelivery("""{"id":"evt_1","type":"contact.created"}""", secret, timestamp));

    [Fact]
    public void DefinitionIsValid_BadName_FailsNamingConnectorAndMember()
    {
        var broken = new Broken(Renamed("Example CRM"));

        var ex = Should.Throw<FailException>(broken.Definition_IsValid);

        ex.Message.ShouldContain("Connector 'Example CRM' (Broken): the definition is invalid — 1 problem(s)");
        ex.Message.ShouldContain("Example CRM: name: 'Example CRM' is not a valid connector name");
    }

    [Fact]
    public void SchemasAreValid_SchemaBreakingMetaSchema_FailsNamingTheSchema()
    {
        var definition = new ConnectorDefinition
        {
            Name = "bad-schema",
            DisplayName = "Bad Schema",
            Actions =
            {
                Define.JsonAction("get_thing", "Gets a thing",
                    JsonNode.Parse("""{"type":"object","properties":{"name":{"type":"string","minLength":"five"}}}""")!.AsObject(),
                    new JsonObject { ["type"] = "object" },
                    (_, _, _) => Task.FromResult<JsonNode?>(new JsonObject())),
            },
        };

        var ex = Should.Throw<FailException>(new Broken(definition).Schemas_AreValidJsonSchemas);

        ex.Message.ShouldContain("bad-schema: actions.get_thing.inputSchema: not a valid JSON Schema (draft 2020-12)");
        ex.Message.ShouldNotContain("outputSchema");
    }

    [Fact]
    public void EntitiesMapExistingCdmFields_FieldOfAnotherEntity_FailsNamingTheMapping()
    {
        var definition = Renamed("cdm-mixup", e => e.Add(Define.Entity<ExampleContact>("company", CdmCatalog.Company, b => b
            .Id(c => c.Id)
            .Map(c => c.Email, CdmCatalog.Contact.Email))));

        var ex = Should.Throw<FailException>(new Broken(definition).Entities_MapExistingCdmFields);

        ex.Message.ShouldContain("cdm-mixup: entities.company.email: maps to 'CDMContact.email', which is not a field of CDMCompany.");
    }

    [Fact]
    public void EntitiesMapExistingCdmFields_MappingsWithoutCdmEntity_Fails()
    {
        var definition = Renamed("no-cdm", e => e.Add(Define.Entity<ExampleContact>("thing", null, b => b.Id(c => c.Id).Map(c => c.Email, CdmCatalog.Contact.Email))));

        var ex = Should.Throw<FailException>(new Broken(definition).Entities_MapExistingCdmFields);

        ex.Message.ShouldContain("no-cdm: entities.thing.email: maps to 'CDMContact.email' but the entity declares no CDM entity");
    }

    [Fact]
    public void ActionsHaveFixtures_NoFixture_FailsNamingTheAction()
    {
        var ex = Should.Throw<FailException>(new Broken(ExampleConnector.Definition, EmptyDirectory).Actions_HaveFixtures);

        ex.Message.ShouldContain("example-crm: actions.create_contact: no fixture in");
        ex.Message.ShouldContain("CopyToOutputDirectory");
    }

    [Fact]
    public async Task FixturesReplay_TwoBrokenFixtures_ReportsBothTogether()
    {
        var directory = Directory.CreateTempSubdirectory("fastn-fixtures-").FullName;
        try
        {
            var good = ConnectorFixture.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", "example-crm", "create_contact.json"));
            good.Interactions[0].Request.Body!["email"] = "someone@else.com";
            good.Save(Path.Combine(directory, "a_wrong_body.json"));
            good.Interactions[0].Request.Body!["email"] = "ada@example.com";
            good.Action = "delete_contact";
            good.Save(Path.Combine(directory, "b_unknown_action.json"));

            var ex = await Should.ThrowAsync<FailException>(new Broken(ExampleConnector.Definition, directory).Fixtures_Replay);

            ex.Message.ShouldContain("a fixture does not replay — 2 problem(s)");
            ex.Message.ShouldContain("fixture 'a_wrong_body.json': request #1 does not match interaction #1");
            ex.Message.ShouldContain("body $.email: expected \"someone@else.com\", got \"ada@example.com\"");
            ex.Message.ShouldContain("fixture 'b_unknown_action.json': the connector has no action 'delete_contact'");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task PathTraversal_IdEscapedButConcatenated_FailsNamingActionInputAndValue()
    {
        // The built-ins' old way: Uri.EscapeDataString leaves "." and ".." as they are, so the request climbs the path.
        var definition = WithGetContact("concat-path", (id, _) => "contacts/" + Uri.EscapeDataString(id));

        var ex = await Should.ThrowAsync<FailException>(new Broken(definition, EmptyDirectory).Actions_PathTraversalInputs_StayInTheirSegment);

        ex.Message.ShouldContain("an input value moves a request to another endpoint");
        ex.Message.ShouldContain("concat-path: actions.get_contact: input 'id' = \".\": request #1 GET /v1/contacts/ differs from /v1/contacts/fastn-probe");
        ex.Message.ShouldContain("concat-path: actions.get_contact: input 'id' = \"..\": request #1 GET /v1/ has 2 path segment(s)");
        ex.Message.ShouldNotContain("input 'id' = \"/\"");
    }

    [Fact]
    public async Task PathTraversal_IdPastedRaw_FailsForSlashAndEncodedDots()
    {
        var definition = WithGetContact("raw-path", (id, _) => "contacts/" + id);

        var ex = await Should.ThrowAsync<FailException>(new Broken(definition, EmptyDirectory).Actions_PathTraversalInputs_StayInTheirSegment);

        ex.Message.ShouldContain("raw-path: actions.get_contact: input 'id' = \"/\": request #1 GET /v1/contacts// has 4 path segment(s)");
        // .NET resolves %2e%2e like .. before sending, as an app that decodes the path would.
        ex.Message.ShouldContain("raw-path: actions.get_contact: input 'id' = \"%2e%2e\": request #1 GET /v1/ has 2 path segment(s)");
        ex.Message.ShouldContain("raw-path: actions.get_contact: input 'id' = \"a/../../b\": request #1 GET /v1/b has 2 path segment(s)");
    }

    [Fact]
    public async Task PathTraversal_IdThroughHttpPath_Passes()
    {
        var definition = WithGetContact("template-path", (id, ctx) => ctx.Http.Path("contacts/{id}", id));

        await new Broken(definition, EmptyDirectory).Actions_PathTraversalInputs_StayInTheirSegment();
    }

    [Fact]
    public void Webhooks_NoSampleOverride_FailsTellingAuthorToOverride()
    {
        var broken = new Broken(ExampleConnector.Definition);

        var ex = Should.Throw<FailException>(broken.Webhooks_AcceptCorrectlySignedDelivery);

        ex.Message.ShouldContain("example-crm: triggers.contact_event: CreateSignedWebhook returned null. Override CreateSignedWebhook");
        Should.Throw<FailException>(broken.Webhooks_RejectTamperedBody).Message.ShouldContain("Override CreateSignedWebhook");
        Should.Throw<FailException>(broken.Webhooks_RejectStaleTimestamp).Message.ShouldContain("Override CreateSignedWebhook");
        Should.Throw<FailException>(broken.Webhooks_RejectFutureTimestamp).Message.ShouldContain("Override CreateSignedWebhook");
    }

    [Fact]
    public void Webhooks_VerifierIgnoringBody_FailsTamperCheckOnly()
    {
        var definition = ExampleConnector.Create(verify: (request, _) =>
            request.Header(ExampleConnector.SignatureHeader) is null ? WebhookVerification.Invalid("no signature") : WebhookVerification.Valid);
        var broken = new Broken(definition) { Sample = Signed, NoTimestamp = ["contact_event"] };

        broken.Webhooks_AcceptCorrectlySignedDelivery();
        Should.Throw<SkipException>(broken.Webhooks_RejectStaleTimestamp);
        var ex = Should.Throw<FailException>(broken.Webhooks_RejectTamperedBody);

        ex.Message.ShouldContain("example-crm: triggers.contact_event: a delivery whose body was changed after signing was accepted");
    }

    [Fact]
    public void Webhooks_VerifierIgnoringTimestamp_FailsStaleCheck()
    {
        var definition = ExampleConnector.Create(verify: (request, context) =>
        {
            var ts = long.Parse(request.Header(ExampleConnector.TimestampHeader)!, System.Globalization.CultureInfo.InvariantCulture);
            return request.Header(ExampleConnector.SignatureHeader) == ExampleConnector.Sign(context.SigningSecret, ts, request.Body.Span)
                ? WebhookVerification.Valid : WebhookVerification.Invalid("bad signature");
        });
        var broken = new Broken(definition) { Sample = Signed };

        broken.Webhooks_AcceptCorrectlySignedDelivery();
        broken.Webhooks_RejectTamperedBody();
        var ex = Should.Throw<FailException>(broken.Webhooks_RejectStaleTimestamp);

        ex.Message.ShouldContain("example-crm: triggers.contact_event: a delivery signed an hour ago was accepted");
    }

    [Fact]
    public void Webhooks_VerifierWithOneSidedTolerance_FailsFutureCheckOnly()
    {
        // Refuses old timestamps but not ones ahead of now, the way a verifier written as "now - t > tolerance" does.
        var definition = ExampleConnector.Create(verify: (request, context) =>
        {
            var ts = long.Parse(request.Header(ExampleConnector.TimestampHeader)!, System.Globalization.CultureInfo.InvariantCulture);
            if (context.Time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(ts) > context.Tolerance)
            {
                return WebhookVerification.Invalid("too old");
            }

            return request.Header(ExampleConnector.SignatureHeader) == ExampleConnector.Sign(context.SigningSecret, ts, request.Body.Span)
                ? WebhookVerification.Valid : WebhookVerification.Invalid("bad signature");
        });
        var broken = new Broken(definition) { Sample = Signed };

        broken.Webhooks_AcceptCorrectlySignedDelivery();
        broken.Webhooks_RejectTamperedBody();
        broken.Webhooks_RejectStaleTimestamp();
        var ex = Should.Throw<FailException>(broken.Webhooks_RejectFutureTimestamp);

        ex.Message.ShouldContain("example-crm: triggers.contact_event: a delivery signed 10 minutes in the future was accepted: the tolerance is two-sided");
    }

    [Fact]
    public void Webhooks_VerifierThatThrows_FailsSayingReturnInvalid()
    {
        var definition = ExampleConnector.Create(verify: (request, _) =>
            request.BodyText.Contains("\"id\"", StringComparison.Ordinal) ? WebhookVerification.Valid : throw new FormatException("boom"));
        var broken = new Broken(definition) { Sample = Signed };

        var ex = Should.Throw<FailException>(broken.Webhooks_RejectTamperedBody);

        ex.Message.ShouldContain("Verify threw FormatException (boom) instead of returning WebhookVerification.Invalid(reason)");
    }

    [Fact]
    public void Webhooks_StaleOptOut_SkipsOnlyTheTimestampChecksWithTheReason()
    {
        var broken = new Broken(ExampleConnector.Definition) { NoTimestamp = ["contact_event"] };

        var stale = Should.Throw<SkipException>(broken.Webhooks_RejectStaleTimestamp);
        var future = Should.Throw<SkipException>(broken.Webhooks_RejectFutureTimestamp);

        stale.Message.ShouldContain("every webhook trigger (contact_event) is listed in TriggersWithoutTimestamp");
        future.Message.ShouldContain("so there is no timestamp to reject");
        Should.Throw<FailException>(broken.Webhooks_RejectTamperedBody);
    }

    [Fact]
    public void Webhooks_ConnectorWithoutWebhookTriggers_AllFourAreSkippedNotPassed()
    {
        var broken = new Broken(Renamed("no-webhooks"));

        Action[] checks = [broken.Webhooks_AcceptCorrectlySignedDelivery, broken.Webhooks_RejectTamperedBody,
            broken.Webhooks_RejectStaleTimestamp, broken.Webhooks_RejectFutureTimestamp];

        checks.ShouldAllBe(check => Should.Throw<SkipException>(check).Message.Contains("'no-webhooks' has no webhook triggers", StringComparison.Ordinal));
    }

    private static ConnectorDefinition Renamed(string name, Action<DefinitionList<Entities.EntityDefinition>>? entities = null)
    {
        var source = ExampleConnector.Definition;
        var copy = new ConnectorDefinition { Name = name, DisplayName = source.DisplayName, BaseUrl = source.BaseUrl, Auth = source.Auth };
        foreach (var action in source.Actions)
        {
            copy.Actions.Add(action);
        }

        entities?.Invoke(copy.Entities);
        return copy;
    }

    private static ConnectorDefinition WithGetContact(string name, Func<string, ConnectorContext, string> url) => new()
    {
        Name = name,
        DisplayName = "Path Check",
        BaseUrl = "https://api.example-crm.test/v1",
        Actions =
        {
            Define.Action<ContactIdInput, ExampleContact>("get_contact", "Get a contact",
                (input, ctx, ct) => ctx.Http.GetJsonAsync<ExampleContact>(url(input.Id, ctx), ct)),
        },
    };

    private sealed record ContactIdInput([property: System.ComponentModel.Description("The contact's id.")] string Id);

    /// <summary>Private, so xUnit does not run its inherited facts on its own; the tests above call them.</summary>
    private sealed class Broken(ConnectorDefinition definition, string? fixtures = null) : ConnectorConformanceTests
    {
        public Func<WebhookTriggerDefinition, string, DateTimeOffset, WebhookSample?>? Sample { get; init; }

        public IReadOnlyCollection<string> NoTimestamp { get; init; } = [];

        protected override ConnectorDefinition Definition => definition;

        protected override string FixturesDirectory => fixtures ?? base.FixturesDirectory;

        protected override IReadOnlyCollection<string> TriggersWithoutTimestamp => NoTimestamp;

        protected override WebhookSample? CreateSignedWebhook(WebhookTriggerDefinition trigger, string secret, DateTimeOffset timestamp) =>
            Sample?.Invoke(trigger, secret, timestamp);
    }
}
