namespace Fastn.Connectors.Actions;

/// <summary>
/// What an action does, for the capability registry, MCP tool annotations and the dashboard.
/// </summary>
public sealed record ActionHints
{
    /// <summary>The action only reads (safe to call freely; MCP <c>readOnlyHint</c>).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>The action deletes or overwrites data (MCP <c>destructiveHint</c>).</summary>
    public bool Destructive { get; init; }

    /// <summary>Calling twice with the same input has the effect of calling once (MCP <c>idempotentHint</c>); lets the runtime retry writes.</summary>
    public bool Idempotent { get; init; }

    /// <summary>A grouping such as <c>contacts</c>, <c>payments</c>, <c>messaging</c>.</summary>
    public string? Category { get; init; }

    /// <summary>Whether the MCP gateway exposes the action as a tool (default yes).</summary>
    public bool McpExposed { get; init; } = true;

    /// <summary>A description written for an LLM choosing tools: when to use it and what it returns.</summary>
    public string? LlmDescription { get; init; }

    /// <summary>A read-only action.</summary>
    public static ActionHints Read(string? category = null) => new() { ReadOnly = true, Idempotent = true, Category = category };

    /// <summary>An action that creates data.</summary>
    public static ActionHints Write(string? category = null) => new() { Category = category };

    /// <summary>An action that destroys data.</summary>
    public static ActionHints Delete(string? category = null) => new() { Destructive = true, Idempotent = true, Category = category };
}
