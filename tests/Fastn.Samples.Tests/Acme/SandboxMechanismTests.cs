using System.Net;
using Fastn.Samples.Acme;
using Fastn.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Samples.Tests.Acme;

public sealed class SandboxMechanismTests
{
    [Fact]
    public void AddFastnSandbox_SameAppNameTwice_Throws()
    {
        var services = new ServiceCollection();

        services.AddFastnSandbox(o => o.Add<AcmeSandboxApp>());

        Should.Throw<InvalidOperationException>(() => services.AddSandboxApp<AcmeSandboxApp>());
    }

    [Fact]
    public async Task MapFastnSandbox_RegisteredApp_IsListedAndMountedUnderItsName()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(host.RootUrl) };

        var listing = await AcmeSandboxHost.ReadJsonAsync(await client.GetAsync("/sandbox", TestContext.Current.CancellationToken));
        var app = await client.GetAsync("/sandbox/acme", TestContext.Current.CancellationToken);

        listing.GetProperty("apps")[0].GetProperty("url").GetString().ShouldBe(host.BaseUrl);
        app.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AcmeSandboxHost.ReadJsonAsync(app)).GetProperty("api_base_url").GetString().ShouldBe(host.BaseUrl + "/api/v1");
    }
}
