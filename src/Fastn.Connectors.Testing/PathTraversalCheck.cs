using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors.Authentication;

namespace Fastn.Connectors.Testing;

/// <summary>
/// Runs each action with every string input set in turn to a value that would move a request to another endpoint
/// if it were pasted into the URL path (<c>.</c>, <c>..</c>, <c>%2e%2e</c>, <c>/</c>, <c>a/../../b</c>), and compares
/// the requests with those made for an ordinary value: the path must keep its segments, the value must stay inside
/// its own segment, and every request must stay under the base URL's path. Refusing the value is fine.
/// </summary>
internal static class PathTraversalCheck
{
    public static readonly IReadOnlyList<string> Values = [".", "..", "%2e%2e", "/", "a/../../b"];

    private const string Probe = "fastn-probe";

    public static async Task<IReadOnlyList<string>> RunAsync(ConnectorDefinition definition, IReadOnlyList<ConnectorFixture> fixtures, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var action in definition.Actions)
        {
            var fixture = fixtures.FirstOrDefault(f => f.Action == action.Name && f.ExpectedError is null)
                ?? fixtures.FirstOrDefault(f => f.Action == action.Name);
            var input = fixture?.Input as JsonObject ?? SampleObject(action.InputSchema);
            foreach (var property in StringProperties(action.InputSchema))
            {
                var member = $"{definition.Name}: actions.{action.Name}: input '{property}'";
                var ordinary = input[property] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : Probe;
                var baseline = await SendAsync(definition, fixture, action.Name, With(input, property, ordinary), cancellationToken).ConfigureAwait(false);
                if (baseline.Problem is { } setup)
                {
                    problems.Add($"{member}: {setup}");
                    break;
                }

                foreach (var value in Values)
                {
                    var run = await SendAsync(definition, fixture, action.Name, With(input, property, value), cancellationToken).ConfigureAwait(false);
                    problems.AddRange(Compare(baseline.BaseAddress!, baseline.Requests, run.Requests, ordinary, value)
                        .Select(p => $"{member} = \"{value}\": {p}"));
                }
            }
        }

        return problems;
    }

    private static IEnumerable<string> Compare(Uri baseAddress, IReadOnlyList<RecordedRequest> baseline, IReadOnlyList<RecordedRequest> run, string ordinary, string value)
    {
        var basePath = Segments(baseAddress.AbsolutePath).Select(Decode).Where(s => s.Length > 0).ToList();
        for (var i = 0; i < run.Count; i++)
        {
            var request = run[i];
            var sent = $"request #{i + 1} {request.Method} {request.Url.AbsolutePath}";
            if (!Origin(request.Url).Equals(Origin(baseAddress), StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{sent} went to {Origin(request.Url)}, not to the base URL's {Origin(baseAddress)}.";
                continue;
            }

            var segments = Segments(request.Url.AbsolutePath);
            if (!Resolves(segments, out var resolved) || resolved.Count < basePath.Count || !resolved.Take(basePath.Count).SequenceEqual(basePath, StringComparer.Ordinal))
            {
                yield return $"{sent} leaves the base URL path {baseAddress.AbsolutePath} (an app that decodes the path resolves it to /{string.Join('/', resolved)}): escape the value as one segment with ctx.Http.Path(\"…/{{id}}\", value).";
                continue;
            }

            if (i >= baseline.Count || baseline[i].Method != request.Method)
            {
                continue;
            }

            var expected = Segments(baseline[i].Url.AbsolutePath);
            if (expected.Count != segments.Count)
            {
                yield return $"{sent} has {segments.Count - 1} path segment(s) where the same call with an ordinary value sent {baseline[i].Url.AbsolutePath}: the value was not kept to one segment (use ctx.Http.Path(\"…/{{id}}\", value)).";
                continue;
            }

            for (var s = 0; s < segments.Count; s++)
            {
                var holdsValue = Holds(Decode(expected[s]), ordinary);
                if (holdsValue ? !Decode(segments[s]).Contains(value, StringComparison.Ordinal) : segments[s] != expected[s])
                {
                    yield return $"{sent} differs from {baseline[i].Url.AbsolutePath}, sent for an ordinary value, in segment {s}: the value did not stay in its own segment (use ctx.Http.Path(\"…/{{id}}\", value)).";
                    break;
                }
            }
        }
    }

    private static async Task<(IReadOnlyList<RecordedRequest> Requests, Uri? BaseAddress, string? Problem)> SendAsync(ConnectorDefinition definition,
        ConnectorFixture? fixture, string action, JsonObject input, CancellationToken cancellationToken)
    {
        var method = definition.Auth.Find(fixture?.AuthMethod) ?? new NoAuth();
        using var handler = new ReplayInOrderHandler(fixture?.Interactions ?? []);
        ConnectorTestHost host;
        try
        {
            host = new ConnectorTestHost(definition, ConnectorTestHost.CredentialsFor(method, fixture?.Credentials), handler, method);
        }
        catch (InvalidOperationException ex)
        {
            return ([], null, $"cannot run it: {ex.Message} Give the action a fixture whose credentials fill the base URL.");
        }

        using (host)
        {
            if (host.BaseAddress is null)
            {
                return ([], null, "the connector has no BaseUrl, so its requests cannot be checked.");
            }

            try
            {
                await host.RunActionAsync(action, input, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Refusing the value (or failing on the canned answers) is fine: only the requests sent matter.
            }

            return (handler.Requests, host.BaseAddress, null);
        }
    }

    // A short value ("1") is found only as a whole segment, so it is not mistaken for part of "9130357766855406".
    private static bool Holds(string segment, string value) =>
        string.Equals(segment, value, StringComparison.OrdinalIgnoreCase) || (value.Length >= 4 && segment.Contains(value, StringComparison.OrdinalIgnoreCase));

    private static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority);

    private static List<string> Segments(string absolutePath) => [.. absolutePath.Split('/')];

    private static string Decode(string segment) => Uri.UnescapeDataString(segment);

    // Resolves dot segments the way an app that decodes each segment once would; false when it climbs above the root.
    private static bool Resolves(List<string> segments, out List<string> resolved)
    {
        resolved = [];
        foreach (var segment in segments.Skip(1).Select(Decode))
        {
            if (segment == "..")
            {
                if (resolved.Count == 0)
                {
                    return false;
                }

                resolved.RemoveAt(resolved.Count - 1);
            }
            else if (segment is not ("." or ""))
            {
                resolved.Add(segment);
            }
        }

        return true;
    }

    private static JsonObject With(JsonObject input, string property, string value)
    {
        var copy = input.DeepClone().AsObject();
        copy[property] = value;
        return copy;
    }

    private static IEnumerable<string> StringProperties(JsonObject schema) =>
        schema["properties"] is JsonObject properties
            ? properties.Where(p => p.Value is JsonObject s && AllowsString(s)).Select(p => p.Key)
            : [];

    private static bool AllowsString(JsonObject schema) =>
        schema["type"] switch
        {
            JsonValue t => t.TryGetValue<string>(out var type) && type == "string",
            JsonArray types => types.Any(t => t?.GetValue<string>() == "string"),
            _ => (schema["anyOf"] ?? schema["oneOf"]) is JsonArray options && options.OfType<JsonObject>().Any(AllowsString),
        };

    // An input with every required property filled, for an action that has no fixture to borrow one from.
    private static JsonObject SampleObject(JsonObject schema)
    {
        var sample = new JsonObject();
        var properties = schema["properties"] as JsonObject;
        foreach (var name in (schema["required"] as JsonArray)?.Select(n => n?.GetValue<string>()).OfType<string>() ?? [])
        {
            sample[name] = properties?[name] is JsonObject property ? SampleValue(property) : Probe;
        }

        return sample;
    }

    private static JsonNode? SampleValue(JsonObject schema)
    {
        if (schema["enum"] is JsonArray { Count: > 0 } options)
        {
            return options[0]?.DeepClone();
        }

        var type = schema["type"] switch
        {
            JsonValue t => t.GetValue<string>(),
            JsonArray types => types.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t != "null"),
            _ => null,
        };
        return type switch
        {
            "integer" or "number" => 1,
            "boolean" => false,
            "array" => new JsonArray(),
            "object" => SampleObject(schema),
            _ => schema["format"]?.GetValue<string>() == "date-time" ? "2025-01-01T00:00:00Z" : Probe,
        };
    }

    /// <summary>Answers with the fixture's responses in order, whatever is asked, then 404: it only watches where requests go.</summary>
    private sealed class ReplayInOrderHandler(IReadOnlyList<FixtureInteraction> interactions) : HttpMessageHandler
    {
        private readonly Lock _lock = new();
        private readonly List<RecordedRequest> _requests = [];

        public IReadOnlyList<RecordedRequest> Requests
        {
            get
            {
                lock (_lock)
                {
                    return [.. _requests];
                }
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var recorded = await RecordedRequest.CaptureAsync(request, cancellationToken).ConfigureAwait(false);
            int number;
            lock (_lock)
            {
                _requests.Add(recorded);
                number = _requests.Count;
            }

            var response = number <= interactions.Count
                ? FixtureReplayHandler.ToResponse(interactions[number - 1].Response)
                : new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            response.RequestMessage = request;
            return response;
        }
    }
}
