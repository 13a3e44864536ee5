using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Cli.Commands.Config;

using Fastn.Client.Models;
using Spectre.Console;

namespace Fastn.Cli.Commands.Flows;

/// <summary><c>fastn flow deploy|validate|list|run</c>: flows kept as files, deployed and run from the command line.</summary>
internal static class FlowCommand
{
    public static Command Create()
    {
        var command = new Command("flow", "Deploy, check, list and run flows.");
        command.Add(Deploy());
        command.Add(Validate());
        command.Add(List());
        command.Add(Run());
        return command;
    }

    private static Argument<FileSystemInfo> Source() => new("file-or-folder")
    {
        Description = "A flow definition (.json), or a folder whose *.json files are flow definitions (a repository's flows/ folder).",
    };

    private static Command Deploy()
    {
        var source = Source();
        var command = new Command("deploy", "Create or update each flow by its name and publish it.") { source };
        return command.WithServerAction(async (parseResult, console, ct) =>
        {
            using var client = ServerCommand.CreateClient();
            var files = Files(parseResult.GetRequiredValue(source));
            foreach (var (path, definition) in await ReadAllAsync(files, ct))
            {
                var flow = await client.DeployFlowAsync(definition, ct);
                console.MarkupLine($"[green]Deployed[/] [bold]{Markup.Escape(flow.Name)}[/] ({Markup.Escape(flow.Id)}) version {flow.PublishedVersion}, {(flow.Enabled ? "enabled" : "disabled")} — from {Markup.Escape(Path.GetFileName(path))}");
            }

            return 0;
        });
    }

    private static Command Validate()
    {
        var source = Source();
        var command = new Command("validate", "Check flow definitions against the server's connectors without saving them; lists every problem with its path.") { source };
        return command.WithServerAction(async (parseResult, console, ct) =>
        {
            using var client = ServerCommand.CreateClient();
            var failed = 0;
            foreach (var (path, definition) in await ReadAllAsync(Files(parseResult.GetRequiredValue(source)), ct))
            {
                var result = await client.ValidateFlowAsync(definition, ct);
                if (result.Valid)
                {
                    console.MarkupLine($"[green]valid[/]   {Markup.Escape(path)}");
                    continue;
                }

                failed++;
                console.MarkupLine($"[red]invalid[/] {Markup.Escape(path)}");
                foreach (var problem in result.Problems)
                {
                    console.MarkupLine($"  [yellow]{Markup.Escape(problem.Path)}[/]: {Markup.Escape(problem.Message)}");
                }
            }

            return failed == 0 ? 0 : 1;
        });
    }

    private static Command List()
    {
        var command = new Command("list", "List the workspace's flows.");
        return command.WithServerAction(async (_, console, ct) =>
        {
            using var client = ServerCommand.CreateClient();
            var flows = await client.ListFlowsAsync(ct);
            var table = new Table().AddColumns("Name", "Id", "Trigger", "Version", "Enabled", "Draft changed");
            foreach (var f in flows)
            {
                table.AddRow(Markup.Escape(f.Name), Markup.Escape(f.Id), Markup.Escape(f.TriggerKind ?? "-"), f.PublishedVersion?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    f.Enabled ? "yes" : "no", f.HasUnpublishedChanges ? "yes" : "no");
            }

            console.Write(table);
            return 0;
        });
    }

    private static Command Run()
    {
        var flow = new Argument<string>("flow") { Description = "The flow's name or id (see 'fastn flow list')." };
        var payload = new Option<FileInfo?>("--payload", "-p") { Description = "A JSON file with the trigger payload ('-' reads stdin).", HelpName = "file.json" };
        var tenant = ServerCommand.TenantOption("The tenant the run acts for.");
        var draft = new Option<bool>("--draft") { Description = "Run the draft as a test instead of the published version." };
        var command = new Command("run", "Run a flow with a payload and show each step as it finishes; exit code 1 when the run fails.") { flow, payload, tenant, draft };
        return command.WithServerAction(async (parseResult, console, ct) =>
        {
            var tenantId = ServerCommand.Tenant(parseResult, tenant) ?? throw new CliException("Pass --tenant (or set FASTN_TENANT): a run acts for one tenant.");
            using var workspace = ServerCommand.CreateClient();
            var client = workspace.WithTenant(tenantId);
            var wanted = parseResult.GetRequiredValue(flow);
            var flows = await client.ListFlowsAsync(ct);
            var target = flows.FirstOrDefault(f => f.Id == wanted || f.Name == wanted)
                ?? throw new CliException($"There is no flow '{wanted}' in this workspace. 'fastn flow list' shows them.");
            var body = await ReadPayloadAsync(parseResult.GetValue(payload), ct);
            var run = await client.StartFlowRunAsync(target.Id, body, draft: parseResult.GetValue(draft), cancellationToken: ct);
            console.MarkupLine($"Run [bold]{Markup.Escape(run.Id)}[/] of [bold]{Markup.Escape(target.Name)}[/] for tenant {Markup.Escape(tenantId)}");
            var table = new Table().AddColumns("Step", "Kind", "Status", "ms", "Output or error");
            FlowRun? final = null;
            await console.Live(table).StartAsync(async live =>
            {
                await foreach (var update in client.StreamFlowRunAsync(run.Id, ct))
                {
                    if (update.Step is { } step)
                    {
                        var detail = step.Error is { } error ? $"[red]{Markup.Escape(error["message"]?.ToString() ?? error.ToJsonString())}[/]" : Markup.Escape(Shorten(step.Output));
                        table.AddRow(Markup.Escape(step.Path), step.Kind, step.Status == "succeeded" ? "[green]succeeded[/]" : $"[red]{step.Status}[/]",
                            step.DurationMs.ToString("0.#", CultureInfo.InvariantCulture), detail);
                        live.Refresh();
                    }

                    final = update.Run ?? final;
                }
            });
            if (final is null)
            {
                return 1;
            }

            var color = final.Status switch { "succeeded" => "green", "failed" or "cancelled" => "red", _ => "yellow" };
            console.MarkupLine($"[{color}]{final.Status}[/]{(final.StatusReason is { } reason ? ": " + Markup.Escape(reason) : "")}");
            if (final.Output is { } output)
            {
                console.WriteLine(output.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }

            return final.Status == "failed" || final.Status == "cancelled" ? 1 : 0;
        });
    }

    private static string Shorten(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 80 ? text : text[..77] + "...";
    }

    private static IReadOnlyList<string> Files(FileSystemInfo source)
    {
        if (source is DirectoryInfo { Exists: true } folder)
        {
            var files = folder.GetFiles("*.json", SearchOption.AllDirectories).Select(f => f.FullName).Order(StringComparer.Ordinal).ToList();
            return files.Count > 0 ? files : throw new CliException($"The folder {folder.FullName} has no *.json flow definitions.");
        }

        if (File.Exists(source.FullName))
        {
            return [source.FullName];
        }

        throw new CliException($"{source.FullName} is neither a flow definition file nor a folder of them.");
    }

    private static async Task<List<(string Path, JsonNode Definition)>> ReadAllAsync(IReadOnlyList<string> files, CancellationToken ct)
    {
        var list = new List<(string, JsonNode)>();
        foreach (var file in files)
        {
            try
            {
                list.Add((file, JsonNode.Parse(await File.ReadAllTextAsync(file, ct)) ?? throw new CliException($"{file} is empty.")));
            }
            catch (JsonException ex)
            {
                throw new CliException($"{file} is not valid JSON: {ex.Message}");
            }
        }

        return list;
    }

    private static async Task<JsonNode?> ReadPayloadAsync(FileInfo? file, CancellationToken ct)
    {
        if (file is null)
        {
            return new JsonObject();
        }

        if (file.Name != "-" && !file.Exists)
        {
            throw new CliException($"The payload file {file.FullName} does not exist.");
        }

        var text = file.Name == "-" ? await Console.In.ReadToEndAsync(ct) : await File.ReadAllTextAsync(file.FullName, ct);
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new CliException($"The payload in {file.Name} is not valid JSON: {ex.Message}");
        }
    }

}
