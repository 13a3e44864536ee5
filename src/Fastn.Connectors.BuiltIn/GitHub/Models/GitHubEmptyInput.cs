namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>The input of actions that take none.</summary>
public sealed record GitHubEmptyInput;
