namespace Fastn.Engine.Execution;

/// <summary>Which surface called an action.</summary>
public enum ActionCaller
{
    /// <summary>The REST API.</summary>
    Rest,
    /// <summary>A flow step.</summary>
    Flow,
    /// <summary>An MCP tool call.</summary>
    Mcp,
}
