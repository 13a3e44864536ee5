using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fastn.Samples.Tests.AcmeConnector;

/// <summary>
/// Keeps the guides (docs/building-a-custom-connector.md, docs/embedding.md) honest: every <c>```csharp</c> block is a region of compiled, tested code
/// (marked <c>// &lt;snippet:name&gt;</c> … <c>// &lt;/snippet:name&gt;</c>), and every JSON fixture shown is the real file.
/// </summary>
public sealed partial class DocsSnippetTests
{
    private const string GuidePath = "docs/building-a-custom-connector.md";

    /// <summary>Each guide and how many C# snippets it must at least show.</summary>
    private static readonly (string Path, int MinimumBlocks)[] Guides = [(GuidePath, 10), ("docs/embedding.md", 5)];

    private static readonly string[] SourceFolders = ["samples/Fastn.Samples.AcmeConnector", "tests/Fastn.Samples.Tests/AcmeConnector", "tests/Fastn.Client.Tests/Walkthrough", "docs/snippets"];

    public static TheoryData<string, string> GuideSnippetNames =>
        [.. Guides.SelectMany(g => GuideBlocks("csharp", guide: g.Path).Select(b => (g.Path, b.Name))).Distinct()];

    public static TheoryData<string, int> GuideFiles => [.. Guides];

    [Theory]
    [MemberData(nameof(GuideSnippetNames))]
    public void GuideSnippet_ComparedWithMarkedSource_IsTheSame(string guide, string name)
    {
        var regions = SourceRegions();
        regions.ShouldContainKey(name, $"{guide} shows snippet '{name}' but no source file marks a region '// <snippet:{name}>'.");

        foreach (var block in GuideBlocks("csharp", guide: guide).Where(b => b.Name == name))
        {
            var expected = Normalise(regions[name]);
            var actual = Normalise(block.Code);
            actual.ShouldBe(expected, $"The guide's snippet '{name}' has drifted from its source region; copy the region into the guide again.");
        }
    }

    [Theory]
    [MemberData(nameof(GuideFiles))]
    public void Guide_EveryCsharpBlock_IsAMarkedSnippet(string path, int minimumBlocks)
    {
        var guide = File.ReadAllText(Path.Combine(RepoRoot(), path));

        var blocks = CodeBlock().Matches(guide).Where(m => m.Groups["lang"].Value == "csharp").ToList();
        var marked = GuideBlocks("csharp", guide: path);

        blocks.Count.ShouldBeGreaterThanOrEqualTo(minimumBlocks);
        marked.Count.ShouldBe(blocks.Count, "Every ```csharp block of the guide must be preceded by <!-- snippet:name --> naming a region of tested code.");
    }

    [Fact]
    public void Sources_SnippetRegions_AreClosedAndUnique()
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles())
        {
            var text = File.ReadAllText(file);
            foreach (Match open in RegionStart().Matches(text))
            {
                var name = open.Groups["name"].Value;
                if (!seen.Add(name))
                {
                    problems.Add($"{file}: snippet '{name}' is marked more than once.");
                }

                if (!text.Contains($"// </snippet:{name}>", StringComparison.Ordinal))
                {
                    problems.Add($"{file}: snippet '{name}' is never closed.");
                }
            }
        }

        problems.ShouldBeEmpty();
        seen.Count.ShouldBeGreaterThanOrEqualTo(10);
    }

    [Fact]
    public void GuideFixtures_ComparedWithFixtureFiles_AreTheSame()
    {
        var fixtures = GuideBlocks("json", "fixture");

        fixtures.ShouldNotBeEmpty();
        foreach (var (name, code) in fixtures)
        {
            var path = Path.Combine(RepoRoot(), "tests/Fastn.Samples.Tests/AcmeConnector/Fixtures/acme-crm", name);
            File.Exists(path).ShouldBeTrue($"The guide shows fixture '{name}', which does not exist.");
            JsonNode.DeepEquals(JsonNode.Parse(code), JsonNode.Parse(File.ReadAllText(path)))
                .ShouldBeTrue($"The guide's copy of fixture '{name}' differs from the file.");
        }
    }

    private static List<(string Name, string Code)> GuideBlocks(string language, string kind = "snippet", string guide = GuidePath)
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot(), guide)).ReplaceLineEndings("\n");
        return [.. MarkedBlock().Matches(text)
            .Where(m => m.Groups["kind"].Value == kind && m.Groups["lang"].Value == language)
            .Select(m => (m.Groups["name"].Value, m.Groups["code"].Value))];
    }

    private static Dictionary<string, string> SourceRegions()
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles())
        {
            var text = File.ReadAllText(file).ReplaceLineEndings("\n");
            foreach (Match region in Region().Matches(text))
            {
                regions[region.Groups["name"].Value] = region.Groups["code"].Value;
            }
        }

        return regions;
    }

    private static IEnumerable<string> SourceFiles()
    {
        var root = RepoRoot();
        return SourceFolders
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
    }

    // Indentation, blank lines and runs of spaces may differ between the guide and the source; nothing else.
    private static string Normalise(string code) =>
        string.Join('\n', code.Split('\n')
            .Select(line => Whitespace().Replace(line, " ").Trim())
            .Where(line => line.Length > 0));

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fastn.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Fastn.slnx above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"<!--\s*(?<kind>snippet|fixture):(?<name>[A-Za-z0-9._-]+)\s*-->\s*\n```(?<lang>[a-z]+)\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex MarkedBlock();

    [GeneratedRegex(@"^```(?<lang>[a-z]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"//\s*<snippet:(?<name>[A-Za-z0-9._-]+)>[^\n]*\n(?<code>.*?)\n[ \t]*//\s*</snippet:\k<name>>", RegexOptions.Singleline)]
    private static partial Regex Region();

    [GeneratedRegex(@"//\s*<snippet:(?<name>[A-Za-z0-9._-]+)>")]
    private static partial Regex RegionStart();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
