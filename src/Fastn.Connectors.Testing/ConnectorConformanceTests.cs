using Fastn.Connectors.Triggers;
using Xunit;

namespace Fastn.Connectors.Testing;

/// <summary>
/// The checks every connector passes, inherited by one line:
/// <code>
/// public sealed class AcmeCrmConformanceTests : ConnectorConformanceTests
/// {
///     protected override ConnectorDefinition Definition => AcmeCrm.Definition;
/// }
/// </code>
/// The definition is valid; every schema is a valid JSON Schema; entity mappings name real CDM fields;
/// every action has a fixture and every fixture replays; no input value moves a request out of its path segment; every webhook trigger accepts a correctly
/// signed delivery and rejects a tampered one, or one signed too long ago or too far ahead (override <see cref="CreateSignedWebhook"/>).
/// A webhook check with nothing to check (no webhook triggers, or none with a signed timestamp) is reported as skipped with the reason.
/// </summary>
public abstract class ConnectorConformanceTests
{
    /// <summary>The connector under test.</summary>
    protected abstract ConnectorDefinition Definition { get; }

    /// <summary>Where the fixture files are: <c>{output}/Fixtures/{connector name}</c> by default.</summary>
    protected virtual string FixturesDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures", Definition.Name);

    /// <summary>The secret the webhook checks sign and verify with.</summary>
    protected virtual string WebhookSigningSecret => "whsec_ZmFzdG4tY29uZm9ybWFuY2Utc2lnbmluZy1rZXk=";

    /// <summary>The instant the webhook checks treat as now (a correctly signed sample carries it).</summary>
    protected virtual DateTimeOffset WebhookNow => new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Webhook triggers whose app signs no timestamp, exempt from the stale-delivery check.</summary>
    protected virtual IReadOnlyCollection<string> TriggersWithoutTimestamp => [];

    /// <summary>
    /// Builds a delivery for <paramref name="trigger"/> signed the way the app signs it, with
    /// <paramref name="secret"/> and carrying <paramref name="timestamp"/>. Must be overridden by connectors
    /// with webhook triggers (the default returns <see langword="null"/>, which fails the webhook checks).
    /// </summary>
    protected virtual WebhookSample? CreateSignedWebhook(WebhookTriggerDefinition trigger, string secret, DateTimeOffset timestamp) => null;

    /// <summary>Where record mode writes a fixture: the same relative path in the test project's source folder when found, else the fixture's own path.</summary>
    protected virtual string RecordPathFor(ConnectorFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var path = fixture.FilePath ?? Path.Combine(FixturesDirectory, fixture.Action + ".json");
        var relative = Path.GetRelativePath(AppContext.BaseDirectory, path);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (dir.EnumerateFiles("*.csproj").Any())
            {
                return relative.StartsWith("..", StringComparison.Ordinal) ? path : Path.Combine(dir.FullName, relative);
            }
        }

        return path;
    }

    /// <summary>The transport record mode sends real requests through.</summary>
    protected virtual HttpMessageHandler CreateRecordingTransport() => new SocketsHttpHandler();

    /// <summary>ConnectorDefinitionValidator reports no problem.</summary>
    [Fact]
    public void Definition_IsValid() => Report("the definition is invalid", ConformanceChecks.Definition(Definition));

    /// <summary>Every schema is a valid draft 2020-12 JSON Schema.</summary>
    [Fact]
    public void Schemas_AreValidJsonSchemas() => Report("a schema is not a valid JSON Schema", ConformanceChecks.Schemas(Definition));

    /// <summary>Every mapped CDM field exists in its entity's CDM entity.</summary>
    [Fact]
    public void Entities_MapExistingCdmFields() => Report("an entity maps a CDM field that does not exist", ConformanceChecks.CdmMappings(Definition));

    /// <summary>Every action has at least one fixture file.</summary>
    [Fact]
    public void Actions_HaveFixtures() => Report("an action has no fixture", ConformanceChecks.FixturesExist(Definition, FixturesDirectory));

    /// <summary>Every fixture replays (or, with <c>FASTN_RECORD=1</c>, is recorded from the real app).</summary>
    [Fact]
    public async Task Fixtures_Replay()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        if (!FixtureRunner.IsRecordMode)
        {
            Report("a fixture does not replay", await ConformanceChecks.FixturesReplayAsync(Definition, FixturesDirectory, cancellationToken));
            return;
        }

        var baseUrl = Environment.GetEnvironmentVariable(FixtureRunner.RecordBaseUrlVariable) ?? Definition.BaseUrl;
        var problems = new List<string>();
        using var transport = CreateRecordingTransport();
        foreach (var fixture in ConnectorFixture.LoadAll(FixturesDirectory))
        {
            var result = await FixtureRunner.RecordAsync(Definition, fixture, baseUrl, FixtureRunner.RecordCredentials(), transport, RecordPathFor(fixture), cancellationToken);
            problems.AddRange(result.Failures);
            if (result.Recorded is { } recorded && result.Passed)
            {
                problems.AddRange((await FixtureRunner.ReplayAsync(Definition, recorded, cancellationToken)).Failures);
            }
        }

        Report("a fixture could not be recorded", problems);
    }

    /// <summary>No string input moves a request to another endpoint: <c>.</c>, <c>..</c>, <c>%2e%2e</c>, <c>/</c> and <c>a/../../b</c> stay in one path segment or are refused.</summary>
    [Fact]
    public async Task Actions_PathTraversalInputs_StayInTheirSegment() =>
        Report("an input value moves a request to another endpoint",
            await ConformanceChecks.PathInputsStayInTheirSegmentAsync(Definition, FixturesDirectory, TestContext.Current.CancellationToken));

    /// <summary>Every webhook trigger accepts a correctly signed delivery and extracts its events (skipped, with the reason, when the connector has none).</summary>
    [Fact]
    public void Webhooks_AcceptCorrectlySignedDelivery() =>
        ReportWebhooks(timestamped: false, "a webhook trigger rejects a correctly signed delivery",
            () => ConformanceChecks.WebhooksAcceptSigned(Definition, CreateSignedWebhook, WebhookSigningSecret, WebhookNow));

    /// <summary>Every webhook trigger rejects a delivery whose body was changed after signing (skipped, with the reason, when the connector has none).</summary>
    [Fact]
    public void Webhooks_RejectTamperedBody() =>
        ReportWebhooks(timestamped: false, "a webhook trigger accepts a tampered body",
            () => ConformanceChecks.WebhooksRejectTampered(Definition, CreateSignedWebhook, WebhookSigningSecret, WebhookNow));

    /// <summary>Every webhook trigger with a signed timestamp rejects a delivery signed an hour ago (skipped, with the reason, when no trigger signs one).</summary>
    [Fact]
    public void Webhooks_RejectStaleTimestamp() =>
        ReportWebhooks(timestamped: true, "a webhook trigger accepts a stale timestamp",
            () => ConformanceChecks.WebhooksRejectStale(Definition, CreateSignedWebhook, WebhookSigningSecret, WebhookNow, TriggersWithoutTimestamp));

    /// <summary>Every webhook trigger with a signed timestamp rejects a delivery signed 10 minutes in the future (skipped, with the reason, when no trigger signs one).</summary>
    [Fact]
    public void Webhooks_RejectFutureTimestamp() =>
        ReportWebhooks(timestamped: true, "a webhook trigger accepts a timestamp in the future",
            () => ConformanceChecks.WebhooksRejectFuture(Definition, CreateSignedWebhook, WebhookSigningSecret, WebhookNow, TriggersWithoutTimestamp));

    // A check with nothing to check is reported as skipped, with the reason, not as passed.
    private void ReportWebhooks(bool timestamped, string what, Func<IReadOnlyList<string>> check)
    {
        var triggers = Definition.Triggers.OfType<WebhookTriggerDefinition>().Select(t => t.Name).ToList();
        if (triggers.Count == 0)
        {
            Assert.Skip($"Connector '{Definition.Name}' has no webhook triggers, so there is no signature to check.");
        }

        if (timestamped && triggers.All(TriggersWithoutTimestamp.Contains))
        {
            Assert.Skip($"Connector '{Definition.Name}': every webhook trigger ({string.Join(", ", triggers)}) is listed in TriggersWithoutTimestamp "
                + "(the app signs no timestamp), so there is no timestamp to reject; replays are left to the event ids.");
        }

        Report(what, check());
    }

    private void Report(string what, IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
        {
            Assert.Fail($"Connector '{Definition.Name}' ({GetType().Name}): {what} — {problems.Count} problem(s):{Environment.NewLine}"
                + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)));
        }
    }
}
