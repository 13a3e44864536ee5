using System.Globalization;
using System.Text.RegularExpressions;

namespace Fastn.Connectors.BuiltIn.Xero;

/// <summary>Xero's Microsoft JSON dates: <c>/Date(1518685950940+0000)/</c> (milliseconds since the epoch, optional offset).</summary>
public static partial class XeroDate
{
    /// <summary>Parses <c>/Date(ms±hhmm)/</c> or an ISO 8601 string; <see langword="null"/> when it is neither.</summary>
    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var match = MsDate().Match(value);
        if (match.Success)
        {
            var instant = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            return instant;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed : null;
    }

    /// <summary>The calendar date of a Xero date (Xero stores dates as midnight UTC).</summary>
    public static DateOnly? ParseDate(string? value) =>
        Parse(value) is { } instant ? DateOnly.FromDateTime(instant.UtcDateTime) : null;

    /// <summary>Formats an instant the way Xero sends it: <c>/Date(ms+0000)/</c>.</summary>
    public static string Format(DateTimeOffset instant) =>
        "/Date(" + instant.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "+0000)/";

    [GeneratedRegex(@"^/Date\((-?\d+)([+-]\d{4})?\)/$")]
    private static partial Regex MsDate();
}
