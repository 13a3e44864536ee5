namespace Fastn.Client.Models;

/// <summary>What an action does to the app's data, as declared by the connector.</summary>
/// <param name="ReadOnly">Only reads.</param>
/// <param name="Destructive">Deletes or overwrites.</param>
/// <param name="Idempotent">Repeating it has no further effect.</param>
/// <param name="Category">A grouping such as <c>contacts</c>.</param>
/// <param name="McpExposed">Whether it is offered as an MCP tool.</param>
/// <param name="LlmDescription">The description given to language models.</param>
public sealed record ActionHints(bool ReadOnly, bool Destructive, bool Idempotent, string? Category, bool McpExposed, string? LlmDescription);
