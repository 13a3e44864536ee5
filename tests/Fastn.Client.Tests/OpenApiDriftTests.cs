using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Fastn.Client.Models;
using Fastn.Client.Tests.Infrastructure;

namespace Fastn.Client.Tests;

/// <summary>
/// Issue 10: the typed client and the server's OpenAPI document agree. For each operation the client reads, every JSON
/// property of the client's model (and of the models inside it) exists in the schema of that operation's answer, with a
/// compatible JSON type; a property the client cannot do without (non-nullable, no default) is one the server always sends,
/// never null. A renamed or dropped server property fails here, not in a user's application.
/// </summary>
[Collection(ClientServerCollection.Name)]
public sealed class OpenApiDriftTests(ClientServerFixture fixture)
{
    private static readonly JsonSerializerOptions ClientJson = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <summary>Operation id, the 2xx status the client reads, and the model it reads that answer into.</summary>
    private static readonly (string Operation, string Status, Type Model)[] Reads =
    [
        ("ListConnectors", "200", typeof(IReadOnlyList<ConnectorSummary>)),
        ("GetConnector", "200", typeof(ConnectorDetail)),
        ("ListCapabilities", "200", typeof(CapabilityCatalog)),
        ("GetCapabilities", "200", typeof(ConnectorCapabilities)),
        ("ListCdmRecords", "200", typeof(CdmRecordPage)),
        ("CreateCdmRecord", "201", typeof(CdmWriteResult)),
        ("UpdateCdmRecord", "200", typeof(CdmWriteResult)),
        ("ListTenants", "200", typeof(IReadOnlyList<Tenant>)),
        ("CreateTenant", "201", typeof(Tenant)),
        ("GetTenant", "200", typeof(Tenant)),
        ("CreateConnection", "201", typeof(Connection)),
        ("ListConnections", "200", typeof(IReadOnlyList<Connection>)),
        ("GetConnection", "200", typeof(Connection)),
        ("TestConnection", "200", typeof(ConnectionTestResult)),
        ("ReconnectConnection", "200", typeof(Connection)),
        ("ListActionCalls", "200", typeof(ActionCallPage)),
        ("StartOAuth", "200", typeof(OAuthStart)),
        ("PutOAuthApp", "200", typeof(OAuthApp)),
        ("ListOAuthApps", "200", typeof(IReadOnlyList<OAuthApp>)),
        ("CreateApiKey", "201", typeof(CreatedApiKey)),
        ("ListApiKeys", "200", typeof(IReadOnlyList<ApiKey>)),
        ("ListVaultKeys", "200", typeof(IReadOnlyList<VaultKey>)),
        ("RotateVaultKey", "200", typeof(VaultKey)),
        ("CreateConnectSession", "201", typeof(ConnectSession)),
        ("GetWorkspace", "200", typeof(Workspace)),
        ("UpdateWorkspace", "200", typeof(Workspace)),
        ("ListRedirectUrls", "200", typeof(RedirectUrls)),
        ("PutRedirectUrls", "200", typeof(RedirectUrls)),
        ("ListEvents", "200", typeof(PlatformEventPage)),
        ("CreateSubscription", "201", typeof(Subscription)),
        ("ListSubscriptions", "200", typeof(IReadOnlyList<Subscription>)),
        ("GetSubscription", "200", typeof(Subscription)),
        ("PauseSubscription", "200", typeof(Subscription)),
        ("ResumeSubscription", "200", typeof(Subscription)),
        ("AddEventDestination", "201", typeof(EventDestination)),
        ("ListEventDestinations", "200", typeof(IReadOnlyList<EventDestination>)),
        ("ListEventDeliveries", "200", typeof(IReadOnlyList<EventDelivery>)),
        ("RedeliverEvent", "200", typeof(EventDelivery)),
        ("ValidateFlow", "200", typeof(FlowValidation)),
        ("CreateFlow", "201", typeof(Flow)),
        ("DeployFlow", "200", typeof(Flow)),
        ("ListFlows", "200", typeof(IReadOnlyList<Flow>)),
        ("GetFlow", "200", typeof(Flow)),
        ("UpdateFlow", "200", typeof(Flow)),
        ("PublishFlow", "200", typeof(Flow)),
        ("EnableFlow", "200", typeof(Flow)),
        ("DisableFlow", "200", typeof(Flow)),
        ("StartFlowRun", "200", typeof(FlowRun)),
        ("StartFlowRun", "202", typeof(FlowRun)),
        ("TestFlow", "200", typeof(FlowRun)),
        ("GetFlowRun", "200", typeof(FlowRun)),
        ("ListFlowRuns", "200", typeof(FlowRunPage)),
        ("RerunFlowRun", "202", typeof(FlowRun)),
        ("CancelFlowRun", "200", typeof(FlowRun)),
        ("ResumeFlowRun", "200", typeof(FlowRun)),
    ];

    [Fact]
    public async Task ClientModels_AgainstOpenApiDocument_MatchEveryOperationTheyRead()
    {
        var document = await DocumentAsync();

        var failures = Reads.SelectMany(r => Compare(document, r.Operation, r.Status, r.Model)).ToList();

        failures.ShouldBeEmpty();
    }

    [Fact]
    public void ClientModels_EveryModelTheClientReturns_IsCheckedAgainstTheDocument()
    {
        // FlowRunUpdate is read from the server-sent events of StreamFlowRun (text/event-stream), built from FlowRunStep and FlowRun.
        var returned = typeof(FastnClient).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Select(m => Unwrap(m.ReturnType))
            .Where(t => t is not null && t.Namespace == typeof(Connection).Namespace && t != typeof(FlowRunUpdate))
            .Distinct()
            .ToList();
        var checkedModels = new HashSet<Type>();
        foreach (var (_, _, model) in Reads)
        {
            AddWithNested(Element(model), checkedModels);
        }

        returned.Where(t => !checkedModels.Contains(t!)).Select(t => t!.Name).ShouldBeEmpty("add the operation that answers each of these to Reads");
    }

    [Fact]
    public async Task Compare_ServerRenamesAProperty_ReportsTheDrift()
    {
        var document = await DocumentAsync();
        var schema = SuccessSchema(document, "GetConnection", "200")!;
        var component = document["components"]!["schemas"]![((string)schema["$ref"]!).Split('/')[^1]]!.AsObject();
        var properties = component["properties"]!.AsObject();
        var status = properties["status"]!.DeepClone();
        properties.Remove("status");
        properties["state"] = status;

        var failures = Compare(document, "GetConnection", "200", typeof(Connection)).ToList();

        failures.ShouldContain(f => f.Contains("status", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compare_ServerMayLeaveOutOrNullAPropertyTheClientNeeds_ReportsTheDrift()
    {
        var document = await DocumentAsync();
        var schema = SuccessSchema(document, "GetConnection", "200")!;
        var component = document["components"]!["schemas"]![((string)schema["$ref"]!).Split('/')[^1]]!.AsObject();
        var required = component["required"]!.AsArray();
        required.Remove(required.First(r => (string?)r == "connector"));
        component["properties"]!["status"]!["type"] = new JsonArray("null", "string");

        var failures = Compare(document, "GetConnection", "200", typeof(Connection)).ToList();

        failures.ShouldContain(f => f.Contains(".connector", StringComparison.Ordinal) && f.Contains("always sends", StringComparison.Ordinal));
        failures.ShouldContain(f => f.Contains(".status", StringComparison.Ordinal) && f.Contains("may be null", StringComparison.Ordinal));
    }

    // A model and the models its properties read.
    private static void AddWithNested(Type model, HashSet<Type> models)
    {
        if (!IsModel(model) || !models.Add(model))
        {
            return;
        }

        foreach (var property in ClientJson.GetTypeInfo(model).Properties)
        {
            AddWithNested(Element(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType), models);
        }
    }

    private async Task<JsonObject> DocumentAsync()
    {
        using var response = await fixture.Server.Http.GetAsync("openapi/v1.json", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
    }

    private static IEnumerable<string> Compare(JsonObject document, string operationId, string status, Type model)
    {
        var schema = SuccessSchema(document, operationId, status);
        if (schema is null)
        {
            return [$"{operationId}: no application/json schema for {status}"];
        }

        var failures = new List<string>();
        CompareType(document, Resolve(document, schema), model, $"{operationId} {status}", failures, []);
        return failures;
    }

    private static void CompareType(JsonObject document, Shape server, Type model, string where, List<string> failures, HashSet<Type> visiting)
    {
        var expected = JsonKinds(model);
        if (expected is null || server.Any)
        {
            return;
        }

        if (!server.Types.Overlaps(expected))
        {
            failures.Add($"{where}: the client reads {string.Join('/', expected)} ({model.Name}), the document says {string.Join('/', server.Types)}");
            return;
        }

        if (Element(model) is { } element && element != model)
        {
            if (server.Items is null)
            {
                failures.Add($"{where}: the client reads a list of {element.Name}, the document gives no item schema");
                return;
            }

            CompareType(document, Resolve(document, server.Items), element, where + "[]", failures, visiting);
            return;
        }

        if (!IsModel(model) || !visiting.Add(model))
        {
            return;
        }

        var info = ClientJson.GetTypeInfo(model);
        var nullability = new NullabilityInfoContext();
        // Only what deserialization fills in (computed properties such as IsBrowserFlow are not read), matched the way the client matches names.
        foreach (var property in info.Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null))
        {
            var at = $"{where}.{property.Name}";
            var comparison = ClientJson.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var serverName = server.Properties?.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, property.Name, comparison));
            if (serverName is null || server.Properties![serverName] is not { } serverProperty)
            {
                failures.Add($"{at}: the client reads '{property.Name}' ({model.Name}.{Member(property)}), the document's schema has no such property");
                continue;
            }

            var shape = Resolve(document, serverProperty);
            if (ClientNeeds(property, nullability))
            {
                if (!server.Required.Contains(serverName))
                {
                    failures.Add($"{at}: the client needs it (non-nullable, no default), the document does not say the server always sends it");
                }

                if (shape.Nullable)
                {
                    failures.Add($"{at}: the client needs a value, the document says it may be null");
                }
            }

            CompareType(document, shape, property.PropertyType, at, failures, visiting);
        }

        visiting.Remove(model);
    }

    private static JsonObject? SuccessSchema(JsonObject document, string operationId, string status)
    {
        foreach (var (_, item) in document["paths"]!.AsObject())
        {
            foreach (var (_, operation) in item!.AsObject())
            {
                if (operation is JsonObject op && (string?)op["operationId"] == operationId)
                {
                    return op["responses"]?[status]?["content"]?["application/json"]?["schema"] as JsonObject;
                }
            }
        }

        return null;
    }

    /// <summary>A server schema with references followed and null alternatives folded into <see cref="Nullable"/>.</summary>
    private sealed record Shape(HashSet<string> Types, bool Nullable, bool Any, JsonObject? Properties, HashSet<string> Required, JsonObject? Items);

    private static Shape Resolve(JsonObject document, JsonNode schema)
    {
        var node = schema.AsObject();
        if (node["$ref"] is { } reference)
        {
            var component = document["components"]!["schemas"]![((string)reference!).Split('/')[^1]]!.AsObject();
            return Resolve(document, component);
        }

        var alternatives = (node["oneOf"] ?? node["anyOf"])?.AsArray();
        if (alternatives is not null)
        {
            var shapes = alternatives.Select(a => Resolve(document, a!)).ToList();
            var nonNull = shapes.Where(s => !(s.Types.Count == 1 && s.Types.Contains("null"))).ToList();
            var nullable = nonNull.Count < shapes.Count || nonNull.Any(s => s.Nullable);
            return nonNull.Count == 1 ? nonNull[0] with { Nullable = nullable } : new Shape([], nullable, Any: true, null, [], null);
        }

        var types = node["type"] switch
        {
            JsonArray array => array.Select(t => (string)t!).ToHashSet(),
            JsonValue value => [(string)value!],
            _ => [],
        };
        var required = node["required"]?.AsArray().Select(r => (string)r!).ToHashSet() ?? [];
        var any = types.Count == 0 && node["properties"] is null && node["items"] is null;
        if (types.Count == 0 && node["properties"] is not null)
        {
            types.Add("object");
        }

        var isNullable = types.Remove("null") || node["nullable"]?.GetValue<bool>() == true;
        return new Shape(types, isNullable, any || (types.Count == 0 && isNullable), node["properties"] as JsonObject, required, node["items"] as JsonObject);
    }

    // What the client needs the server to send: a constructor parameter without a default, of a non-nullable type.
    private static bool ClientNeeds(JsonPropertyInfo property, NullabilityInfoContext nullability)
    {
        if (property.AssociatedParameter is not { } parameter || parameter.HasDefaultValue)
        {
            return false;
        }

        if (property.PropertyType.IsValueType)
        {
            return Nullable.GetUnderlyingType(property.PropertyType) is null;
        }

        return property.AttributeProvider is PropertyInfo member && nullability.Create(member).ReadState == NullabilityState.NotNull;
    }

    private static string Member(JsonPropertyInfo property) => (property.AttributeProvider as MemberInfo)?.Name ?? property.Name;

    // The JSON types a CLR type reads; null for "anything" (JsonNode).
    private static HashSet<string>? JsonKinds(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (typeof(JsonNode).IsAssignableFrom(type))
        {
            return type == typeof(JsonObject) ? ["object"] : type == typeof(JsonArray) ? ["array"] : null;
        }

        if (type == typeof(string) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid) || type.IsEnum)
        {
            return ["string"];
        }

        if (type == typeof(bool))
        {
            return ["boolean"];
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return ["integer"];
        }

        if (type == typeof(double) || type == typeof(decimal) || type == typeof(float))
        {
            return ["number", "integer"];
        }

        if (IsDictionary(type))
        {
            return ["object"];
        }

        return Element(type) != type ? ["array"] : ["object"];
    }

    private static bool IsModel(Type type) => type.Namespace == typeof(Connection).Namespace && !type.IsEnum;

    private static bool IsDictionary(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(IReadOnlyDictionary<,>) || d == typeof(Dictionary<,>) || d == typeof(IDictionary<,>));

    // The element type of a list, or the type itself.
    private static Type Element(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType()!;
        }

        return type.IsGenericType && !IsDictionary(type) && type.GetGenericTypeDefinition() is var d
            && (d == typeof(IReadOnlyList<>) || d == typeof(List<>) || d == typeof(IEnumerable<>) || d == typeof(IList<>) || d == typeof(IReadOnlyCollection<>))
            ? type.GetGenericArguments()[0]
            : type;
    }

    // The model a client method's Task<T> / IAsyncEnumerable<T> answers, unwrapped from lists.
    private static Type? Unwrap(Type type)
    {
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)))
        {
            return Element(type.GetGenericArguments()[0]);
        }

        return null;
    }
}
