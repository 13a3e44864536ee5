namespace Fastn.Storage.ActionCalls;

/// <summary>Which surface invoked an action.</summary>
public enum ActionCaller
{
    Rest = 0,
    Flow = 1,
    Mcp = 2,
    Trigger = 3,
    Cdm = 4,
}
