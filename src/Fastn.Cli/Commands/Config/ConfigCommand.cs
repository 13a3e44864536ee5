using System.CommandLine;
using Spectre.Console;

namespace Fastn.Cli.Commands.Config;

/// <summary><c>fastn config set-key|set-url|show</c>: where the CLI finds the server and its API key.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config",
            $"Show or change where the CLI finds the Fastn server and its API key ({CliSettings.UrlVariable} and {CliSettings.ApiKeyVariable} override the config file).");
        command.Add(SetKey());
        command.Add(SetUrl());
        command.Add(Show());
        return command;
    }

    private static Command SetKey()
    {
        var key = new Argument<string>("key") { Description = "The API key (fk_…): the server's admin key, or one from POST /api/v1/api-keys." };
        key.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is not { } value || !value.StartsWith("fk_", StringComparison.Ordinal) || value.Any(char.IsWhiteSpace))
            {
                r.AddError("An API key starts with 'fk_' and has no spaces.");
            }
        });
        var command = new Command("set-key", "Store the API key in the config file (readable only by you).") { key };
        return command.WithServerAction((parseResult, console, _) =>
        {
            var value = parseResult.GetRequiredValue(key);
            var path = CliSettings.Write(CliSettings.Read() with { ApiKey = value });
            console.MarkupLine($"[green]Saved[/] API key {Markup.Escape(CliSettings.Mask(value))} to {Markup.Escape(path)}");
            WarnIfOverridden(console, CliSettings.ApiKeyVariable);
            return Task.FromResult(0);
        });
    }

    private static Command SetUrl()
    {
        var url = new Argument<string>("url") { Description = $"The Fastn server's URL, e.g. {CliSettings.DefaultUrl}." };
        url.Validators.Add(r =>
        {
            if (!Uri.TryCreate(r.GetValueOrDefault<string>(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                r.AddError("The URL must be absolute http or https, e.g. http://localhost:5173.");
            }
        });
        var command = new Command("set-url", "Store the server URL in the config file.") { url };
        return command.WithServerAction((parseResult, console, _) =>
        {
            var value = parseResult.GetRequiredValue(url).TrimEnd('/');
            var path = CliSettings.Write(CliSettings.Read() with { Url = value });
            console.MarkupLine($"[green]Saved[/] server URL {Markup.Escape(value)} to {Markup.Escape(path)}");
            WarnIfOverridden(console, CliSettings.UrlVariable);
            return Task.FromResult(0);
        });
    }

    private static Command Show()
    {
        var command = new Command("show", "Show the server URL and API key in use and where each comes from (the key is masked).");
        return command.WithServerAction((_, console, _) =>
        {
            var settings = CliSettings.Load();
            var table = new Table().AddColumns("setting", "value", "from");
            table.AddRow("server URL", Markup.Escape(settings.Url), Markup.Escape(settings.UrlSource));
            table.AddRow("API key", settings.ApiKey is { } key ? Markup.Escape(CliSettings.Mask(key)) : "[yellow](none)[/]",
                Markup.Escape(settings.ApiKeySource ?? "set one with 'fastn config set-key fk_…'"));
            console.Write(table);
            console.MarkupLine($"Config file: {Markup.Escape(CliSettings.ConfigPath)}{(File.Exists(CliSettings.ConfigPath) ? "" : " (not created yet)")}");
            return Task.FromResult(0);
        });
    }

    private static void WarnIfOverridden(IAnsiConsole console, string variable)
    {
        if (CliEnvironment.Get(variable) is not null)
        {
            console.MarkupLine($"[yellow]note:[/] {variable} is set in the environment and takes precedence over the config file.");
        }
    }
}
