namespace Fastn.Connectors.Capabilities;

/// <summary>One action as the capability registry reports it.</summary>
/// <param name="Name">Action name.</param>
/// <param name="ReadOnly">Only reads.</param>
/// <param name="Destructive">Deletes or overwrites.</param>
/// <param name="Idempotent">Safe to repeat.</param>
/// <param name="Category">Grouping.</param>
/// <param name="McpExposed">Offered as an MCP tool.</param>
/// <param name="LlmDescription">Description for LLMs.</param>
public sealed record ActionCapability(string Name, bool ReadOnly, bool Destructive, bool Idempotent, string? Category, bool McpExposed, string LlmDescription);
