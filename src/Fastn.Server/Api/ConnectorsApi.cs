using Fastn.Connectors.Authentication;
using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Triggers;
using Fastn.Engine.Registry;
using Fastn.Server.Errors;

namespace Fastn.Server.Api;

/// <summary><c>/api/v1/connectors</c>: what each registered connector offers.</summary>
public static class ConnectorsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapConnectorsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/connectors").WithTags("Connectors");
        group.MapGet("/", (ConnectorRegistry registry, string? search, string? category, string? authKind) =>
        {
            AuthKind? kind = null;
            if (authKind is not null)
            {
                if (!Enum.TryParse<AuthKind>(authKind, ignoreCase: true, out var parsed))
                {
                    return Problems.Validation($"authKind '{authKind}' is not one of: {string.Join(", ", Enum.GetNames<AuthKind>())}.", "authKind");
                }

                kind = parsed;
            }

            return Results.Ok(registry.Search(search, category, kind).Select(Summary));
        }).WithName("ListConnectors").WithSummary("List and search connectors by text, category and auth kind");

        group.MapGet("/{name}", (ConnectorRegistry registry, string name) =>
            registry.Find(name) is { } connector ? Results.Ok(Detail(connector))
            : Problems.NotFound($"There is no connector '{name}'. List connectors with GET /api/v1/connectors."))
            .WithName("GetConnector").WithSummary("A connector's auth methods, credential fields, actions with schemas, triggers, entities and CDM coverage");
        return api;
    }

    private static object Summary(RegisteredConnector c) => new
    {
        name = c.Definition.Name,
        displayName = c.Definition.DisplayName,
        description = c.Definition.Description,
        version = c.Definition.Version,
        categories = c.Definition.Categories,
        authKinds = c.Capabilities.AuthKinds.Select(k => k.ToString()),
        actions = c.Definition.Actions.Count,
        triggers = c.Definition.Triggers.Count,
        entities = c.Definition.Entities.Count,
        source = c.Source,
    };

    private static object Detail(RegisteredConnector c)
    {
        var d = c.Definition;
        return new
        {
            name = d.Name,
            displayName = d.DisplayName,
            description = d.Description,
            version = d.Version,
            categories = d.Categories,
            iconUrl = d.IconUrl,
            documentationUrl = d.DocumentationUrl,
            auth = d.Auth.Select((m, i) => AuthMethod(m, i == 0)),
            actions = d.Actions.Select(a => new
            {
                name = a.Name,
                title = a.DisplayTitle,
                description = a.Description,
                inputSchema = a.InputSchema,
                outputSchema = a.OutputSchema,
                hints = new { a.Hints.ReadOnly, a.Hints.Destructive, a.Hints.Idempotent, a.Hints.Category, a.Hints.McpExposed, a.Hints.LlmDescription },
            }),
            triggers = d.Triggers.Select(t => new
            {
                name = t.Name,
                description = t.Description,
                kind = t.Kind.ToString(),
                eventTypes = (t as WebhookTriggerDefinition)?.EventTypes,
                intervalSeconds = (t as PollTriggerDefinition)?.Interval.TotalSeconds,
                detectDeletes = (t as PollTriggerDefinition)?.DetectDeletes,
            }),
            entities = d.Entities.Select(e => new
            {
                name = e.Name,
                nativeType = e.NativeType,
                cdmEntity = e.Cdm?.Name,
                operations = e.Operations.ToString(),
                mappings = e.Mappings.Select(m => new { native = m.NativePath, cdm = m.CdmFields.Select(f => f.Name), readOnly = m.ReadOnly }),
                coverage = CdmCoverage.Of(e) is { } cov ? new { ratio = Math.Round(cov.Ratio, 3), cov.Mapped, cov.Unmapped, cov.MissingRequired } : null,
            }),
            source = c.Source,
        };
    }

    private static object AuthMethod(AuthMethod m, bool isDefault) => new
    {
        id = m.EffectiveId,
        kind = m.Kind.ToString(),
        label = m.Label,
        isDefault,
        fields = m.Fields.Select(f => new { name = f.Name, label = f.Label, secret = f.Secret, required = f.Required, pattern = f.Pattern, help = f.Help, placeholder = f.Placeholder }),
        oauth2 = m is OAuth2Auth o ? new
        {
            grantType = o.GrantType.ToString(),
            authorizationUrl = o.AuthorizationUrl,
            tokenUrl = o.TokenUrl,
            scopes = o.Scopes,
            pkce = o.Pkce,
            supportsRefresh = o.SupportsRefresh,
        } : null,
        apiKey = m is ApiKeyAuth k ? new { location = k.In.ToString(), name = k.Name, prefix = k.Prefix } : null,
    };
}
