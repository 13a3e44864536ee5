using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Sandbox;

/// <summary>
/// A simulated third-party app served by the local sandbox so Fastn works with no internet.
/// Each app is mounted under <c>{SandboxOptions.PathPrefix}/{Name}</c> (by default <c>/sandbox/{name}</c>).
/// </summary>
public interface ISandboxApp
{
    /// <summary>Lower-case kebab-case name, the app's path segment (e.g. <c>acme</c>).</summary>
    string Name { get; }

    /// <summary>What the sandbox index shows for the app; by default only its name.</summary>
    SandboxAppInfo Info => new(Name, string.Empty, []);

    /// <summary>Registers the app's state and options. Called once, when the app is added.</summary>
    void ConfigureServices(IServiceCollection services);

    /// <summary>Maps the app's endpoints; routes are relative to <c>/sandbox/{Name}</c>.</summary>
    void Map(IEndpointRouteBuilder routes);
}
