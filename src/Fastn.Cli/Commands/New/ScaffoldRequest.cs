namespace Fastn.Cli.Commands.New;

/// <summary>What <c>fastn new connector</c> was asked to create.</summary>
/// <param name="Name">The connector name.</param>
/// <param name="Auth">The auth kind to configure.</param>
/// <param name="OutputDirectory">The folder the connector folder is created in (absolute).</param>
/// <param name="DisplayName">The app's display name, or <see langword="null"/> to derive it from the name.</param>
/// <param name="FastnSource">A Fastn checkout to reference by project, or <see langword="null"/> to detect one.</param>
/// <param name="Force">Overwrite files in an existing connector folder.</param>
internal sealed record ScaffoldRequest(ConnectorName Name, ScaffoldAuth Auth, string OutputDirectory, string? DisplayName = null,
    string? FastnSource = null, bool Force = false)
{
    /// <summary>The folder the connector is written to: <c>{output}/{name}</c>.</summary>
    public string ConnectorDirectory => Path.Combine(OutputDirectory, Name.Kebab);
}
