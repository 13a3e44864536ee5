using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Entities;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors;

/// <summary>
/// The one object that describes a third-party app to Fastn: its auth, actions, triggers and entities.
/// Built once, validated at registration, then only read. Built-in and custom connectors are the same.
/// </summary>
public sealed class ConnectorDefinition
{
    /// <summary>kebab-case name, unique among connectors (<c>acme-crm</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The app's name as people write it (<c>Acme CRM</c>).</summary>
    public required string DisplayName { get; init; }

    /// <summary>What the connector lets you do, one or two sentences.</summary>
    public string Description { get; init; } = "";

    /// <summary>The connector's version (semantic versioning).</summary>
    public string Version { get; init; } = "1.0.0";

    /// <summary>Categories for search (<c>crm</c>, <c>payments</c>, <c>commerce</c>).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The app's API base URL; <c>ctx.Http</c> resolves relative URLs against it. May contain <c>{param}</c> placeholders.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>
    /// The app's JSON conventions, used by <c>ctx.Http</c>'s JSON helpers (default camelCase;
    /// <see cref="Http.ConnectorJson.SnakeCase"/> for snake_case apps). Pass the same options to <c>Define.*</c>.
    /// </summary>
    public System.Text.Json.JsonSerializerOptions JsonOptions { get; init; } = Http.ConnectorJson.Options;

    /// <summary>An icon URL or data URI for the dashboard.</summary>
    public string? IconUrl { get; init; }

    /// <summary>The app's documentation URL.</summary>
    public string? DocumentationUrl { get; init; }

    /// <summary>The auth methods offered; the first is the default.</summary>
    public AuthMethods Auth { get; init; } = new NoAuth();

    /// <summary>The actions.</summary>
    public DefinitionList<ActionDefinition> Actions { get; } = new();

    /// <summary>The triggers.</summary>
    public DefinitionList<TriggerDefinition> Triggers { get; } = new();

    /// <summary>The entities and their CDM mappings.</summary>
    public DefinitionList<EntityDefinition> Entities { get; } = new();

    /// <summary>Connector-level capability settings (rate limit, test action).</summary>
    public ConnectorCapabilities Capabilities { get; init; } = new();

    /// <summary>Finds an action by name, or <see langword="null"/>.</summary>
    public ActionDefinition? FindAction(string name) => Actions.FirstOrDefault(a => a.Name == name);

    /// <summary>Finds a trigger by name, or <see langword="null"/>.</summary>
    public TriggerDefinition? FindTrigger(string name) => Triggers.FirstOrDefault(t => t.Name == name);

    /// <summary>Finds an entity by name, or <see langword="null"/>.</summary>
    public EntityDefinition? FindEntity(string name) => Entities.FirstOrDefault(e => e.Name == name);

    /// <summary>Freezes the member lists; called by the registry after validation.</summary>
    public void Freeze()
    {
        Actions.Freeze();
        Triggers.Freeze();
        Entities.Freeze();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({DisplayName})";
}
