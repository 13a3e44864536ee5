using Fastn.Connectors.BuiltIn.Xero;

namespace Fastn.Connectors.BuiltIn.Tests.Xero;

/// <summary>The connector's README keeps up with its definition.</summary>
public sealed class XeroReadmeTests
{
    [Fact]
    public void Readme_NamesEveryActionTriggerAndEntity()
    {
        var readme = File.ReadAllText(FindReadme());
        var definition = XeroConnector.Definition;

        foreach (var name in definition.Actions.Select(a => a.Name).Concat(definition.Triggers.Select(t => t.Name)).Concat(definition.Entities.Select(e => e.Name)))
        {
            readme.ShouldContain($"`{name}`", customMessage: $"README.md does not describe '{name}'");
        }

        foreach (var scope in XeroConnector.Scopes)
        {
            readme.ShouldContain(scope);
        }
    }

    private static string FindReadme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Fastn.Connectors.BuiltIn", "Xero", "README.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("src/Fastn.Connectors.BuiltIn/Xero/README.md not found above " + AppContext.BaseDirectory);
    }
}
