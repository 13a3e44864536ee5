using System.Security;

namespace Fastn.Cli.Commands.New.Templates;

/// <summary>The values the templates are filled with; <see cref="Render"/> replaces <c>{{Token}}</c>s.</summary>
internal sealed record TemplateModel(ConnectorName Name, string DisplayName, AuthTemplate Auth, SdkReferences References)
{
    public string ConnectorProject => $"{Name.Pascal}.Connector";

    public string TestProject => $"{Name.Pascal}.Connector.Tests";

    public string ConnectorClass => $"{Name.Pascal}Connector";

    public string Render(string template) => template
        .Replace("{{name}}", Name.Kebab, StringComparison.Ordinal)
        .Replace("{{Pascal}}", Name.Pascal, StringComparison.Ordinal)
        .Replace("{{ConnectorProject}}", ConnectorProject, StringComparison.Ordinal)
        .Replace("{{TestProject}}", TestProject, StringComparison.Ordinal)
        .Replace("{{ConnectorClass}}", ConnectorClass, StringComparison.Ordinal)
        .Replace("{{DisplayNameXml}}", SecurityElement.Escape(DisplayName), StringComparison.Ordinal)
        .Replace("{{DisplayNameText}}", DisplayName, StringComparison.Ordinal)
        .Replace("{{DisplayName}}", CSharpString(DisplayName), StringComparison.Ordinal);

    /// <summary>Indents every line but the first by <paramref name="spaces"/>.</summary>
    public static string IndentContinuation(string text, int spaces)
    {
        var pad = new string(' ', spaces);
        return string.Join('\n', text.Split('\n').Select((line, i) => i == 0 || line.Length == 0 ? line : pad + line));
    }

    /// <summary>Indents every non-empty line by <paramref name="spaces"/>.</summary>
    public static string Indent(string text, int spaces)
    {
        var pad = new string(' ', spaces);
        return string.Join('\n', text.Split('\n').Select(line => line.Length == 0 ? line : pad + line));
    }

    // The display name goes inside "…" literals of the generated C#.
    private static string CSharpString(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
