using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Triggers;
using Fastn.Engine.Registry;
using Fastn.Server.Errors;
using Fastn.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fastn.Server.Api;

/// <summary><c>/api/v1/connectors</c>: what each registered connector offers.</summary>
public static class ConnectorsApi
{
    /// <summary>One registered connector, as listed.</summary>
    /// <param name="Name">The kebab-case name, e.g. <c>acme-crm</c>.</param>
    /// <param name="DisplayName">The app's name as people write it.</param>
    /// <param name="Description">What the connector does.</param>
    /// <param name="Version">The connector's version.</param>
    /// <param name="Categories">Categories such as <c>crm</c>.</param>
    /// <param name="AuthKinds">The auth kinds it supports (<c>OAuth2</c>, <c>ApiKey</c>…).</param>
    /// <param name="Actions">How many actions it has.</param>
    /// <param name="Triggers">How many triggers it has.</param>
    /// <param name="Entities">How many entities it has.</param>
    /// <param name="Source">Where it was registered from (built-in, sandbox, plugin…).</param>
    public sealed record ConnectorSummary(string Name, string DisplayName, string Description, string Version, IReadOnlyList<string> Categories,
        IReadOnlyList<string> AuthKinds, int Actions, int Triggers, int Entities, string Source);

    /// <summary>Everything a connector offers.</summary>
    /// <param name="Name">The kebab-case name.</param>
    /// <param name="DisplayName">The app's name as people write it.</param>
    /// <param name="Description">What the connector does.</param>
    /// <param name="Version">The connector's version.</param>
    /// <param name="Categories">Categories such as <c>crm</c>.</param>
    /// <param name="IconUrl">An icon, if declared.</param>
    /// <param name="DocumentationUrl">The app's documentation, if declared.</param>
    /// <param name="Auth">Its auth methods, the default one first.</param>
    /// <param name="Actions">Its actions with their schemas.</param>
    /// <param name="Triggers">Its webhook and poll triggers.</param>
    /// <param name="Entities">Its entities and their CDM mapping.</param>
    /// <param name="Source">Where it was registered from.</param>
    public sealed record ConnectorDetail(string Name, string DisplayName, string Description, string Version, IReadOnlyList<string> Categories,
        string? IconUrl, string? DocumentationUrl, IReadOnlyList<ConnectorAuthMethod> Auth, IReadOnlyList<ConnectorAction> Actions,
        IReadOnlyList<ConnectorTrigger> Triggers, IReadOnlyList<ConnectorEntity> Entities, string Source);

    /// <summary>One way to authenticate with the app.</summary>
    /// <param name="Id">The method id to pass as <c>authMethod</c>.</param>
    /// <param name="Kind"><c>None</c>, <c>Basic</c>, <c>BearerToken</c>, <c>ApiKey</c>, <c>OAuth2</c> or <c>Custom</c>.</param>
    /// <param name="Label">A human label.</param>
    /// <param name="IsDefault">Whether it is the connector's default method.</param>
    /// <param name="Fields">The credential fields a user fills in (none for the OAuth2 authorization-code grant).</param>
    /// <param name="OAuth2">The OAuth2 settings, for OAuth2 methods.</param>
    /// <param name="ApiKey">Where the key goes, for API-key methods.</param>
    public sealed record ConnectorAuthMethod(string Id, string Kind, string? Label, bool IsDefault, IReadOnlyList<CredentialField> Fields,
        [property: JsonPropertyName("oauth2")] OAuth2Details? OAuth2, ApiKeyPlacement? ApiKey);

    /// <summary>A credential field of an auth method.</summary>
    /// <param name="Name">The key to send in <c>credentials</c>.</param>
    /// <param name="Label">A human label.</param>
    /// <param name="Secret">Whether the value is a secret.</param>
    /// <param name="Required">Whether it must be given.</param>
    /// <param name="Pattern">A regular expression the value must match.</param>
    /// <param name="Help">Where to find the value.</param>
    /// <param name="Placeholder">An example value.</param>
    public sealed record CredentialField(string Name, string Label, bool Secret, bool Required, string? Pattern, string? Help, string? Placeholder);

    /// <summary>The OAuth2 settings of an auth method.</summary>
    /// <param name="GrantType"><c>AuthorizationCode</c> or <c>ClientCredentials</c>.</param>
    /// <param name="AuthorizationUrl">The app's authorization endpoint.</param>
    /// <param name="TokenUrl">The app's token endpoint.</param>
    /// <param name="Scopes">The scopes requested.</param>
    /// <param name="Pkce">Whether PKCE (S256) is used.</param>
    /// <param name="SupportsRefresh">Whether tokens are refreshed.</param>
    public sealed record OAuth2Details(string GrantType, string? AuthorizationUrl, string? TokenUrl, IReadOnlyList<string> Scopes, bool Pkce, bool SupportsRefresh);

    /// <summary>Where an API-key method puts the key.</summary>
    /// <param name="Location"><c>Header</c> or <c>Query</c>.</param>
    /// <param name="Name">The header or query parameter name.</param>
    /// <param name="Prefix">Text before the key, e.g. <c>Token </c>.</param>
    public sealed record ApiKeyPlacement(string Location, string Name, string Prefix);

    /// <summary>An action of a connector.</summary>
    /// <param name="Name">The snake_case name, e.g. <c>create_contact</c>.</param>
    /// <param name="Title">A short title.</param>
    /// <param name="Description">What it does.</param>
    /// <param name="InputSchema">The JSON Schema of its input.</param>
    /// <param name="OutputSchema">The JSON Schema of its output.</param>
    /// <param name="Hints">What it does to the app's data.</param>
    public sealed record ConnectorAction(string Name, string Title, string Description, JsonObject InputSchema, JsonObject OutputSchema, ActionHints Hints);

    /// <summary>What an action does to the app's data, as the connector declares.</summary>
    /// <param name="ReadOnly">Only reads.</param>
    /// <param name="Destructive">Deletes or overwrites.</param>
    /// <param name="Idempotent">Repeating it has no further effect.</param>
    /// <param name="Category">A grouping such as <c>contacts</c>.</param>
    /// <param name="McpExposed">Whether it is offered as an MCP tool.</param>
    /// <param name="LlmDescription">The description given to language models.</param>
    public sealed record ActionHints(bool ReadOnly, bool Destructive, bool Idempotent, string? Category, bool McpExposed, string? LlmDescription);

    /// <summary>A trigger of a connector.</summary>
    /// <param name="Name">The snake_case name.</param>
    /// <param name="Description">What fires it.</param>
    /// <param name="Kind"><c>Webhook</c> or <c>Poll</c>.</param>
    /// <param name="EventTypes">Webhook triggers: the event types.</param>
    /// <param name="IntervalSeconds">Poll triggers: the default interval.</param>
    /// <param name="DetectDeletes">Poll triggers: whether deletions are reported.</param>
    public sealed record ConnectorTrigger(string Name, string Description, string Kind, IReadOnlyList<string>? EventTypes, double? IntervalSeconds, bool? DetectDeletes);

    /// <summary>A native record type of the app and its mapping to the Canonical Data Model.</summary>
    /// <param name="Name">The entity name.</param>
    /// <param name="NativeType">The app's name for the record type.</param>
    /// <param name="CdmEntity">The CDM entity it maps to, e.g. <c>CDMContact</c>.</param>
    /// <param name="Operations">The operations it supports (<c>List, Get, Create…</c>).</param>
    /// <param name="Mappings">Native fields mapped to CDM fields.</param>
    /// <param name="Coverage">How much of the CDM entity is mapped, when it maps to one.</param>
    public sealed record ConnectorEntity(string Name, string NativeType, string? CdmEntity, string Operations, IReadOnlyList<EntityFieldMapping> Mappings, CdmCoverage? Coverage);

    /// <summary>One native field mapped to CDM fields.</summary>
    /// <param name="Native">The native JSON path.</param>
    /// <param name="Cdm">The CDM fields it fills.</param>
    /// <param name="ReadOnly">Whether it is only read from the app.</param>
    public sealed record EntityFieldMapping(string Native, IReadOnlyList<string> Cdm, bool ReadOnly);

    /// <summary>CDM field coverage of an entity.</summary>
    /// <param name="Ratio">Mapped fields over all fields, 0 to 1.</param>
    /// <param name="Mapped">CDM fields mapped.</param>
    /// <param name="Unmapped">CDM fields not mapped.</param>
    /// <param name="MissingRequired">Required CDM fields not mapped.</param>
    public sealed record CdmCoverage(double Ratio, IReadOnlyList<string> Mapped, IReadOnlyList<string> Unmapped, IReadOnlyList<string> MissingRequired);

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapConnectorsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/connectors").WithTags("Connectors");
        group.MapGet("/", Results<Ok<List<ConnectorSummary>>, ProblemResult> (ConnectorRegistry registry, string? search, string? category, string? authKind) =>
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

            return TypedResults.Ok(registry.Search(search, category, kind).Select(Summary).ToList());
        }).WithName("ListConnectors").WithSummary("List and search connectors by text, category and auth kind");

        group.MapGet("/{name}", Results<Ok<ConnectorDetail>, ProblemResult> (ConnectorRegistry registry, string name) =>
            registry.Find(name) is { } connector ? TypedResults.Ok(Detail(connector))
            : Problems.NotFound($"There is no connector '{name}'. List connectors with GET /api/v1/connectors."))
            .ProducesProblems(StatusCodes.Status404NotFound).WithName("GetConnector").WithSummary("A connector's auth methods, credential fields, actions with schemas, triggers, entities and CDM coverage");
        return api;
    }

    private static ConnectorSummary Summary(RegisteredConnector c) => new(c.Definition.Name, c.Definition.DisplayName, c.Definition.Description,
        c.Definition.Version, c.Definition.Categories, [.. c.Capabilities.AuthKinds.Select(k => k.ToString())], c.Definition.Actions.Count,
        c.Definition.Triggers.Count, c.Definition.Entities.Count, c.Source);

    private static ConnectorDetail Detail(RegisteredConnector c)
    {
        var d = c.Definition;
        return new ConnectorDetail(d.Name, d.DisplayName, d.Description, d.Version, d.Categories, d.IconUrl, d.DocumentationUrl,
            [.. d.Auth.Select((m, i) => AuthMethod(m, i == 0))],
            [.. d.Actions.Select(a => new ConnectorAction(a.Name, a.DisplayTitle, a.Description, a.InputSchema, a.OutputSchema,
                new ActionHints(a.Hints.ReadOnly, a.Hints.Destructive, a.Hints.Idempotent, a.Hints.Category, a.Hints.McpExposed, a.Hints.LlmDescription)))],
            [.. d.Triggers.Select(t => new ConnectorTrigger(t.Name, t.Description, t.Kind.ToString(), (t as WebhookTriggerDefinition)?.EventTypes,
                (t as PollTriggerDefinition)?.Interval.TotalSeconds, (t as PollTriggerDefinition)?.DetectDeletes))],
            [.. d.Entities.Select(e => new ConnectorEntity(e.Name, e.NativeType, e.Cdm?.Name, e.Operations.ToString(),
                [.. e.Mappings.Select(m => new EntityFieldMapping(m.NativePath, [.. m.CdmFields.Select(f => f.Name)], m.ReadOnly))],
                Fastn.Connectors.Capabilities.CdmCoverage.Of(e) is { } cov ? new CdmCoverage(Math.Round(cov.Ratio, 3), cov.Mapped, cov.Unmapped, cov.MissingRequired) : null))],
            c.Source);
    }

    private static ConnectorAuthMethod AuthMethod(AuthMethod m, bool isDefault) => new(m.EffectiveId, m.Kind.ToString(), m.Label, isDefault,
        [.. m.Fields.Select(f => new CredentialField(f.Name, f.Label, f.Secret, f.Required, f.Pattern, f.Help, f.Placeholder))],
        m is OAuth2Auth o ? new OAuth2Details(o.GrantType.ToString(), o.AuthorizationUrl, o.TokenUrl, o.Scopes, o.Pkce, o.SupportsRefresh) : null,
        m is ApiKeyAuth k ? new ApiKeyPlacement(k.In.ToString(), k.Name, k.Prefix) : null);
}
