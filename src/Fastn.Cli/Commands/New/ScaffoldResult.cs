namespace Fastn.Cli.Commands.New;

/// <summary>What <see cref="ConnectorScaffolder.Write"/> created.</summary>
/// <param name="ConnectorDirectory">The connector folder (absolute).</param>
/// <param name="Files">The files written, relative to <paramref name="ConnectorDirectory"/>.</param>
/// <param name="References">How the projects reference the SDK.</param>
/// <param name="ConnectorProject">The connector project's folder name.</param>
/// <param name="TestProject">The test project's folder name.</param>
/// <param name="ConnectorClass">The connector class's full name.</param>
/// <param name="MissingCentralVersions">Packages the central <c>Directory.Packages.props</c> has no version for.</param>
/// <param name="GlobalJsonWithoutTestRunner">The <c>global.json</c> above the connector that does not select the Microsoft.Testing.Platform runner, if any.</param>
internal sealed record ScaffoldResult(string ConnectorDirectory, IReadOnlyList<string> Files, SdkReferences References,
    string ConnectorProject, string TestProject, string ConnectorClass, IReadOnlyList<(string Id, string Version)> MissingCentralVersions,
    string? GlobalJsonWithoutTestRunner);
