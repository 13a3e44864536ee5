namespace Fastn.Cli.Commands.New;

/// <summary>One file of a scaffolded connector, by path relative to the connector folder ('/' separated).</summary>
internal sealed record GeneratedFile(string RelativePath, string Content);
