using System.CommandLine;
using System.Globalization;
using Fastn.Cli.Commands.Config;
using Fastn.Client.Models;
using Spectre.Console;

namespace Fastn.Cli.Commands.Connectors;

/// <summary><c>fastn connectors list|show</c>: what the server's connectors offer.</summary>
internal static class ConnectorsCommand
{
    public static Command Create()
    {
        var command = new Command("connectors", "List the connectors registered on the Fastn server and show what each offers.");
        command.Add(List());
        command.Add(Show());
        return command;
    }

    private static Command List()
    {
        var search = new Option<string?>("--search", "-s") { Description = "Only connectors whose name, display name or description contains this text.", HelpName = "text" };
        var category = new Option<string?>("--category", "-c") { Description = "Only connectors in this category, e.g. crm.", HelpName = "name" };
        var authKind = new Option<string?>("--auth-kind") { Description = "Only connectors with this auth kind: None, Basic, BearerToken, ApiKey, OAuth2 or Custom.", HelpName = "kind" };
        var command = new Command("list", "List connectors in a table: name, auth kinds, actions, triggers, entities.") { search, category, authKind };
        return command.WithServerAction(async (parseResult, console, ct) =>
        {
            using var client = ServerCommand.CreateClient();
            var connectors = await client.ListConnectorsAsync(parseResult.GetValue(search), parseResult.GetValue(category), parseResult.GetValue(authKind), ct);
            if (connectors.Count == 0)
            {
                console.MarkupLine("[yellow]No connectors match.[/]");
                return 0;
            }

            var table = new Table().AddColumns("Name", "App", "Auth", "Actions", "Triggers", "Entities", "Categories");
            foreach (var c in connectors)
            {
                table.AddRow(
                    $"[bold]{Markup.Escape(c.Name)}[/]",
                    Markup.Escape(c.DisplayName),
                    Markup.Escape(string.Join(", ", c.AuthKinds)),
                    Count(c.Actions),
                    Count(c.Triggers),
                    Count(c.Entities),
                    Markup.Escape(string.Join(", ", c.Categories)));
            }

            console.Write(table);
            console.MarkupLine($"{connectors.Count} connector{(connectors.Count == 1 ? "" : "s")}. Details: [cyan]fastn connectors show <name>[/]");
            return 0;
        });
    }

    private static Command Show()
    {
        var name = new Argument<string>("name") { Description = "The connector's name, e.g. acme-crm (see 'fastn connectors list')." };
        var command = new Command("show", "Show a connector's auth methods and credential fields, actions, triggers, entities and CDM coverage.") { name };
        return command.WithServerAction(async (parseResult, console, ct) =>
        {
            using var client = ServerCommand.CreateClient();
            var c = await client.GetConnectorAsync(parseResult.GetRequiredValue(name), ct);
            Write(console, c);
            return 0;
        });
    }

    private static void Write(IAnsiConsole console, ConnectorDetail c)
    {
        console.MarkupLine($"[bold]{Markup.Escape(c.DisplayName)}[/] ({Markup.Escape(c.Name)}{(c.Version is null ? "" : " " + Markup.Escape(c.Version))})");
        if (!string.IsNullOrWhiteSpace(c.Description))
        {
            console.MarkupLine(Markup.Escape(c.Description));
        }

        if (c.Categories.Count > 0)
        {
            console.MarkupLine($"Categories: {Markup.Escape(string.Join(", ", c.Categories))}");
        }

        console.WriteLine();
        var auth = new Table().Title("Auth methods").AddColumns("Id", "Kind", "Default", "Credential fields", "Details");
        foreach (var m in c.Auth)
        {
            var fields = m.Fields.Count == 0 ? "-" : string.Join(", ", m.Fields.Select(f => f.Name + (f.Secret ? " (secret)" : "") + (f.Required ? "" : " (optional)")));
            var details = m.OAuth2 is { } o ? $"{o.GrantType}; scopes: {string.Join(" ", o.Scopes ?? [])}"
                : m.ApiKey is { } k ? $"{k.Location} '{k.Name}'" : "";
            auth.AddRow(Markup.Escape(m.Id), Markup.Escape(m.Kind), m.IsDefault ? "yes" : "", Markup.Escape(fields), Markup.Escape(details));
        }

        console.Write(auth);
        var actions = new Table().Title($"Actions ({c.Actions.Count})").AddColumns("Name", "Description", "Kind");
        foreach (var a in c.Actions)
        {
            var kind = a.Hints is null ? "" : a.Hints.Destructive ? "destructive" : a.Hints.ReadOnly ? "read" : "write";
            actions.AddRow($"[bold]{Markup.Escape(a.Name)}[/]", Markup.Escape(a.Description ?? a.Title ?? ""), kind);
        }

        console.Write(actions);
        if (c.Triggers.Count > 0)
        {
            var triggers = new Table().Title($"Triggers ({c.Triggers.Count})").AddColumns("Name", "Kind", "Description", "Events / interval");
            foreach (var t in c.Triggers)
            {
                var how = t.EventTypes is { Count: > 0 } events ? string.Join(", ", events)
                    : t.IntervalSeconds is { } seconds ? $"every {seconds.ToString(CultureInfo.InvariantCulture)} s" : "";
                triggers.AddRow(Markup.Escape(t.Name), Markup.Escape(t.Kind), Markup.Escape(t.Description ?? ""), Markup.Escape(how));
            }

            console.Write(triggers);
        }

        if (c.Entities.Count > 0)
        {
            var entities = new Table().Title($"Entities ({c.Entities.Count})").AddColumns("Name", "CDM entity", "Operations", "Coverage", "Unmapped required");
            foreach (var e in c.Entities)
            {
                entities.AddRow(
                    Markup.Escape(e.Name),
                    Markup.Escape(e.CdmEntity ?? "-"),
                    Markup.Escape(e.Operations ?? ""),
                    e.Coverage is { } cov ? $"{(cov.Ratio * 100).ToString("0", CultureInfo.InvariantCulture)}% ({cov.Mapped.Count}/{cov.Mapped.Count + cov.Unmapped.Count} fields)" : "-",
                    Markup.Escape(e.Coverage is { MissingRequired.Count: > 0 } missing ? string.Join(", ", missing.MissingRequired) : "-"));
            }

            console.Write(entities);
        }

        var method = c.Auth.FirstOrDefault(a => a.IsDefault) ?? c.Auth.FirstOrDefault();
        console.MarkupLine($"Connect it: [cyan]fastn connect {Markup.Escape(c.Name)} --tenant <id>[/]{(method is { IsBrowserFlow: true } ? " (opens the app's sign-in page)" : "")}");
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
