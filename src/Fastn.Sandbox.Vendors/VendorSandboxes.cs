namespace Fastn.Sandbox.Vendors;

/// <summary>The simulations of the built-in connectors' vendors, one <see cref="ISandboxApp"/> per folder.</summary>
public static class VendorSandboxes
{
    /// <summary>Adds every vendor simulation in this assembly to the sandbox.</summary>
    public static SandboxBuilder AddVendorSimulations(this SandboxBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var type in typeof(VendorSandboxes).Assembly.GetExportedTypes()
            .Where(t => typeof(ISandboxApp).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            builder.Add((ISandboxApp)Activator.CreateInstance(type)!);
        }

        return builder;
    }
}
