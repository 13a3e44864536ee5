using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Cli.Commands.Config;
using Spectre.Console;

namespace Fastn.Cli.Commands.Cdm;

/// <summary>
/// <c>fastn capabilities [connector]</c> (what connectors can do and how completely they cover the CDM) and
/// <c>fastn cdm list &lt;entity&gt;</c> (CDM records from a connection through the unified API).
/// </summary>
internal static class CdmCommand
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Capabilities()
    {
        var connector = new Argument<string?>("connector") { Description = "One connector's capabilities, e.g. hubspot; omit for every connector and the CDM coverage.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("capabilities", "Show what each connector can do (actions with hints, triggers, entities) and how completely it covers each CDM entity.") { connector };
        return command.WithServerAction(async (parseResult, console, ct) =>
        {
            using var client = ServerCommand.CreateClient();
            if (parseResult.GetValue(connector) is { } name)
            {
                var c = await client.GetCapabilitiesAsync(name, ct);
                console.MarkupLine($"[bold]{Markup.Escape(c.DisplayName)}[/] ({Markup.Escape(c.Connector)}), CDM score {Percent(c.CdmScore)}; auth: {Markup.Escape(string.Join(", ", c.AuthKinds))}");
                var actions = new Table().Title($"Actions ({c.Actions.Count})").AddColumns("Name", "Hints", "MCP");
                foreach (var a in c.Actions)
                {
                    var hints = string.Join(", ", new[] { a.ReadOnly ? "read-only" : null, a.Destructive ? "destructive" : null, a.Idempotent ? "idempotent" : null }.OfType<string>());
                    actions.AddRow(Markup.Escape(a.Name), hints, a.McpExposed ? "yes" : "no");
                }

                console.Write(actions);
                var entities = new Table().Title($"Entities ({c.Entities.Count})").AddColumns("Name", "CDM entity", "Operations", "Listable", "Coverage", "Unmapped required");
                foreach (var e in c.Entities)
                {
                    entities.AddRow(Markup.Escape(e.Name), Markup.Escape(e.CdmEntity ?? "-"), Markup.Escape(string.Join(", ", e.Operations.Select(o => o.Operation))),
                        e.Listable ? "yes" : "no", e.Coverage is { } cov ? Percent(cov.Ratio) : "-",
                        Markup.Escape(e.Coverage is { MissingRequired.Count: > 0 } m ? string.Join(", ", m.MissingRequired) : "-"));
                }

                console.Write(entities);
                return 0;
            }

            var all = await client.GetCapabilitiesAsync(ct);
            var table = new Table().AddColumns("Connector", "Actions", "Triggers", "Entities", "CDM score");
            foreach (var c in all.Connectors)
            {
                table.AddRow($"[bold]{Markup.Escape(c.Connector)}[/]", Count(c.Actions.Count), Count(c.Triggers.Count), Count(c.Entities.Count), Percent(c.CdmScore));
            }

            console.Write(table);
            var cdm = new Table().Title("CDM coverage").AddColumns("CDM entity", "Path", "Connectors (coverage; * = listable)");
            foreach (var e in all.Cdm.Where(e => e.Connectors.Count > 0))
            {
                cdm.AddRow(Markup.Escape(e.Entity), Markup.Escape(e.Path),
                    Markup.Escape(string.Join(", ", e.Connectors.Select(c => $"{c.Connector}.{c.Entity} {Percent(c.Ratio)}{(c.Listable ? "*" : "")}"))));
            }

            console.Write(cdm);
            console.MarkupLine("Records: [cyan]fastn cdm list contacts --connection <id>[/]");
            return 0;
        });
    }

    public static Command Create()
    {
        var command = new Command("cdm", "Read CDM records (contacts, companies, orders…) from any connected app in one shape.");
        command.Add(List());
        return command;
    }

    private static Command List()
    {
        var entity = new Argument<string>("entity") { Description = "The CDM entity, plural: contacts, companies, orders, invoices… (see 'fastn capabilities')." };
        var tenant = ServerCommand.TenantOption("The tenant whose connection to read (default: FASTN_TENANT).");
        var connection = new Option<string?>("--connection", "-c") { Description = "The connection to read; may be omitted when the tenant has only one that lists the entity.", HelpName = "id" };
        var limit = new Option<int?>("--limit", "-n") { Description = "Records on the page, 1 to 100 (the app may give fewer).", HelpName = "count" };
        var cursor = new Option<string?>("--cursor") { Description = "The next-page cursor a previous page printed.", HelpName = "cursor" };
        var filter = new Option<string[]>("--filter", "-f") { Description = "An exact filter on a CDM field the app filters by, e.g. email=ada@example.com; repeatable.", HelpName = "field=value", AllowMultipleArgumentsPerToken = false };
        var remote = new Option<bool>("--remote-data") { Description = "Include each record's raw app record as remoteData." };
        var json = new Option<bool>("--json") { Description = "Print the page as JSON instead of a table." };
        var command = new Command("list", "List one page of CDM records from a connection.") { entity, tenant, connection, limit, cursor, filter, remote, json };
        return command.WithServerAction(async (parseResult, console, ct) =>
        {
            var filters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var f in parseResult.GetValue(filter) ?? [])
            {
                var at = f.IndexOf('=', StringComparison.Ordinal);
                if (at <= 0 || at == f.Length - 1)
                {
                    throw new CliException($"--filter '{f}' is not field=value, e.g. --filter email=ada@example.com.");
                }

                filters[f[..at]] = f[(at + 1)..];
            }

            using var client = ServerCommand.CreateClient(ServerCommand.Tenant(parseResult, tenant) ?? throw new CliException("Pass --tenant (or set FASTN_TENANT): CDM records are read from a tenant's connection."));
            var page = await client.ListCdmRecordsAsync(parseResult.GetRequiredValue(entity), parseResult.GetValue(connection), parseResult.GetValue(limit),
                parseResult.GetValue(cursor), filters, parseResult.GetValue(remote), cancellationToken: ct);
            if (parseResult.GetValue(json))
            {
                console.WriteLine(JsonSerializer.Serialize(page, Indented));
                return 0;
            }

            var fields = page.Records.SelectMany(r => r.Select(p => p.Key)).Where(k => k != "remoteData").Distinct(StringComparer.Ordinal).Take(8).ToList();
            var table = new Table().Title($"{page.Entity} from {page.Connector} ({page.ConnectionId})");
            foreach (var field in fields)
            {
                table.AddColumn(Markup.Escape(field));
            }

            foreach (var record in page.Records)
            {
                table.AddRow([.. fields.Select(f => Markup.Escape(Cell(record[f])))]);
            }

            if (fields.Count > 0)
            {
                console.Write(table);
            }

            console.MarkupLine($"{page.Records.Count} record{(page.Records.Count == 1 ? "" : "s")}.");
            foreach (var error in page.Errors)
            {
                console.MarkupLine($"[yellow]record {error.Index}{(error.Id is null ? "" : " (" + Markup.Escape(error.Id) + ")")} not mapped:[/] {Markup.Escape(error.Message)}");
            }

            if (page.NextCursor is { } next)
            {
                console.MarkupLine($"Next page: [cyan]--cursor {Markup.Escape(next)}[/]");
            }

            return 0;
        });
    }

    private static string Cell(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 40 ? s[..40] + "…" : s,
        _ => node.ToJsonString() is { Length: > 40 } text ? text[..40] + "…" : node.ToJsonString(),
    };

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double ratio) => (ratio * 100).ToString("0", CultureInfo.InvariantCulture) + " %";
}
