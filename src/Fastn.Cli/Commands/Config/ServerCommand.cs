using System.CommandLine;
using Fastn.Client;
using Fastn.Client.Errors;
using Spectre.Console;

namespace Fastn.Cli.Commands.Config;

/// <summary>What every verb that talks to a Fastn server shares: the client from the settings, the tenant option and error output.</summary>
internal static class ServerCommand
{
    /// <summary>The <c>--tenant</c> option (default: <c>FASTN_TENANT</c>).</summary>
    public static Option<string?> TenantOption(string description) => new("--tenant", "-t")
    {
        Description = description + " Default: the FASTN_TENANT environment variable.",
        HelpName = "id",
    };

    /// <summary>The tenant from the option or <c>FASTN_TENANT</c>.</summary>
    public static string? Tenant(ParseResult parseResult, Option<string?> option) =>
        parseResult.GetValue(option) ?? CliEnvironment.Get(CliSettings.TenantVariable);

    /// <summary>A client for the configured server, or a clear error when no API key is configured.</summary>
    public static FastnClient CreateClient(string? tenant = null)
    {
        var settings = CliSettings.Load();
        if (settings.ApiKey is null)
        {
            throw new CliException($"No API key configured. Run 'fastn config set-key fk_…' or set {CliSettings.ApiKeyVariable}. The server prints its admin key at first start and keeps it in data/admin-api-key.");
        }

        if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"The server URL '{settings.Url}' (from {settings.UrlSource}) is not an http(s) URL. Run 'fastn config set-url http://localhost:5173'.");
        }

        return new FastnClient(url, settings.ApiKey, tenant);
    }

    /// <summary>Runs a verb's body, turning API, connection and CLI errors into a clear message on stderr and exit code 1.</summary>
    public static Command WithServerAction(this Command command, Func<ParseResult, IAnsiConsole, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CliConsole.Create(parseResult.InvocationConfiguration.Output);
            var errors = CliConsole.Create(parseResult.InvocationConfiguration.Error);
            try
            {
                return await action(parseResult, console, cancellationToken);
            }
            catch (FastnApiException problem)
            {
                WriteProblem(errors, problem);
                return 1;
            }
            catch (HttpRequestException ex)
            {
                errors.MarkupLine($"[red]error:[/] could not reach the Fastn server at {Markup.Escape(CliSettings.Load().Url)}: {Markup.Escape(ex.Message)}");
                errors.MarkupLine("  Start it with [cyan]dotnet run --project src/Fastn.Server[/], or point the CLI elsewhere with [cyan]fastn config set-url <url>[/] or FASTN_URL.");
                return 1;
            }
            catch (CliException ex)
            {
                errors.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Prints a problem: title, type and status, the detail, then the JSON path, upstream status and trace id when present.</summary>
    public static void WriteProblem(IAnsiConsole errors, FastnApiException problem)
    {
        errors.MarkupLine($"[red]error:[/] {Markup.Escape(problem.Title)} [grey]({Markup.Escape(problem.Type)}, HTTP {problem.Status})[/]");
        errors.MarkupLine($"  {Markup.Escape(problem.Detail)}");
        if (problem is FastnValidationException { Path: { } path })
        {
            errors.MarkupLine($"  path: {Markup.Escape(path)}");
        }

        if (problem is FastnUpstreamException upstream)
        {
            if (upstream.UpstreamStatus is { } status)
            {
                errors.MarkupLine($"  the app answered: HTTP {status}");
            }

            if (!string.IsNullOrWhiteSpace(upstream.UpstreamBody))
            {
                errors.MarkupLine($"  the app's body: {Markup.Escape(upstream.UpstreamBody)}");
            }
        }

        if (problem is FastnRateLimitedException { RetryAfter: { } wait })
        {
            errors.MarkupLine($"  retry after {wait.TotalSeconds:0} s");
        }

        if (problem.TraceId is { } trace)
        {
            errors.MarkupLine($"  [grey]trace id: {Markup.Escape(trace)}[/]");
        }
    }

    /// <summary>Parses repeated <c>key=value</c> values of <paramref name="optionName"/>.</summary>
    public static Dictionary<string, string> KeyValues(IEnumerable<string>? values, string optionName)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values ?? [])
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException($"{optionName} '{value}' must be key=value, e.g. {optionName} shop=my-store.");
            }

            result[value[..equals]] = value[(equals + 1)..];
        }

        return result;
    }
}
