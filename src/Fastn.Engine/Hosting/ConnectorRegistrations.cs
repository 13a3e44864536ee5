using System.Reflection;
using Fastn.Connectors;

namespace Fastn.Engine.Hosting;

/// <summary>What was asked to be registered; turned into the <see cref="Registry.ConnectorRegistry"/> on first use.</summary>
internal sealed class ConnectorRegistrations
{
    public List<(ConnectorDefinition Definition, string Source)> Definitions { get; } = [];

    public List<(Assembly Assembly, string Source)> Assemblies { get; } = [];

    public List<string> PluginFolders { get; } = [];
}
