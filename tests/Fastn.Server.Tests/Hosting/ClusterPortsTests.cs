using Fastn.Server.Hosting;
using Fastn.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Server.Tests.Hosting;

/// <summary>Fastn:Cluster:SiloPort and GatewayPort, so that two servers can run on one machine.</summary>
public sealed class ClusterPortsTests
{
    [Fact]
    public async Task Start_ConfiguredSiloAndGatewayPorts_SiloListensOnThem()
    {
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();

        await using var server = await FastnTestServer.StartAsync(new FastnTestServerOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["Fastn:Cluster:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Fastn:Cluster:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        });

        var silo = server.Services.GetRequiredService<ILocalSiloDetails>();
        silo.SiloAddress.Endpoint.Port.ShouldBe(siloPort);
        silo.GatewayAddress.ShouldNotBeNull().Endpoint.Port.ShouldBe(gatewayPort);
    }

    [Theory]
    [InlineData("SiloPort", "70000")]
    [InlineData("GatewayPort", "-1")]
    [InlineData("SiloPort", "eleven")]
    public void Build_PortThatCannotBeOne_FailsNamingTheSetting(string key, string value)
    {
        var error = Should.Throw<InvalidOperationException>(() => FastnServer.Build([$"--Fastn:Cluster:{key}={value}"]));

        error.Message.ShouldContain($"Fastn:Cluster:{key} is '{value}'");
        error.Message.ShouldContain("0 for a free port");
    }

    [Fact]
    public void Build_SiloAndGatewayOnOnePort_FailsNamingBoth()
    {
        var error = Should.Throw<InvalidOperationException>(() => FastnServer.Build(["--Fastn:Cluster:SiloPort=12345", "--Fastn:Cluster:GatewayPort=12345"]));

        error.Message.ShouldContain("Fastn:Cluster:SiloPort and Fastn:Cluster:GatewayPort are both 12345");
    }
}
