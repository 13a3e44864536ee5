using Fastn.Engine.Hosting;
using Fastn.Engine.Registry;
using Fastn.Samples.AcmeConnector;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Samples.Tests.AcmeConnector;

public sealed class AcmeCrmRegistrationTests
{
    [Fact]
    public void AddConnector_AcmeCrmDefinition_IsInTheRegistryWithItsCapabilities()
    {
        var builder = WebApplication.CreateSlimBuilder();

        // <snippet:register>
        builder.Services.AddFastn().AddConnector(AcmeCrm.Definition);
        // </snippet:register>
        using var services = builder.Services.BuildServiceProvider();
        var registered = services.GetRequiredService<ConnectorRegistry>().Find("acme-crm");

        registered.ShouldNotBeNull().Definition.ShouldBeSameAs(AcmeCrm.Definition);
        registered.Capabilities.Actions.Select(a => a.Name)
            .ShouldBe(["get_current_user", "list_contacts", "get_contact", "create_contact", "update_contact", "delete_contact"]);
        registered.Capabilities.Coverage.ShouldHaveSingleItem().CdmEntity.ShouldBe("CDMContact");
    }

    [Fact]
    public void Discover_ConnectorAssembly_FindsAcmeCrmByItsAttribute()
    {
        var found = ConnectorDiscovery.Discover(typeof(AcmeCrm).Assembly).ToList();

        var single = found.ShouldHaveSingleItem();
        single.Failure.ShouldBeNull();
        single.Definition.ShouldNotBeNull().Name.ShouldBe("acme-crm");
    }
}
