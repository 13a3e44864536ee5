using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Fastn.Server.Tests.Infrastructure;
using Fastn.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Server.Tests.StrictInput;

/// <summary>
/// Issue 9 §2: a generated sweep over every operation of the server's own OpenAPI document, with hostile path values,
/// query values, headers and bodies. Never a 5xx; every refusal is problem+json; a refused request stores nothing.
/// It runs against a server of its own, because successful requests in the mix change workspace state.
/// </summary>
public sealed class GeneratedSweepTests : IAsyncLifetime
{
    private const int Requests = 5000;

    private static readonly string[] NastyStrings =
    [
        "", " ", ".", "..", "%2e%2e", "/", "a/../../b", "\\", "%00", "\0", "a\nb", "\r\n", "\t", "\ud800", "x\udc00y", "😀",
        "'; DROP TABLE Tenants; --", "<script>alert(1)</script>", "${jndi:ldap://x}", "{{7*7}}", "%", "%zz", "?", "#", "&", "=",
        "null", "true", "-1", "0", "1e309", "9999999999999999999999", "acme-crm", "stripe", "default", "admin", "member",
        "customer-1", "https://evil.example/", "//evil.example", "/\t/127.0.0.2:5999/phish", "javascript:alert(1)",
        new string('a', 201), new string('b', 5000),
    ];

    private static readonly string[] FieldNames =
    [
        "name", "id", "tenantId", "role", "connector", "authMethod", "credentials", "displayName", "returnUrl", "urls",
        "clientId", "clientSecret", "scopes", "logoUrl", "allowedConnectors", "limit", "cursor", "input", "api_key", "evil",
    ];

    private FastnTestServer? _server;

    private FastnTestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() => _server = await FastnTestServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task EveryRoute_GeneratedBadRequests_NeverServerErrorAlwaysProblemNothingStored()
    {
        var operations = await OperationsAsync();
        operations.Count.ShouldBeGreaterThan(20, "the sweep walks the server's whole OpenAPI document");
        var failures = new List<string>();
        var sent = 0;
        var refused = 0;

        await RequestGen(operations).SampleAsync(async sample =>
        {
            var before = await SignatureAsync();
            using var request = Build(sample);
            using var response = await Server.Http.SendAsync(request, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Interlocked.Increment(ref sent);
            var status = (int)response.StatusCode;
            var where = $"{sample.Method} {sample.Path} → {status}";
            if (status >= 500)
            {
                var logged = Server.Logs.Lines.LastOrDefault(l => l.Contains("Exception", StringComparison.Ordinal)) ?? "";
                failures.Add($"{where}: {Excerpt(body)} {Excerpt(logged)}");
                return;
            }

            if (status >= 400)
            {
                Interlocked.Increment(ref refused);
                // Kestrel refuses a request target with a NUL (%00) itself, before any middleware, with an empty 400;
                // nothing in the application can answer it. Browser pages (OAuth callback, connect page) answer HTML.
                var kestrel = status == 400 && body.Length == 0 && sample.Path.Contains("%00", StringComparison.Ordinal);
                var api = sample.Path.StartsWith("/api/", StringComparison.Ordinal) || sample.Path.StartsWith("/openapi/", StringComparison.Ordinal);
                if (api && !kestrel && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{where}: not problem+json ({response.Content.Headers.ContentType}): {Excerpt(body)}");
                }
                else if (body.Contains("   at ", StringComparison.Ordinal))
                {
                    failures.Add($"{where}: stack trace in the problem");
                }

                if (await SignatureAsync() is var after && after != before)
                {
                    failures.Add($"{where}: a refused request changed stored rows ({before} → {after})");
                }
            }
        }, iter: Requests, threads: 1, seed: null);

        sent.ShouldBe(Requests);
        refused.ShouldBeGreaterThan(Requests / 2, "most generated requests are bad ones");
        failures.Take(20).ShouldBeEmpty($"{failures.Count} of {Requests} generated requests misbehaved");
    }

    private sealed record Operation(string Method, string Template, IReadOnlyList<string> Query, bool HasBody);

    private sealed record Sample(string Method, string Path, string? Body, byte[]? RawBody, string? ContentType, string? Tenant, int Auth);

    private static Gen<string> Nasty => Gen.OneOf(Gen.OneOf(NastyStrings), Gen.String, Gen.String.AlphaNumeric);

    private static Gen<JsonNode?> Value(int depth) => depth <= 0
        ? Gen.OneOf(Nasty.Select(s => (JsonNode?)JsonValue.Create(s)), Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)), Gen.Const(() => (JsonNode?)null),
            Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)))
        : Gen.OneOf(Value(0), Object(depth - 1).Select(o => (JsonNode?)o), Value(depth - 1).Array[0, 4].Select(a => (JsonNode?)new JsonArray([.. a])));

    private static Gen<JsonObject> Object(int depth) =>
        Gen.Select(Gen.OneOf(Gen.OneOf(FieldNames), Nasty), Value(depth)).Array[0, 6]
            .Select(pairs =>
            {
                var obj = new JsonObject();
                foreach (var (key, value) in pairs)
                {
                    obj[key] = value?.DeepClone();
                }

                return obj;
            });

    private static readonly byte[][] RawBodies =
    [
        "{\"name\":\"a\",\"name\":\"b\"}"u8.ToArray(), [0x7B, 0x22, 0x6E, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D], "{\"name\":\"\\ud800\"}"u8.ToArray(),
        "{"u8.ToArray(), "[1,2"u8.ToArray(), "null"u8.ToArray(), "[]"u8.ToArray(), "\"text\""u8.ToArray(), "1e999"u8.ToArray(),
        Encoding.UTF8.GetBytes(new string('[', 300) + new string(']', 300)), "{\"a\":1}garbage"u8.ToArray(), [0xEF, 0xBB, 0xBF, 0x7B, 0x7D],
    ];

    private static Gen<Sample> RequestGen(IReadOnlyList<Operation> operations) =>
        from op in Gen.OneOf([.. operations])
        from segments in Nasty.Array[4]
        from query in Gen.Select(Gen.Bool, Nasty).Array[4]
        from bodyKind in Gen.Int[0, 3]
        from json in Object(2)
        from raw in Gen.OneOf(RawBodies)
        from contentType in Gen.OneOf("application/json", "application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1")
        from tenant in Gen.OneOf(Gen.Const(() => (string?)null), Gen.Const(() => (string?)"customer-1"), Nasty.Select(s => (string?)s))
        from auth in Gen.Int[0, 9]
        select new Sample(
            op.Method,
            FillPath(op, segments, query),
            op.HasBody && bodyKind is 0 or 1 ? json.ToJsonString() : null,
            op.HasBody && bodyKind == 2 ? raw : null,
            contentType,
            tenant,
            auth);

    private static string FillPath(Operation op, string[] segments, (bool Include, string Value)[] query)
    {
        var path = op.Template;
        var i = 0;
        while (path.IndexOf('{', StringComparison.Ordinal) is var start and >= 0 && path.IndexOf('}', start) is var end and > 0)
        {
            path = string.Concat(path.AsSpan(0, start), Uri.EscapeDataString(segments[i++ % segments.Length]), path.AsSpan(end + 1));
        }

        var parts = op.Query.Zip(query).Where(q => q.Second.Include).Select(q => $"{q.First}={Uri.EscapeDataString(q.Second.Value)}").ToList();
        return parts.Count == 0 ? path : path + "?" + string.Join('&', parts);
    }

    private HttpRequestMessage Build(Sample sample)
    {
        var request = new HttpRequestMessage(new HttpMethod(sample.Method), sample.Path.TrimStart('/'));
        switch (sample.Auth)
        {
            case 0:
                break;
            case 1:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer fk_" + new string('x', 40));
                break;
            default:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Server.AdminKey);
                break;
        }

        if (sample.Tenant is { } tenant)
        {
            // HttpClient sends only ASCII header values, and no line breaks: the rest of the value is what the server gets.
            request.Headers.TryAddWithoutValidation("x-fastn-space-tenantid", new string([.. tenant.Where(c => c is '\t' or >= ' ' and <= '~')]));
        }

        if (sample.Body is not null || sample.RawBody is not null)
        {
            request.Content = new ByteArrayContent(sample.RawBody ?? Encoding.UTF8.GetBytes(sample.Body!));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", sample.ContentType);
        }

        return request;
    }

    private async Task<List<Operation>> OperationsAsync()
    {
        using var response = await Server.Http.GetAsync("openapi/v1.json", TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var operations = new List<Operation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var query = method.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList()
                    : [];
                operations.Add(new Operation(method.Name.ToUpperInvariant(), path.Name, query, method.Name is "post" or "put" or "patch"));
            }
        }

        return operations;
    }

    // Row counts of every table a request could write, plus the workspace's own settings. The call log is written
    // behind (after the response), so it is left out.
    private Task<string> SignatureAsync() => Server.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<FastnDbContext>();
        var ct = TestContext.Current.CancellationToken;
        var workspace = await db.Workspaces.AsNoTracking().OrderBy(w => w.Id).Select(w => w.Name + "|" + w.LogoUrl).ToListAsync(ct);
        return string.Join(',',
            await db.Workspaces.CountAsync(ct), await db.Tenants.CountAsync(ct), await db.ApiKeys.CountAsync(k => k.RevokedAt == null, ct),
            await db.Connections.CountAsync(ct), await db.ConnectionCredentials.CountAsync(ct), await db.OAuthStates.CountAsync(ct),
            await db.OAuthApps.CountAsync(ct), await db.Events.CountAsync(ct), await db.ConnectSessions.CountAsync(ct),
            await db.WorkspaceRedirectUrls.CountAsync(ct), string.Join(';', workspace));
    });

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
