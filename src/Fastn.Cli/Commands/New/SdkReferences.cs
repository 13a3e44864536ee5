namespace Fastn.Cli.Commands.New;

/// <summary>
/// How the generated projects reach the Fastn SDK: project references into a Fastn checkout, or
/// packages at the CLI's own version; and whether central package management supplies versions.
/// </summary>
/// <param name="FastnSource">The Fastn checkout root, or <see langword="null"/> for package references.</param>
/// <param name="PackageVersion">The Fastn.Connectors package version used without a checkout.</param>
/// <param name="CentralPackageProps">The <c>Directory.Packages.props</c> that manages versions centrally, or <see langword="null"/>.</param>
internal sealed record SdkReferences(string? FastnSource, string PackageVersion, string? CentralPackageProps)
{
    public bool UsesProjectReferences => FastnSource is not null;

    public bool CentralVersions => CentralPackageProps is not null;
}
