using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Fastn.Connectors.Testing;

/// <summary>
/// Serves a fixture's interactions in order. Each request must match the next interaction's method, path,
/// query, headers and body; a mismatch is recorded in <see cref="Mismatches"/> with a diff and the request
/// fails with <see cref="FixtureMismatchException"/>.
/// </summary>
public sealed class FixtureReplayHandler : HttpMessageHandler
{
    // Replay bytes as the app sent them: no \u0027-style escaping of quotes and non-ASCII text.
    private static readonly System.Text.Json.JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock _lock = new();
    private readonly ConnectorFixture _fixture;
    private readonly List<string> _mismatches = [];
    private readonly List<RecordedRequest> _requests = [];
    private int _next;

    /// <summary>Creates a handler serving <paramref name="fixture"/>'s interactions.</summary>
    public FixtureReplayHandler(ConnectorFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        _fixture = fixture;
    }

    /// <summary>Every mismatch so far, each a readable diff.</summary>
    public IReadOnlyList<string> Mismatches
    {
        get
        {
            lock (_lock)
            {
                return [.. _mismatches];
            }
        }
    }

    /// <summary>Every request received, in order.</summary>
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

    /// <summary>Interactions the connector never requested, described as <c>#n METHOD path</c>.</summary>
    public IReadOnlyList<string> Unused()
    {
        lock (_lock)
        {
            return [.. _fixture.Interactions.Skip(_next).Select((i, n) => $"#{_next + n + 1} {i.Request.Method} {i.Request.Path}")];
        }
    }

    /// <summary>Compares a request with an expected one; returns one line per difference (empty when it matches).</summary>
    public static IReadOnlyList<string> Compare(FixtureRequest expected, RecordedRequest actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<string>();
        if (!string.Equals(expected.Method, actual.Method, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add($"method: expected {expected.Method.ToUpperInvariant()}, got {actual.Method}");
        }

        if (!string.Equals(expected.Path, actual.Path, StringComparison.Ordinal))
        {
            differences.Add($"path: expected {expected.Path}, got {actual.Path}");
        }

        if (expected.Query is { } query)
        {
            foreach (var (name, value) in query)
            {
                if (!actual.Query.TryGetValue(name, out var got))
                {
                    differences.Add($"query '{name}': expected '{value}', got (missing)");
                }
                else if (!Same(value, got))
                {
                    differences.Add($"query '{name}': expected '{value}', got '{Shown(value, got)}'");
                }
            }

            foreach (var (name, got) in actual.Query.Where(q => !query.ContainsKey(q.Key)))
            {
                differences.Add($"query '{name}': not expected (got '{got}')");
            }
        }

        foreach (var (name, value) in expected.Headers ?? [])
        {
            var got = actual.Header(name);
            if (value == FixtureRequest.Redacted && SecretRedactor.IsAuthorization(name))
            {
                // A bare *** would accept any scheme, or a credential sent the wrong way.
                var sent = got is null ? "the request sent none" : $"the request sent '{SecretRedactor.Redact(got, keepScheme: true)}'";
                differences.Add($"header '{name}': the fixture hides the auth scheme ('***'); write it as '<scheme> ***' ({sent}), so replay checks how the credential is sent");
            }
            else if (got is null)
            {
                differences.Add($"header '{name}': expected '{value}', got (missing)");
            }
            else if (!Same(value, got))
            {
                differences.Add($"header '{name}': expected '{value}', got '{Shown(value, got)}'");
            }
        }

        if (expected.Body is { } body)
        {
            JsonNode? actualBody;
            try
            {
                actualBody = actual.BodyJson();
            }
            catch (System.Text.Json.JsonException)
            {
                differences.Add($"body: expected JSON {body.ToJsonString()}, got text '{actual.Body}'");
                return differences;
            }

            differences.AddRange(JsonDiff.Compare(body, actualBody).Select(d => "body " + d));
        }
        else if (expected.BodyText is { } text && !string.Equals(text, actual.Body ?? "", StringComparison.Ordinal))
        {
            differences.Add($"body: expected '{text}', got '{actual.Body}'");
        }

        return differences;
    }

    /// <summary>Builds the HTTP response an interaction describes.</summary>
    public static HttpResponseMessage ToResponse(FixtureResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = new Dictionary<string, string>(response.Headers ?? [], StringComparer.OrdinalIgnoreCase);
        headers.Remove("Content-Type", out var contentType);
        var message = new HttpResponseMessage((HttpStatusCode)response.Status)
        {
            Content = response.Body is not null
                ? new StringContent(response.Body.ToJsonString(RelaxedJson), Encoding.UTF8, "application/json")
                : response.BodyText is not null ? new StringContent(response.BodyText, Encoding.UTF8, "text/plain") : new ByteArrayContent([]),
        };
        if (contentType is not null)
        {
            message.Content.Headers.Remove("Content-Type");
            message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        foreach (var (name, value) in headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var actual = await RecordedRequest.CaptureAsync(request, cancellationToken).ConfigureAwait(false);
        FixtureInteraction interaction;
        int number;
        lock (_lock)
        {
            _requests.Add(actual);
            number = _requests.Count;
            if (_next >= _fixture.Interactions.Count)
            {
                return Fail($"request #{number} {actual.Method} {actual.Url.PathAndQuery} was not expected: the fixture has only {_fixture.Interactions.Count} interaction(s).");
            }

            interaction = _fixture.Interactions[_next];
            var differences = Compare(interaction.Request, actual);
            if (differences.Count > 0)
            {
                return Fail($"request #{number} does not match interaction #{_next + 1} ({interaction.Request.Method} {interaction.Request.Path}):"
                    + Environment.NewLine + string.Join(Environment.NewLine, differences.Select(d => "    " + d)));
            }

            _next++;
        }

        var response = ToResponse(interaction.Response);
        response.RequestMessage = request;
        return response;
    }

    private HttpResponseMessage Fail(string mismatch)
    {
        _mismatches.Add(mismatch);
        throw new FixtureMismatchException($"Fixture '{_fixture.DisplayName}': {mismatch}");
    }

    private static bool Same(string expected, string actual) => FixtureRequest.ValueMatches(expected, actual);

    // Where the fixture hides a secret, the message hides the one sent too (keeping its scheme).
    private static string Shown(string expected, string actual) =>
        expected.Contains(FixtureRequest.Redacted, StringComparison.Ordinal) ? SecretRedactor.Redact(actual, keepScheme: true) : actual;
}
