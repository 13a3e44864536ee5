using System.CommandLine;
using System.Globalization;
using Fastn.Cli.Commands.Config;
using Fastn.Client;
using Fastn.Client.Models;
using Spectre.Console;

namespace Fastn.Cli.Commands.Connect;

/// <summary>
/// <c>fastn connect &lt;connector&gt;</c>: OAuth methods print the authorization URL (and open a browser where there is
/// one), then wait for the connection to appear; credential methods take <c>--credential</c> values or prompt for each field.
/// </summary>
internal static class ConnectCommand
{
    public static Command Create()
    {
        var connector = new Argument<string>("connector") { Description = "The connector to connect, e.g. acme-crm (see 'fastn connectors list')." };
        var tenant = ServerCommand.TenantOption("The tenant (your customer) the connection is for.");
        var authMethod = new Option<string?>("--auth-method", "-m") { Description = "The auth method id (default: the connector's default; see 'fastn connectors show').", HelpName = "id" };
        var parameters = new Option<string[]>("--param", "-p") { Description = "A connection parameter the app's URLs need, e.g. --param shop=my-store (repeatable).", HelpName = "key=value" };
        var credentials = new Option<string[]>("--credential", "-c") { Description = "A credential field value, e.g. --credential api_key=sk_... (repeatable); fields not given are prompted for.", HelpName = "key=value" };
        var displayName = new Option<string?>("--display-name") { Description = "A label for the connection.", HelpName = "text" };
        var timeout = new Option<int>("--timeout") { Description = "OAuth: how many seconds to wait for the user to finish signing in.", DefaultValueFactory = _ => 300, HelpName = "seconds" };
        var noBrowser = new Option<bool>("--no-browser") { Description = "OAuth: only print the authorization URL, do not open a browser." };
        var command = new Command("connect", "Connect a tenant's account on an app: sign in through OAuth or enter credentials.")
        {
            connector, tenant, authMethod, parameters, credentials, displayName, timeout, noBrowser,
        };
        return command.WithServerAction(async (parseResult, console, ct) =>
        {
            var tenantId = ServerCommand.Tenant(parseResult, tenant)
                ?? throw new CliException($"Say which tenant (your customer) the connection is for: --tenant <id> or {CliSettings.TenantVariable}.");
            using var client = ServerCommand.CreateClient(tenantId);
            var detail = await client.GetConnectorAsync(parseResult.GetRequiredValue(connector), ct);
            var methodId = parseResult.GetValue(authMethod);
            var method = methodId is null
                ? detail.Auth.FirstOrDefault(a => a.IsDefault) ?? detail.Auth.FirstOrDefault()
                : detail.Auth.FirstOrDefault(a => string.Equals(a.Id, methodId, StringComparison.OrdinalIgnoreCase))
                    ?? throw new CliException($"{detail.Name} has no auth method '{methodId}'. Its methods: {string.Join(", ", detail.Auth.Select(a => a.Id))}.");
            if (method is null)
            {
                throw new CliException($"{detail.Name} declares no auth method.");
            }

            var parameterValues = ServerCommand.KeyValues(parseResult.GetValue(parameters), "--param");
            if (method.IsBrowserFlow)
            {
                var wait = TimeSpan.FromSeconds(Math.Max(1, parseResult.GetValue(timeout)));
                return await ConnectWithBrowserAsync(console, client, detail, method, parameterValues, !parseResult.GetValue(noBrowser), wait, ct);
            }

            var given = ServerCommand.KeyValues(parseResult.GetValue(credentials), "--credential");
            foreach (var (key, value) in parameterValues)
            {
                given.TryAdd(key, value);
            }

            var values = PromptForMissing(console, detail, method, given);
            var connection = await console.Status().StartAsync($"Connecting {detail.DisplayName}…", _ =>
                client.CreateConnectionAsync(new CreateConnectionRequest(detail.Name, values, method.Id, parseResult.GetValue(displayName)), ct));
            Connected(console, connection);
            return 0;
        });
    }

    private static async Task<int> ConnectWithBrowserAsync(IAnsiConsole console, FastnClient client, ConnectorDetail detail, ConnectorAuthMethod method,
        Dictionary<string, string> parameters, bool openBrowser, TimeSpan timeout, CancellationToken ct)
    {
        var before = (await client.ListConnectionsAsync(detail.Name, ct)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var start = await client.StartConnectAsync(detail.Name, new StartConnectRequest(method.Id, parameters.Count == 0 ? null : parameters), ct);
        console.MarkupLine($"Sign in to {Markup.Escape(detail.DisplayName)} for tenant [bold]{Markup.Escape(client.TenantId!)}[/] at:");
        console.WriteLine(start.AuthorizationUrl);
        if (openBrowser && BrowserLauncher.TryOpen(start.AuthorizationUrl))
        {
            console.MarkupLine("[grey](opened in your browser)[/]");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        Connection? connection = null;
        try
        {
            connection = await console.Status().StartAsync(
                $"Waiting for the sign-in to finish (up to {timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s)…",
                async _ =>
                {
                    using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
                    do
                    {
                        var current = await client.ListConnectionsAsync(detail.Name, deadline.Token);
                        if (current.FirstOrDefault(c => !before.Contains(c.Id)) is { } created)
                        {
                            return created;
                        }
                    }
                    while (await timer.WaitForNextTickAsync(deadline.Token));
                    return null;
                });
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The deadline passed.
        }

        if (connection is null)
        {
            throw new CliException($"No new {detail.Name} connection appeared within {timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s. Open the URL above, sign in and allow access, or run again with a longer --timeout.");
        }

        Connected(console, connection);
        return 0;
    }

    private static Dictionary<string, string> PromptForMissing(IAnsiConsole console, ConnectorDetail detail, ConnectorAuthMethod method, Dictionary<string, string> given)
    {
        var missing = method.Fields.Where(f => !given.ContainsKey(f.Name)).ToList();
        if (missing.Count == 0)
        {
            return given;
        }

        if (!console.Profile.Capabilities.Interactive)
        {
            var required = missing.Where(f => f.Required).ToList();
            if (required.Count > 0)
            {
                throw new CliException($"{detail.Name} ({method.Id}) needs {string.Join(", ", required.Select(f => f.Name))}: pass {string.Join(" ", required.Select(f => $"--credential {f.Name}=…"))}, or run in a terminal to be prompted.");
            }

            return given;
        }

        foreach (var field in missing)
        {
            var label = Markup.Escape(field.Label ?? field.Name) + (field.Help is null ? "" : $" [grey]({Markup.Escape(field.Help)})[/]");
            var prompt = new TextPrompt<string>(label + ":");
            if (field.Secret)
            {
                prompt.Secret();
            }

            if (!field.Required)
            {
                prompt.AllowEmpty();
            }

            var value = console.Prompt(prompt);
            if (!string.IsNullOrEmpty(value))
            {
                given[field.Name] = value;
            }
        }

        return given;
    }

    private static void Connected(IAnsiConsole console, Connection connection)
    {
        console.MarkupLine($"[green]Connected[/] {Markup.Escape(connection.Connector)} for tenant {Markup.Escape(connection.TenantId)}: connection [bold]{Markup.Escape(connection.Id)}[/] ({Markup.Escape(connection.Status)})");
        console.MarkupLine($"Run an action: [cyan]fastn run {Markup.Escape(connection.Id)} <action> --input-json '{{}}'[/]");
    }
}
