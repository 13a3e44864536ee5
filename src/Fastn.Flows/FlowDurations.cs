using System.Globalization;
using System.Xml;

namespace Fastn.Flows;

/// <summary>Reads the durations flows are written with: <c>30s</c>, <c>15m</c>, <c>1h</c>, <c>2d</c>, <c>500ms</c> or ISO 8601 (<c>PT1H30M</c>).</summary>
public static class FlowDurations
{
    /// <summary>The duration, or null with the reason in <paramref name="error"/>.</summary>
    public static TimeSpan? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a duration is required, such as 30s, 15m, 1h, 2d or PT1H";
            return null;
        }

        var t = text.Trim();
        if (t.StartsWith('P'))
        {
            try
            {
                return XmlConvert.ToTimeSpan(t);
            }
            catch (FormatException)
            {
                error = $"'{t}' is not an ISO 8601 duration (PT1H, P1DT2H)";
                return null;
            }
            catch (OverflowException)
            {
                error = $"'{t}' is too long a duration";
                return null;
            }
        }

        var unitStart = 0;
        while (unitStart < t.Length && (char.IsAsciiDigit(t[unitStart]) || t[unitStart] == '.'))
        {
            unitStart++;
        }

        if (unitStart == 0 || !double.TryParse(t[..unitStart], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            error = $"'{t}' is not a duration; write a number and a unit: 30s, 15m, 1h, 2d";
            return null;
        }

        double? seconds = t[unitStart..] switch
        {
            "ms" => amount / 1000,
            "s" => amount,
            "m" => amount * 60,
            "h" => amount * 3600,
            "d" => amount * 86400,
            _ => null,
        };
        if (seconds is null)
        {
            error = $"'{t}' has no known unit; use ms, s, m, h or d";
            return null;
        }

        if (seconds > TimeSpan.FromDays(365).TotalSeconds)
        {
            error = $"'{t}' is longer than a year";
            return null;
        }

        return TimeSpan.FromSeconds(seconds.Value);
    }
}
