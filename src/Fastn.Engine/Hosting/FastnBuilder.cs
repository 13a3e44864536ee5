using System.Reflection;
using Fastn.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Engine.Hosting;

/// <summary>What <c>services.AddFastn()</c> returns: register connectors and choose the store.</summary>
public sealed class FastnBuilder
{
    internal FastnBuilder(IServiceCollection services, ConnectorRegistrations registrations)
    {
        Services = services;
        Registrations = registrations;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    internal ConnectorRegistrations Registrations { get; }

    /// <summary>Registers a connector definition.</summary>
    public FastnBuilder AddConnector(ConnectorDefinition definition, string source = "host")
    {
        ArgumentNullException.ThrowIfNull(definition);
        Registrations.Definitions.Add((definition, source));
        return this;
    }

    /// <summary>Registers the connector a provider type supplies.</summary>
    public FastnBuilder AddConnector<T>() where T : IConnectorProvider, new() => AddConnector(new T().Definition, typeof(T).FullName ?? typeof(T).Name);

    /// <summary>Registers every connector an assembly declares (<see cref="IConnectorProvider"/> types and <see cref="FastnConnectorAttribute"/> classes).</summary>
    public FastnBuilder AddConnectorsFrom(Assembly assembly, string source = "host")
    {
        Registrations.Assemblies.Add((assembly, source));
        return this;
    }

    /// <summary>Loads plugin assemblies from a folder at start-up (default <c>connectors/</c>); broken plugins are reported and skipped.</summary>
    public FastnBuilder AddPluginFolder(string path)
    {
        Registrations.PluginFolders.Add(path);
        return this;
    }
}
