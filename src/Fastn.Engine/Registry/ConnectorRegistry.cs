using System.Collections.Concurrent;
using Fastn.Connectors;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Validation;

namespace Fastn.Engine.Registry;

/// <summary>
/// The set of registered connectors: built-ins, the host's own and plugins. Each definition is
/// validated and frozen when added; lookups are lock-free reads.
/// </summary>
public sealed class ConnectorRegistry
{
    private readonly ConcurrentDictionary<string, RegisteredConnector> _connectors = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<PluginLoadFailure> _failures = new();

    /// <summary>All connectors, ordered by name.</summary>
    public IReadOnlyList<RegisteredConnector> All => [.. _connectors.Values.OrderBy(c => c.Definition.Name, StringComparer.Ordinal)];

    /// <summary>Plugins or definitions that could not be loaded, with the reason.</summary>
    public IReadOnlyList<PluginLoadFailure> Failures => [.. _failures];

    /// <summary>Validates, freezes and adds a definition; throws <see cref="ConnectorDefinitionException"/> listing every problem.</summary>
    public RegisteredConnector Add(ConnectorDefinition definition, string source = "host")
    {
        ArgumentNullException.ThrowIfNull(definition);
        ConnectorDefinitionValidator.EnsureValid(definition);
        definition.Freeze();
        var registered = new RegisteredConnector(definition, source);
        if (!_connectors.TryAdd(definition.Name, registered))
        {
            if (ReferenceEquals(_connectors[definition.Name].Definition, definition))
            {
                return _connectors[definition.Name];
            }

            throw new ConnectorDefinitionException([new DefinitionProblem(definition.Name, "name",
                $"A connector named '{definition.Name}' is already registered (from {_connectors[definition.Name].Source}): connector names must be unique.")]);
        }

        return registered;
    }

    /// <summary>Records a failure to load a plugin or definition (the host keeps running).</summary>
    public void ReportFailure(PluginLoadFailure failure) => _failures.Enqueue(failure);

    /// <summary>Finds a connector by name, or <see langword="null"/>.</summary>
    public RegisteredConnector? Find(string name) => _connectors.GetValueOrDefault(name);

    /// <summary>Searches by free text (name, display name, description), category and auth kind.</summary>
    public IReadOnlyList<RegisteredConnector> Search(string? text = null, string? category = null, AuthKind? authKind = null) =>
        [.. All.Where(c =>
            (string.IsNullOrWhiteSpace(text)
                || c.Definition.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                || c.Definition.DisplayName.Contains(text, StringComparison.OrdinalIgnoreCase)
                || c.Definition.Description.Contains(text, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrWhiteSpace(category) || c.Definition.Categories.Contains(category, StringComparer.OrdinalIgnoreCase))
            && (authKind is null || c.Definition.Auth.Any(a => a.Kind == authKind)))];
}
