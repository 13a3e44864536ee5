namespace Fastn.Mcp.Tools;

/// <summary>The one rule for tool names: <c>{connector}_{action}</c> with the connector's dashes as underscores.</summary>
internal static class ToolNames
{
    /// <summary>The prefix of Fastn's own tools; no connector tool may take a name under it.</summary>
    public const string NativePrefix = "fastn_";

    /// <summary>The tool name of a connector action, e.g. <c>my-app</c> + <c>create_contact</c> → <c>my_app_create_contact</c>.</summary>
    public static string For(string connector, string action) => connector.Replace('-', '_') + "_" + action;
}
