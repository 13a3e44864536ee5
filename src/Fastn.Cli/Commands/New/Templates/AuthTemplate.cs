namespace Fastn.Cli.Commands.New.Templates;

/// <summary>The parts of the generated connector and its fixtures that depend on the auth kind.</summary>
internal sealed record AuthTemplate
{
    public required ScaffoldAuth Kind { get; init; }

    /// <summary>A few words for the connector's summary ("OAuth 2.0 with PKCE").</summary>
    public required string Summary { get; init; }

    /// <summary>The <c>Auth = …</c> expression, lines indented from column 0.</summary>
    public required string Expression { get; init; }

    /// <summary>Extra members of the connector class (lines indented from column 0), or empty.</summary>
    public string Members { get; init; } = "";

    /// <summary>Extra <c>System.*</c> usings the auth code needs.</summary>
    public IReadOnlyList<string> SystemUsings { get; init; } = [];

    /// <summary>Test credentials the fixtures connect with (non-secret values).</summary>
    public IReadOnlyDictionary<string, string> Credentials { get; init; } = new Dictionary<string, string>();

    /// <summary>The headers every request must carry with those credentials.</summary>
    public IReadOnlyDictionary<string, string> RequestHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>Markdown for the README: what to change before connecting for real.</summary>
    public required string ReadmeSection { get; init; }
}
