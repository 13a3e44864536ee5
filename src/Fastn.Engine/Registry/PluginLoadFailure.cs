namespace Fastn.Engine.Registry;

/// <summary>A plugin or definition that was skipped, and why.</summary>
/// <param name="Source">The assembly path or type.</param>
/// <param name="Reason">What went wrong and what to do.</param>
public sealed record PluginLoadFailure(string Source, string Reason);
