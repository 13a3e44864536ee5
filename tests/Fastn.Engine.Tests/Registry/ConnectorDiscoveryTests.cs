using Fastn.Connectors;
using Fastn.Engine.Registry;
using Fastn.Samples.AcmeConnector;

namespace Fastn.Engine.Tests.Registry;

public sealed class ConnectorDiscoveryTests
{
    [Fact]
    public void Discover_ProviderWhoseDefinitionGetterThrows_IsReportedByTypeAndOthersAreKept()
    {
        var found = ConnectorDiscovery.Discover(typeof(ConnectorDiscoveryTests).Assembly).ToList();

        found.Select(f => f.Definition?.Name).ShouldContain("acme-crm");
        var failure = found.Select(f => f.Failure).OfType<PluginLoadFailure>().ShouldHaveSingleItem();
        failure.Source.ShouldBe(typeof(ThrowingDefinitionProvider).FullName);
        failure.Reason.ShouldContain("InvalidOperationException");
        failure.Reason.ShouldContain("no definition today");
    }
}

/// <summary>A plugin whose <see cref="Definition"/> getter throws (found by discovery in this assembly).</summary>
public sealed class ThrowingDefinitionProvider : IConnectorProvider
{
    public ConnectorDefinition Definition => throw new InvalidOperationException("no definition today");
}

/// <summary>A well-behaved plugin beside it, which must still be discovered.</summary>
public sealed class WorkingDefinitionProvider : IConnectorProvider
{
    public ConnectorDefinition Definition => AcmeCrm.Create("https://acme.example");
}
