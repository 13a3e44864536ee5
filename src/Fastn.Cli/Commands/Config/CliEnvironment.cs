namespace Fastn.Cli.Commands.Config;

/// <summary>
/// Environment variables as the CLI sees them. Tests replace them for the current async flow only (so tests running
/// in parallel in one process do not see each other's settings); everyone else reads the real environment.
/// </summary>
internal static class CliEnvironment
{
    private static readonly AsyncLocal<IReadOnlyDictionary<string, string?>?> Override = new();

    /// <summary>The variable's value, or null when unset or empty.</summary>
    public static string? Get(string name)
    {
        var value = Override.Value is { } values
            ? values.GetValueOrDefault(name)
            : Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Replaces the whole environment for the current async flow until the result is disposed.</summary>
    public static IDisposable Use(IReadOnlyDictionary<string, string?> variables)
    {
        var previous = Override.Value;
        Override.Value = variables;
        return new Restore(previous);
    }

    private sealed class Restore(IReadOnlyDictionary<string, string?>? previous) : IDisposable
    {
        public void Dispose() => Override.Value = previous;
    }
}
