using Fastn.Connectors.Validation;
using Microsoft.Extensions.Logging;

namespace Fastn.Engine.Registry;

/// <summary>
/// Loads connector plugins from a folder: every <c>*.dll</c> directly in it or one level down that
/// references Fastn.Connectors. A broken plugin is logged and recorded, never fatal.
/// </summary>
internal static class PluginLoader
{
    /// <summary>Loads plugins from <paramref name="directory"/> into <paramref name="registry"/>; returns how many connectors were added.</summary>
    public static int LoadFrom(string directory, ConnectorRegistry registry, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(logger);
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var added = 0;
        var candidates = Directory.EnumerateFiles(directory, "*.dll", SearchOption.TopDirectoryOnly)
            .Concat(Directory.EnumerateDirectories(directory).SelectMany(d =>
                Directory.EnumerateFiles(d, Path.GetFileName(d) + ".dll", SearchOption.TopDirectoryOnly)))
            .Where(p => !Path.GetFileName(p).StartsWith("Fastn.Connectors", StringComparison.Ordinal))
            .Distinct();

        foreach (var path in candidates)
        {
            try
            {
                var context = new PluginLoadContext(Path.GetFullPath(path));
                var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(path));
                foreach (var (definition, failure) in ConnectorDiscovery.Discover(assembly))
                {
                    if (failure is not null)
                    {
                        Fail(registry, logger, failure with { Source = $"{path}: {failure.Source}" });
                        continue;
                    }

                    try
                    {
                        registry.Add(definition!, path);
                        added++;
                        logger.LogInformation("Loaded connector {Connector} from plugin {Path}", definition!.Name, path);
                    }
                    catch (ConnectorDefinitionException ex)
                    {
                        Fail(registry, logger, new PluginLoadFailure(path, ex.Message));
                    }
                }
            }
            catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException or IOException)
            {
                Fail(registry, logger, new PluginLoadFailure(path, $"Not a loadable .NET assembly ({ex.GetType().Name}: {ex.Message})."));
            }
        }

        return added;
    }

    private static void Fail(ConnectorRegistry registry, ILogger logger, PluginLoadFailure failure)
    {
        registry.ReportFailure(failure);
        logger.LogError("Skipped connector plugin {Source}: {Reason}", failure.Source, failure.Reason);
    }
}
