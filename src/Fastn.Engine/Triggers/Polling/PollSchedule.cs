using Cronos;
using Fastn.Engine.Errors;

namespace Fastn.Engine.Triggers.Polling;

/// <summary>When a poll subscription runs: every <see cref="Interval"/>, or at the occurrences of a cron expression in a time zone.</summary>
internal sealed class PollSchedule
{
    private readonly CronExpression? _cron;
    private readonly TimeZoneInfo _zone;

    private PollSchedule(TimeSpan? interval, CronExpression? cron, TimeZoneInfo zone)
    {
        Interval = interval;
        _cron = cron;
        _zone = zone;
    }

    /// <summary>The interval, or null for a cron schedule.</summary>
    public TimeSpan? Interval { get; }

    /// <summary>The schedule stored on a subscription (interval seconds, or cron and zone), or the trigger's default interval.</summary>
    public static PollSchedule From(int? intervalSeconds, string? cron, string? timeZone, TimeSpan defaultInterval)
    {
        if (!string.IsNullOrEmpty(cron) && TryCron(cron, out var expression))
        {
            return new PollSchedule(null, expression, FindZone(timeZone) ?? TimeZoneInfo.Utc);
        }

        return new PollSchedule(intervalSeconds is > 0 ? TimeSpan.FromSeconds(intervalSeconds.Value) : defaultInterval, null, TimeZoneInfo.Utc);
    }

    /// <summary>Checks a requested schedule; throws a validation error naming the bad field.</summary>
    public static void Validate(string? interval, string? cron, string? timeZone, TimeSpan minInterval, out int? intervalSeconds)
    {
        intervalSeconds = null;
        if (interval is not null && cron is not null)
        {
            throw FastnException.Validation("Give 'schedule.interval' or 'schedule.cron', not both.", "$.schedule");
        }

        if (interval is not null)
        {
            if (!TryInterval(interval, out var span) || span < minInterval || span > TimeSpan.FromDays(31))
            {
                throw FastnException.Validation(
                    $"'schedule.interval' {ProblemText.Quote(interval)} is not an interval between {minInterval.TotalSeconds:0} s and 31 days: use seconds (\"90\"), \"30s\", \"5m\", \"2h\", \"1d\" or hh:mm:ss.",
                    "$.schedule.interval");
            }

            intervalSeconds = (int)Math.Ceiling(span.TotalSeconds);
        }

        if (cron is not null && !TryCron(cron, out _))
        {
            throw FastnException.Validation(
                $"'schedule.cron' {ProblemText.Quote(cron)} is not a cron expression: five fields (minute hour day month weekday) or six with seconds first.",
                "$.schedule.cron");
        }

        if (timeZone is not null)
        {
            if (cron is null)
            {
                throw FastnException.Validation("'schedule.timeZone' applies to a cron schedule only.", "$.schedule.timeZone");
            }

            if (FindZone(timeZone) is null)
            {
                throw FastnException.Validation($"'schedule.timeZone' {ProblemText.Quote(timeZone)} is not a known time zone (IANA ids such as Europe/Paris).", "$.schedule.timeZone");
            }
        }
    }

    /// <summary>The next run after <paramref name="from"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset from)
    {
        if (_cron is null)
        {
            return from + Interval!.Value;
        }

        // A cron with no further occurrence (31 February) never fires: say so by a date far away rather than throwing.
        return _cron.GetNextOccurrence(from, _zone) ?? from.AddYears(100);
    }

    private static bool TryCron(string cron, out CronExpression? expression)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CronExpression.TryParse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard, out expression);
    }

    private static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }

    private static bool TryInterval(string text, out TimeSpan span)
    {
        span = default;
        text = text.Trim();
        if (text.Length == 0)
        {
            return false;
        }

        var unit = text[^1];
        var number = char.IsDigit(unit) ? text : text[..^1];
        if (!double.TryParse(number, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out span);
        }

        var seconds = unit switch
        {
            's' or >= '0' and <= '9' => value,
            'm' => value * 60,
            'h' => value * 3600,
            'd' => value * 86400,
            _ => double.NaN,
        };
        if (double.IsNaN(seconds) || seconds > TimeSpan.FromDays(365).TotalSeconds)
        {
            return false;
        }

        span = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
