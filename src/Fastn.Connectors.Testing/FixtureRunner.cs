using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;

namespace Fastn.Connectors.Testing;

/// <summary>
/// Replays fixtures against a connector (offline), or records them from a live run against the real app
/// when <c>FASTN_RECORD=1</c>.
/// </summary>
public static class FixtureRunner
{
    /// <summary>Set to <c>1</c> to record fixtures from the real app instead of replaying them.</summary>
    public const string RecordVariable = "FASTN_RECORD";

    /// <summary>The real base URL to record against (default: the connector's <see cref="ConnectorDefinition.BaseUrl"/>).</summary>
    public const string RecordBaseUrlVariable = "FASTN_RECORD_BASE_URL";

    /// <summary>A JSON object of real credential values (<c>{"api_key":"sk_live_…"}</c>) laid over the fixture's test values while recording.</summary>
    public const string RecordCredentialsVariable = "FASTN_RECORD_CREDENTIALS";

    /// <summary>Whether record mode is on (<c>FASTN_RECORD=1</c>).</summary>
    public static bool IsRecordMode => Environment.GetEnvironmentVariable(RecordVariable) == "1";

    /// <summary>Replays one fixture: runs its action against its interactions and compares the outcome.</summary>
    public static async Task<FixtureResult> ReplayAsync(ConnectorDefinition definition, ConnectorFixture fixture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(fixture);
        var failures = new List<string>();
        var prefix = $"{definition.Name}: actions.{fixture.Action}: fixture '{fixture.DisplayName}'";
        if (Prepare(definition, fixture, prefix, failures) is not { } method)
        {
            return new FixtureResult { Fixture = fixture, Failures = failures };
        }

        if (fixture.ExpectedOutput is null && fixture.ExpectedError is null)
        {
            // Without one, any output passes: the fixture would only prove the requests.
            failures.Add($"{prefix}: the fixture has neither expectedOutput nor expectedError, so it checks nothing the action returns. "
                + $"Add the output the action must return, or the typed error it must throw, to {fixture.FilePath ?? "the fixture"}.");
            return new FixtureResult { Fixture = fixture, Failures = failures };
        }

        using var handler = new FixtureReplayHandler(fixture);
        using var host = new ConnectorTestHost(definition, ConnectorTestHost.CredentialsFor(method, fixture.Credentials), handler, method);
        var (output, error) = await RunAsync(host, fixture, cancellationToken).ConfigureAwait(false);
        if (handler.Mismatches.Count > 0)
        {
            failures.AddRange(handler.Mismatches.Select(m => $"{prefix}: {m}"));
        }
        else
        {
            failures.AddRange(CompareOutcome(fixture, output, error).Select(m => $"{prefix}: {m}"));
            failures.AddRange(handler.Unused().Select(u => $"{prefix}: interaction {u} was never requested."));
        }

        return new FixtureResult { Fixture = fixture, Failures = failures, Output = output, Error = error };
    }

    /// <summary>
    /// Records one fixture from a live run: runs its action against <paramref name="baseUrl"/> through
    /// <paramref name="transport"/> with the fixture's credentials overlaid by <paramref name="secretCredentials"/>,
    /// writes down every exchange (secret header and query values, and secret values anywhere, as <c>***</c>),
    /// and saves the result to <paramref name="savePath"/> when given.
    /// </summary>
    public static async Task<FixtureResult> RecordAsync(ConnectorDefinition definition, ConnectorFixture fixture, string? baseUrl,
        IReadOnlyDictionary<string, string> secretCredentials, HttpMessageHandler transport, string? savePath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(secretCredentials);
        var failures = new List<string>();
        var prefix = $"{definition.Name}: actions.{fixture.Action}: fixture '{fixture.DisplayName}' (recording)";
        if (Prepare(definition, fixture, prefix, failures) is not { } method)
        {
            return new FixtureResult { Fixture = fixture, Failures = failures };
        }

        var values = new Dictionary<string, string>(fixture.Credentials, StringComparer.Ordinal);
        foreach (var (key, value) in secretCredentials)
        {
            values[key] = value;
        }

        var credentials = ConnectorTestHost.CredentialsFor(method, values);
        using var recorder = new FixtureRecordingHandler(new SecretRedactor(method, credentials), new NonDisposingHandler(transport));
        using var host = new ConnectorTestHost(definition, credentials, recorder, method, baseUrl: baseUrl) { ValidateSchemas = false };
        var (output, error) = await RunAsync(host, fixture, cancellationToken).ConfigureAwait(false);
        var redactor = new SecretRedactor(method, credentials);
        var recorded = new ConnectorFixture
        {
            Action = fixture.Action,
            Description = fixture.Description,
            AuthMethod = fixture.AuthMethod,
            Credentials = fixture.Credentials,
            Input = fixture.Input?.DeepClone(),
            Interactions = [.. recorder.Interactions],
            ExpectedOutput = error is null ? redactor.Json(output) : null,
            ExpectedError = error is ConnectorException ce
                ? new FixtureExpectedError { Type = ce.ProblemType, Status = (ce as UpstreamException)?.StatusCode }
                : null,
            FilePath = savePath ?? fixture.FilePath,
        };
        if (error is not null and not ConnectorException)
        {
            failures.Add($"{prefix}: the action threw {error.GetType().Name}: {redactor.Text(error.Message)}");
        }
        else if (savePath is not null)
        {
            recorded.Save(savePath);
        }

        return new FixtureResult { Fixture = fixture, Failures = failures, Output = output, Error = error, Recorded = recorded };
    }

    /// <summary>Reads <see cref="RecordCredentialsVariable"/> (empty when unset).</summary>
    public static IReadOnlyDictionary<string, string> RecordCredentials()
    {
        var text = Environment.GetEnvironmentVariable(RecordCredentialsVariable);
        return string.IsNullOrWhiteSpace(text)
            ? new Dictionary<string, string>()
            : JsonSerializer.Deserialize<Dictionary<string, string>>(text)
                ?? throw new InvalidOperationException($"{RecordCredentialsVariable} must be a JSON object of strings.");
    }

    private static AuthMethod? Prepare(ConnectorDefinition definition, ConnectorFixture fixture, string prefix, List<string> failures)
    {
        if (definition.FindAction(fixture.Action) is null)
        {
            failures.Add($"{prefix}: the connector has no action '{fixture.Action}' (it has: {string.Join(", ", definition.Actions.Select(a => a.Name))}).");
            return null;
        }

        var method = definition.Auth.Find(fixture.AuthMethod);
        if (method is null && fixture.AuthMethod is not null)
        {
            failures.Add($"{prefix}: the connector has no auth method '{fixture.AuthMethod}' (it has: {string.Join(", ", definition.Auth.Select(a => a.EffectiveId))}).");
            return null;
        }

        if (fixture.ExpectedError is not null && fixture.ExpectedOutput is not null)
        {
            failures.Add($"{prefix}: give expectedOutput or expectedError, not both.");
            return null;
        }

        return method ?? new NoAuth();
    }

    private static async Task<(JsonNode? Output, Exception? Error)> RunAsync(ConnectorTestHost host, ConnectorFixture fixture, CancellationToken cancellationToken)
    {
        try
        {
            return (await host.RunActionAsync(fixture.Action, fixture.Input?.DeepClone(), cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (null, ex);
        }
    }

    private static IEnumerable<string> CompareOutcome(ConnectorFixture fixture, JsonNode? output, Exception? error)
    {
        if (fixture.ExpectedError is { } expected)
        {
            if (error is null)
            {
                yield return $"expected error {expected.Type}{(expected.Status is { } s ? $" (status {s})" : "")}, but the action returned {output?.ToJsonString() ?? "null"}.";
                yield break;
            }

            if (error is not ConnectorException typed)
            {
                yield return $"expected error {expected.Type}, but the action threw {error.GetType().Name}: {error.Message}";
                yield break;
            }

            if (typed.ProblemType != expected.Type)
            {
                yield return $"expected error {expected.Type}, but the action threw {typed.ProblemType} ({typed.GetType().Name}): {typed.Message}";
            }

            if (expected.Status is { } status && (typed as UpstreamException)?.StatusCode != status)
            {
                yield return $"expected status {status}, got {((typed as UpstreamException)?.StatusCode)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} ({typed.Message})";
            }

            if (expected.MessageContains is { } text && !typed.Message.Contains(text, StringComparison.Ordinal))
            {
                yield return $"expected the error message to contain '{text}', got '{typed.Message}'.";
            }

            yield break;
        }

        if (error is not null)
        {
            yield return $"the action threw {error.GetType().Name}: {error.Message}";
            yield break;
        }

        if (fixture.ExpectedOutput is { } expectedOutput)
        {
            var differences = JsonDiff.Compare(expectedOutput, output);
            if (differences.Count > 0)
            {
                yield return "the output differs from expectedOutput:" + Environment.NewLine + string.Join(Environment.NewLine, differences.Select(d => "    " + d));
            }
        }
    }
}
