using Fastn.Connectors.Cdm;
using Fastn.Connectors.Triggers;
using Fastn.Connectors.Validation;

namespace Fastn.Connectors.Testing;

/// <summary>
/// The checks behind <see cref="ConnectorConformanceTests"/>, each returning every problem found (empty
/// when the connector passes), each problem naming the connector and the member at fault.
/// </summary>
public static class ConformanceChecks
{
    /// <summary>The definition passes <see cref="ConnectorDefinitionValidator"/>.</summary>
    public static IReadOnlyList<string> Definition(ConnectorDefinition definition) =>
        [.. ConnectorDefinitionValidator.Validate(definition).Select(p => p.ToString())];

    /// <summary>
    /// Every action's input and output schema, every poll trigger's record schema and every entity's record
    /// schema is a valid draft 2020-12 JSON Schema.
    /// </summary>
    public static IReadOnlyList<string> Schemas(ConnectorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var schemas = definition.Actions
            .SelectMany(a => new[] { ($"actions.{a.Name}.inputSchema", a.InputSchema), ($"actions.{a.Name}.outputSchema", a.OutputSchema) })
            .Concat(definition.Triggers.OfType<PollTriggerDefinition>().Select(t => ($"triggers.{t.Name}.recordSchema", t.RecordSchema)))
            .Concat(definition.Entities.Select(e => ($"entities.{e.Name}.recordSchema", e.RecordSchema)));
        var problems = new List<string>();
        foreach (var (member, schema) in schemas)
        {
            problems.AddRange(SchemaCheck.ValidateSchema(schema)
                .Select(e => $"{definition.Name}: {member}: not a valid JSON Schema (draft 2020-12) at {e.Path.Replace("$", "#", StringComparison.Ordinal)}: {e.Message}"));
        }

        return problems;
    }

    /// <summary>Every CDM field an entity maps exists in the entity's CDM entity, and that entity is in the catalog.</summary>
    public static IReadOnlyList<string> CdmMappings(ConnectorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<string>();
        foreach (var entity in definition.Entities)
        {
            var member = $"{definition.Name}: entities.{entity.Name}";
            if (entity.Cdm is { } declared && Cdm.Cdm.Find(declared.Name) is null)
            {
                problems.Add($"{member}: its CDM entity '{declared.Name}' is not in the CDM catalog ({string.Join(", ", Cdm.Cdm.All.Select(e => e.Name))}).");
            }

            foreach (var mapping in entity.Mappings)
            {
                foreach (var field in mapping.CdmFields)
                {
                    if (entity.Cdm is not CdmEntity cdm)
                    {
                        problems.Add($"{member}.{mapping.NativePath}: maps to '{field.QualifiedName}' but the entity declares no CDM entity: pass one to Define.Entity.");
                    }
                    else if (field.Entity != cdm.Name || cdm.FindField(field.Name) is null)
                    {
                        problems.Add($"{member}.{mapping.NativePath}: maps to '{field.QualifiedName}', which is not a field of {cdm.Name}.");
                    }
                }
            }
        }

        return problems;
    }

    /// <summary>Every action has at least one fixture file in <paramref name="directory"/>, and every fixture names an existing action.</summary>
    public static IReadOnlyList<string> FixturesExist(ConnectorDefinition definition, string directory)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<string>();
        IReadOnlyList<ConnectorFixture> fixtures;
        try
        {
            fixtures = ConnectorFixture.LoadAll(directory);
        }
        catch (InvalidDataException ex)
        {
            return [$"{definition.Name}: {ex.Message}"];
        }

        var covered = fixtures.Select(f => f.Action).ToHashSet(StringComparer.Ordinal);
        foreach (var action in definition.Actions.Where(a => !covered.Contains(a.Name)))
        {
            problems.Add($"{definition.Name}: actions.{action.Name}: no fixture in '{directory}'. Add a JSON file with \"action\": \"{action.Name}\" (see docs/testing-connectors.md) and copy it to the output (<None Include=\"Fixtures/**\" CopyToOutputDirectory=\"PreserveNewest\" />).");
        }

        foreach (var fixture in fixtures.Where(f => definition.FindAction(f.Action) is null))
        {
            problems.Add($"{definition.Name}: fixture '{fixture.DisplayName}' names the action '{fixture.Action}', which the connector does not define.");
        }

        return problems;
    }

    /// <summary>Replays every fixture in <paramref name="directory"/>; returns the failures of all of them together.</summary>
    public static async Task<IReadOnlyList<string>> FixturesReplayAsync(ConnectorDefinition definition, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var (fixtures, error) = LoadFixtures(directory);
        if (fixtures is null)
        {
            return [$"{definition.Name}: {error}"];
        }

        var problems = new List<string>();
        foreach (var fixture in fixtures)
        {
            var result = await FixtureRunner.ReplayAsync(definition, fixture, cancellationToken).ConfigureAwait(false);
            problems.AddRange(result.Failures);
        }

        return problems;
    }

    // The fixtures of a directory, or why one of them cannot be read.
    private static (IReadOnlyList<ConnectorFixture>? Fixtures, string? Error) LoadFixtures(string directory)
    {
        try
        {
            return (ConnectorFixture.LoadAll(directory), null);
        }
        catch (InvalidDataException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>The values the path check feeds to each string input: <c>.</c>, <c>..</c>, <c>%2e%2e</c>, <c>/</c> and <c>a/../../b</c>.</summary>
    public static IReadOnlyList<string> PathTraversalValues => PathTraversalCheck.Values;

    /// <summary>
    /// For every action and every string input, each of <see cref="PathTraversalValues"/> either is refused or stays inside
    /// the one path segment an ordinary value fills: no request leaves the base URL's path, loses or gains a segment, or
    /// changes another segment. Other inputs come from the action's first fixture (or, without one, from its schema), and
    /// the fixture's responses answer in order, whatever is asked.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PathInputsStayInTheirSegmentAsync(ConnectorDefinition definition, string directory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var (fixtures, error) = LoadFixtures(directory);
        if (fixtures is null)
        {
            return [$"{definition.Name}: {error}"];
        }

        return await PathTraversalCheck.RunAsync(definition, fixtures, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>For every webhook trigger, a correctly signed delivery verifies and yields at least one event with an id and a type.</summary>
    public static IReadOnlyList<string> WebhooksAcceptSigned(ConnectorDefinition definition,
        Func<WebhookTriggerDefinition, string, DateTimeOffset, WebhookSample?> createSigned, string secret, DateTimeOffset now) =>
        EachWebhook(definition, createSigned, secret, now, (trigger, sample, member) =>
        {
            var verification = Verify(trigger, sample.Request, secret, now, member, out var problem);
            if (problem is not null)
            {
                return [problem];
            }

            if (!verification!.IsValid)
            {
                return [$"{member}: a correctly signed delivery was rejected: {verification.Failure}"];
            }

            if (verification.Handshake is not null)
            {
                return [];
            }

            IReadOnlyList<WebhookEvent> events;
            try
            {
                events = trigger.Extract(sample.Request);
            }
            catch (Exception ex)
            {
                return [$"{member}: Extract threw {ex.GetType().Name} on a correctly signed delivery: {ex.Message}"];
            }

            var problems = new List<string>();
            if (events.Count == 0)
            {
                problems.Add($"{member}: Extract returned no events for a correctly signed delivery.");
            }

            problems.AddRange(events.Where(e => string.IsNullOrEmpty(e.Id)).Select(_ => $"{member}: an extracted event has no id (needed to de-duplicate redeliveries)."));
            problems.AddRange(events.Where(e => string.IsNullOrEmpty(e.Type)).Select(_ => $"{member}: an extracted event has no type."));
            if (sample.ExpectedEventId is { } id && !events.Any(e => e.Id == id))
            {
                problems.Add($"{member}: expected an event with id '{id}', got {string.Join(", ", events.Select(e => $"'{e.Id}'"))}.");
            }

            if (sample.ExpectedEventType is { } type && !events.Any(e => e.Type == type))
            {
                problems.Add($"{member}: expected an event of type '{type}', got {string.Join(", ", events.Select(e => $"'{e.Type}'"))}.");
            }

            return problems;
        });

    /// <summary>For every webhook trigger, the signed delivery with a tampered body is rejected.</summary>
    public static IReadOnlyList<string> WebhooksRejectTampered(ConnectorDefinition definition,
        Func<WebhookTriggerDefinition, string, DateTimeOffset, WebhookSample?> createSigned, string secret, DateTimeOffset now) =>
        EachWebhook(definition, createSigned, secret, now, (trigger, sample, member) =>
        {
            var verification = Verify(trigger, sample.Tampered(), secret, now, member, out var problem);
            return problem is not null ? [problem]
                : verification!.IsValid ? [$"{member}: a delivery whose body was changed after signing was accepted: verify the signature over the raw body."]
                : [];
        });

    /// <summary>For every webhook trigger not in <paramref name="withoutTimestamp"/>, a delivery signed an hour ago is rejected (default tolerance 5 minutes).</summary>
    public static IReadOnlyList<string> WebhooksRejectStale(ConnectorDefinition definition,
        Func<WebhookTriggerDefinition, string, DateTimeOffset, WebhookSample?> createSigned, string secret, DateTimeOffset now,
        IReadOnlyCollection<string> withoutTimestamp) =>
        WebhooksRejectTimestamp(definition, createSigned, secret, now, TimeSpan.FromHours(-1), withoutTimestamp,
            "a delivery signed an hour ago was accepted: reject timestamps older than the context's Tolerance");

    /// <summary>
    /// For every webhook trigger not in <paramref name="withoutTimestamp"/>, a delivery signed 10 minutes in the future
    /// is rejected: the tolerance is two-sided, so a delivery signed ahead of time cannot be replayed later.
    /// </summary>
    public static IReadOnlyList<string> WebhooksRejectFuture(ConnectorDefinition definition,
        Func<WebhookTriggerDefinition, string, DateTimeOffset, WebhookSample?> createSigned, string secret, DateTimeOffset now,
        IReadOnlyCollection<string> withoutTimestamp) =>
        WebhooksRejectTimestamp(definition, createSigned, secret, now, TimeSpan.FromMinutes(10), withoutTimestamp,
            "a delivery signed 10 minutes in the future was accepted: the tolerance is two-sided, compare the absolute difference (age.Duration()) with the context's Tolerance");

    private static List<string> WebhooksRejectTimestamp(ConnectorDefinition definition,
        Func<WebhookTriggerDefinition, string, DateTimeOffset, WebhookSample?> createSigned, string secret, DateTimeOffset now,
        TimeSpan signedAt, IReadOnlyCollection<string> withoutTimestamp, string failure)
    {
        ArgumentNullException.ThrowIfNull(withoutTimestamp);
        return EachWebhook(definition, (t, s, time) => withoutTimestamp.Contains(t.Name) ? null : createSigned(t, s, time), secret, now + signedAt,
            (trigger, sample, member) =>
            {
                var verification = Verify(trigger, sample.Request, secret, now, member, out var problem);
                return problem is not null ? [problem]
                    : verification!.IsValid ? [$"{member}: {failure}, or list the trigger in TriggersWithoutTimestamp if the app signs none."]
                    : [];
            }, skip: withoutTimestamp);
    }

    private static List<string> EachWebhook(ConnectorDefinition definition,
        Func<WebhookTriggerDefinition, string, DateTimeOffset, WebhookSample?> createSigned, string secret, DateTimeOffset timestamp,
        Func<WebhookTriggerDefinition, WebhookSample, string, IReadOnlyList<string>> check, IReadOnlyCollection<string>? skip = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(createSigned);
        var problems = new List<string>();
        foreach (var trigger in definition.Triggers.OfType<WebhookTriggerDefinition>().Where(t => skip is null || !skip.Contains(t.Name)))
        {
            var member = $"{definition.Name}: triggers.{trigger.Name}";
            var sample = createSigned(trigger, secret, timestamp);
            if (sample is null)
            {
                problems.Add($"{member}: CreateSignedWebhook returned null. Override CreateSignedWebhook in the connector's conformance test class to return a delivery signed the way {definition.DisplayName} signs it (body plus signature headers for the given secret and timestamp).");
                continue;
            }

            problems.AddRange(check(trigger, sample, member));
        }

        return problems;
    }

    private static WebhookVerification? Verify(WebhookTriggerDefinition trigger, WebhookRequest request, string secret, DateTimeOffset now, string member, out string? problem)
    {
        try
        {
            problem = null;
            return trigger.Verify(request, new WebhookVerificationContext { SigningSecret = secret, Time = new FixedTimeProvider(now) });
        }
        catch (Exception ex)
        {
            problem = $"{member}: Verify threw {ex.GetType().Name} ({ex.Message}) instead of returning WebhookVerification.Invalid(reason).";
            return null;
        }
    }
}
