using System.Globalization;
using Fastn.Connectors.BuiltIn.Salesforce;
using Fastn.Connectors.Capabilities;

namespace Fastn.Connectors.BuiltIn.Tests.Salesforce;

/// <summary>The connector's README keeps up with its definition.</summary>
public sealed class SalesforceReadmeTests
{
    [Fact]
    public void Readme_NamesEveryActionTriggerEntityScopeAndCoverage()
    {
        var readme = File.ReadAllText(FindReadme());
        var definition = SalesforceConnector.Definition;

        foreach (var name in definition.Actions.Select(a => a.Name).Concat(definition.Triggers.Select(t => t.Name)).Concat(definition.Entities.Select(e => e.Name)))
        {
            readme.ShouldContain($"`{name}`", customMessage: $"README.md does not describe '{name}'");
        }

        foreach (var scope in SalesforceConnector.Scopes)
        {
            readme.ShouldContain($"`{scope}`");
        }

        foreach (var entity in definition.Entities)
        {
            var coverage = CdmCoverage.Of(entity).ShouldNotBeNull();
            var total = coverage.Mapped.Count + coverage.Unmapped.Count;
            var percent = (coverage.Ratio * 100).ToString(coverage.Ratio == 1 ? "0" : "0.0", CultureInfo.InvariantCulture);
            readme.ShouldContain($"| `{entity.Name}` | {coverage.CdmEntity} | {coverage.Mapped.Count}/{total} = **{percent} %** |");
        }
    }

    private static string FindReadme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Fastn.Connectors.BuiltIn", "Salesforce", "README.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("src/Fastn.Connectors.BuiltIn/Salesforce/README.md not found above " + AppContext.BaseDirectory);
    }
}
