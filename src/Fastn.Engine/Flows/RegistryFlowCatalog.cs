using System.Collections.Concurrent;
using Cronos;
using Fastn.Engine.Registry;
using Fastn.Flows.Validation;

namespace Fastn.Engine.Flows;

/// <summary>The registered connectors as the flow validator sees them, plus the engine's expression and cron checks.</summary>
public sealed class RegistryFlowCatalog(ConnectorRegistry registry) : IFlowCatalog
{
    private readonly ConcurrentDictionary<string, FlowCatalogConnector> _cache = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public FlowCatalogConnector? FindConnector(string name)
    {
        if (string.IsNullOrEmpty(name) || registry.Find(name) is not { } connector)
        {
            return null;
        }

        return _cache.GetOrAdd(name, _ =>
        {
            var d = connector.Definition;
            return new FlowCatalogConnector(d.Name,
                d.Actions.ToDictionary(a => a.Name, a => new FlowCatalogAction(a.Name, a.InputSchema, a.OutputSchema), StringComparer.Ordinal),
                [.. d.Triggers.Select(t => t.Name)],
                [.. d.Entities.Where(e => e.Cdm is not null).Select(e => e.Name)]);
        });
    }

    /// <summary>The full save-time context: this catalog, Jint's parser, Cronos with time zones.</summary>
    public FlowValidationContext Context() => new()
    {
        Catalog = this,
        CheckExpression = FlowTemplates.CheckSyntax,
        CheckSchedule = CheckSchedule,
    };

    /// <summary>Why a cron expression or time zone is wrong, or null.</summary>
    public static string? CheckSchedule(string cron, string timeZone)
    {
        if (ParseCron(cron, out var why) is null)
        {
            return why;
        }

        return TimeZoneOf(timeZone, out why) is null ? why : null;
    }

    internal static CronExpression? ParseCron(string cron, out string? error)
    {
        error = null;
        try
        {
            var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            return CronExpression.Parse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            error = $"The cron expression '{cron}' is not valid: {ex.Message} Write five fields (minute hour day month weekday), such as '*/15 * * * *'.";
            return null;
        }
    }

    internal static TimeZoneInfo? TimeZoneOf(string timeZone, out string? error)
    {
        error = null;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            error = $"The time zone '{timeZone}' is not known; use an IANA name such as 'Europe/London' or 'UTC'.";
            return null;
        }
    }
}
