using System.Reflection;
using Fastn.Connectors;

namespace Fastn.Engine.Registry;

/// <summary>Finds connector definitions in an assembly: <see cref="IConnectorProvider"/> types and <see cref="FastnConnectorAttribute"/> classes.</summary>
public static class ConnectorDiscovery
{
    /// <summary>Returns every definition the assembly declares, or failures for the ones that throw.</summary>
    public static IEnumerable<(ConnectorDefinition? Definition, PluginLoadFailure? Failure)> Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception ex) when (ex is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            return [(null, new PluginLoadFailure(assembly.Location, $"Its types could not be loaded ({ex.GetType().Name}: {ex.Message}). Is it built against this version of Fastn.Connectors?"))];
        }

        return types.Select(Read).Where(r => r.Definition is not null || r.Failure is not null).ToList();
    }

    private static (ConnectorDefinition? Definition, PluginLoadFailure? Failure) Read(Type type)
    {
        try
        {
            if (type.GetCustomAttribute<FastnConnectorAttribute>() is { } attribute)
            {
                var property = type.GetProperty(attribute.Property, BindingFlags.Public | BindingFlags.Static);
                return property?.GetValue(null) is ConnectorDefinition definition
                    ? (definition, null)
                    : (null, new PluginLoadFailure(type.FullName ?? type.Name, $"[FastnConnector] class has no public static ConnectorDefinition property '{attribute.Property}'."));
            }

            if (typeof(IConnectorProvider).IsAssignableFrom(type) && type is { IsAbstract: false, IsInterface: false }
                && type.GetConstructor(Type.EmptyTypes) is not null)
            {
                return (((IConnectorProvider)Activator.CreateInstance(type)!).Definition, null);
            }
        }
        catch (TargetInvocationException ex)
        {
            return (null, new PluginLoadFailure(type.FullName ?? type.Name, $"Building its definition threw {ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}"));
        }
#pragma warning disable CA1031 // A provider's Definition getter is plugin code: whatever it throws must skip that plugin, not stop the host.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (null, new PluginLoadFailure(type.FullName ?? type.Name, $"Its Definition getter threw {ex.GetType().Name}: {ex.Message}"));
        }

        return (null, null);
    }
}
