namespace Fastn.Engine.Execution;

/// <summary>Which surface invoked an action; recorded with every call.</summary>
public enum ActionCaller
{
    /// <summary>The REST API.</summary>
    Rest,

    /// <summary>A flow step.</summary>
    Flow,

    /// <summary>An MCP tool call.</summary>
    Mcp,

    /// <summary>A trigger: a poll fetching a page, or a webhook being registered with the app.</summary>
    Trigger,

    /// <summary>The unified CDM API reading or writing records through an entity's actions.</summary>
    Cdm,
}
