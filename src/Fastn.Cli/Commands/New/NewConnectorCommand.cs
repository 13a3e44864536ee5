using System.CommandLine;
using Spectre.Console;

namespace Fastn.Cli.Commands.New;

/// <summary>
/// <c>fastn new connector &lt;name&gt; --auth &lt;kind&gt;</c>: a compiling connector project and a passing
/// conformance test project, with fixtures, in <c>{output}/{name}/</c>.
/// </summary>
internal static class NewConnectorCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name")
        {
            Description = "The connector's name in kebab-case, e.g. 'my-app'. Also the folder name; C# names are derived from it (MyApp).",
        };
        name.Validators.Add(result =>
        {
            if (ConnectorName.Validate(result.GetValueOrDefault<string>()) is { } problem)
            {
                result.AddError(problem);
            }
        });

        var auth = new Option<string>("--auth", "-a")
        {
            Description = "How the app authenticates: none, basic, bearer (token), apikey, oauth2 (authorization code + PKCE) or custom.",
            Required = true,
            HelpName = string.Join('|', ScaffoldAuthNames.All),
        };
        auth.AcceptOnlyFromAmong([.. ScaffoldAuthNames.All]);

        var output = new Option<string>("--output", "-o")
        {
            Description = "The folder to create the connector folder in.",
            DefaultValueFactory = _ => "connectors",
            HelpName = "dir",
        };
        var displayName = new Option<string?>("--display-name")
        {
            Description = "The app's name as people write it (default: from the name, 'my-app' -> 'My App').",
            HelpName = "text",
        };
        var fastnSource = new Option<string?>("--fastn-source")
        {
            Description = "A Fastn repository checkout to reference the SDK from by project reference (detected when the output is inside one); otherwise the Fastn.Connectors packages are used.",
            HelpName = "path",
        };
        var force = new Option<bool>("--force", "-f")
        {
            Description = "Overwrite the generated files when the connector folder already exists.",
        };

        var command = new Command("connector", "Create a connector project and its conformance test project from a template.")
        {
            name, auth, output, displayName, fastnSource, force,
        };

        command.SetAction(parseResult =>
        {
            var console = CliConsole.Create(parseResult.InvocationConfiguration.Output);
            var errors = CliConsole.Create(parseResult.InvocationConfiguration.Error);
            try
            {
                var request = new ScaffoldRequest(
                    ConnectorName.Parse(parseResult.GetRequiredValue(name)),
                    ScaffoldAuthNames.Parse(parseResult.GetRequiredValue(auth)),
                    Path.GetFullPath(parseResult.GetValue(output) ?? "connectors"),
                    parseResult.GetValue(displayName),
                    parseResult.GetValue(fastnSource),
                    parseResult.GetValue(force));
                Report(console, request, ConnectorScaffolder.Write(request));
                return 0;
            }
            catch (Exception ex) when (ex is ScaffoldException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                errors.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
                return 1;
            }
        });
        return command;
    }

    private static void Report(IAnsiConsole console, ScaffoldRequest request, ScaffoldResult result)
    {
        var root = Shorten(result.ConnectorDirectory);
        console.MarkupLine($"[green]Created[/] connector [bold]{Markup.Escape(request.Name.Kebab)}[/] ({ScaffoldAuthNames.ToName(request.Auth)} auth) in [blue]{Markup.Escape(root)}[/]");

        var tree = new Tree(Markup.Escape(root));
        var folders = new Dictionary<string, TreeNode>(StringComparer.Ordinal);
        foreach (var file in result.Files)
        {
            var parts = file.Split('/');
            IHasTreeNodes parent = tree;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                var key = string.Join('/', parts[..(i + 1)]);
                if (!folders.TryGetValue(key, out var node))
                {
                    node = parent.AddNode(Markup.Escape(parts[i] + "/"));
                    folders[key] = node;
                }

                parent = node;
            }

            parent.AddNode(Markup.Escape(parts[^1]));
        }

        console.Write(tree);
        console.WriteLine();

        var sdk = result.References.FastnSource is { } source
            ? $"SDK: project references into the Fastn checkout at {Shorten(source)}"
            : $"SDK: packages Fastn.Connectors and Fastn.Connectors.Testing {result.References.PackageVersion}";
        console.MarkupLine(Markup.Escape(sdk));
        if (result.References.CentralPackageProps is { } props)
        {
            console.MarkupLine(Markup.Escape($"Package versions: central package management ({Shorten(props)})"));
            foreach (var (id, version) in result.MissingCentralVersions)
            {
                console.MarkupLine($"[yellow]warning:[/] {Markup.Escape($"add <PackageVersion Include=\"{id}\" Version=\"{version}\" /> to {Shorten(props)}")}");
            }
        }

        if (result.GlobalJsonWithoutTestRunner is { } globalJson)
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape($"add \"test\": {{ \"runner\": \"{FastnCheckout.TestingPlatformRunner}\" }} to {Shorten(globalJson)} so that `dotnet test` runs xUnit v3 projects on the .NET 10 SDK")}");
        }

        var tests = Path.Combine(root, result.TestProject);
        var dll = Path.Combine(tests, "bin", "Debug", "net10.0", result.TestProject + ".dll");
        var connector = Path.Combine(root, result.ConnectorProject);
        console.WriteLine();
        console.MarkupLine("[bold]Next steps[/]");
        // dotnet test picks its runner from the global.json above the current folder, so it runs from the connector's.
        console.MarkupLine("  Build and run the conformance tests:");
        console.MarkupLine($"    [cyan]cd {Markup.Escape(root)} && dotnet test --project {Markup.Escape(result.TestProject)}[/]");
        console.MarkupLine("  or run the xUnit v3 test executable itself (its own options: -class, -method, -trait):");
        console.MarkupLine($"    [cyan]dotnet build {Markup.Escape(tests)} && dotnet {Markup.Escape(dll)}[/]");
        console.MarkupLine($"  Replace the placeholders on https://api.example.com in {Markup.Escape(Path.Combine(connector, result.ConnectorClass.Split('.')[^1] + ".cs"))} with the real app.");
        console.MarkupLine("  Register it with a Fastn server, in code:");
        console.MarkupLine($"    [cyan]builder.Services.AddFastn().AddConnector({Markup.Escape(result.ConnectorClass)}.Definition);[/]");
        console.MarkupLine("  or as a plugin in the server's connectors/ folder (Fastn:PluginFolder):");
        console.MarkupLine($"    [cyan]dotnet publish {Markup.Escape(connector)} -c Release -o <server>/connectors/{Markup.Escape(result.ConnectorProject)}[/]");
        console.MarkupLine($"  More in {Markup.Escape(Path.Combine(root, "README.md"))}.");
    }

    // Paths under the current folder are shown relative to it, others in full.
    private static string Shorten(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
