using Fastn.Engine.Registry;
using Fastn.Samples.AcmeConnector;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fastn.Engine.Tests.Registry;

public sealed class PluginLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fastn-plugins-").FullName;

    [Fact]
    public void LoadFrom_PluginFolder_LoadsConnectorInIsolatedContext()
    {
        var plugin = Path.Combine(_folder, "acme");
        Directory.CreateDirectory(plugin);
        File.Copy(typeof(AcmeCrm).Assembly.Location, Path.Combine(plugin, "acme.dll"));
        var registry = new ConnectorRegistry();

        var added = PluginLoader.LoadFrom(_folder, registry, NullLogger.Instance);

        added.ShouldBe(1);
        var connector = registry.Find("acme-crm").ShouldNotBeNull();
        connector.Source.ShouldEndWith("acme.dll");
        // The SDK is shared with the host, so the definition is the host's ConnectorDefinition type.
        connector.Definition.GetType().ShouldBe(typeof(Fastn.Connectors.ConnectorDefinition));
        System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(connector.Definition.Actions[0].GetType().GenericTypeArguments[0].Assembly)!
            .Name.ShouldNotBeNull().ShouldStartWith("fastn-plugin:");
    }

    [Fact]
    public void LoadFrom_BrokenPlugin_IsReportedAndSkipped()
    {
        File.WriteAllBytes(Path.Combine(_folder, "broken.dll"), [0x4D, 0x5A, 1, 2, 3, 4]);
        File.Copy(typeof(AcmeCrm).Assembly.Location, Path.Combine(_folder, "acme.dll"));
        var registry = new ConnectorRegistry();

        var added = PluginLoader.LoadFrom(_folder, registry, NullLogger.Instance);

        added.ShouldBe(1);
        var failure = registry.Failures.ShouldHaveSingleItem();
        failure.Source.ShouldEndWith("broken.dll");
        failure.Reason.ShouldContain("Not a loadable .NET assembly");
    }

    [Fact]
    public void LoadFrom_MissingFolder_AddsNothing()
    {
        PluginLoader.LoadFrom(Path.Combine(_folder, "nope"), new ConnectorRegistry(), NullLogger.Instance).ShouldBe(0);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
