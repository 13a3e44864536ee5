using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Cli.Commands.Config;
using Spectre.Console;

namespace Fastn.Cli.Commands.Run;

/// <summary><c>fastn run &lt;connectionId&gt; &lt;action&gt;</c>: runs an action and prints its output JSON on stdout.</summary>
internal static class RunCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var connection = new Argument<string>("connection") { Description = "The connection id (see 'fastn connect' or GET /api/v1/connections)." };
        var action = new Argument<string>("action") { Description = "The action name, e.g. list_contacts (see 'fastn connectors show <connector>')." };
        var inputFile = new Option<FileInfo?>("--input", "-i") { Description = "A JSON file with the action's input ('-' reads stdin).", HelpName = "file.json" };
        var inputJson = new Option<string?>("--input-json", "-j") { Description = "The action's input as inline JSON, e.g. '{\"limit\":5}'.", HelpName = "json" };
        var tenant = ServerCommand.TenantOption("The tenant that owns the connection (found from the connection when left out).");
        var idempotencyKey = new Option<string?>("--idempotency-key") { Description = "Sent as Idempotency-Key; connectors that support it pass it to the app.", HelpName = "key" };
        var command = new Command("run", "Run an action on a connection and print its output JSON (errors go to stderr, exit code 1).")
        {
            connection, action, inputFile, inputJson, tenant, idempotencyKey,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(inputFile) is not null && r.GetValue(inputJson) is not null)
            {
                r.AddError("Give the input either as --input <file.json> or as --input-json '<json>', not both.");
            }
        });
        return command.WithServerAction(async (parseResult, _, ct) =>
        {
            var input = await ReadInputAsync(parseResult.GetValue(inputFile), parseResult.GetValue(inputJson), ct);
            var connectionId = parseResult.GetRequiredValue(connection);
            var tenantId = ServerCommand.Tenant(parseResult, tenant);
            using var workspace = ServerCommand.CreateClient();
            if (tenantId is null)
            {
                // A workspace key lists every tenant's connections: learn the tenant from the connection itself.
                var all = await workspace.ListConnectionsAsync(cancellationToken: ct);
                tenantId = all.FirstOrDefault(c => c.Id == connectionId)?.TenantId
                    ?? throw new CliException($"There is no connection '{connectionId}' in this workspace. Pass --tenant if your key is scoped to one tenant.");
            }

            var client = workspace.WithTenant(tenantId);
            var actionName = parseResult.GetRequiredValue(action);
            // Progress goes to stderr so stdout carries only the output JSON.
            var progress = CliConsole.Create(parseResult.InvocationConfiguration.Error);
            var output = await progress.Status().StartAsync($"Running {actionName}…", _ =>
                client.ExecuteAsync(connectionId, actionName, input, parseResult.GetValue(idempotencyKey), ct));
            // Plain JSON on stdout, so it pipes into jq.
            await parseResult.InvocationConfiguration.Output.WriteLineAsync(output is null ? "null" : output.ToJsonString(Indented));
            return 0;
        });
    }

    private static async Task<JsonNode?> ReadInputAsync(FileInfo? file, string? json, CancellationToken ct)
    {
        string text;
        string source;
        if (file is not null)
        {
            source = file.Name == "-" ? "stdin" : file.FullName;
            if (file.Name != "-" && !file.Exists)
            {
                throw new CliException($"The input file {file.FullName} does not exist.");
            }

            text = file.Name == "-" ? await Console.In.ReadToEndAsync(ct) : await File.ReadAllTextAsync(file.FullName, ct);
        }
        else if (json is not null)
        {
            source = "--input-json";
            text = json;
        }
        else
        {
            return new JsonObject();
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new CliException($"The input from {source} is not valid JSON: {ex.Message}");
        }
    }
}
