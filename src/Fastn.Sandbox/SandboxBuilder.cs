using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Sandbox;

/// <summary>Adds simulated apps to the sandbox; returned by <c>AddFastnSandbox</c>.</summary>
public sealed class SandboxBuilder
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    internal SandboxBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection the apps register into.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds an app created with its parameterless constructor.</summary>
    public SandboxBuilder Add<TApp>()
        where TApp : ISandboxApp, new() => Add(new TApp());

    /// <summary>Adds an app instance (use this to pass app-specific configuration to its constructor).</summary>
    public SandboxBuilder Add(ISandboxApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!IsValidName(app.Name))
        {
            throw new ArgumentException(
                $"Sandbox app name '{app.Name}' must be lower-case kebab-case (a-z, 0-9, '-').", nameof(app));
        }

        if (!_names.Add(app.Name))
        {
            throw new InvalidOperationException($"A sandbox app named '{app.Name}' is already registered.");
        }

        app.ConfigureServices(Services);
        Services.AddSingleton(app);
        return this;
    }

    /// <summary>Configures the sandbox options (applied after configuration binding).</summary>
    public SandboxBuilder Configure(Action<SandboxOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    private static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name)
        && name[0] is >= 'a' and <= 'z'
        && name[^1] != '-'
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
