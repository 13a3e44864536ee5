using System.Globalization;
using System.Text;

namespace Fastn.Engine.Errors;

/// <summary>
/// Quotes caller input inside a problem <c>detail</c>: at most <see cref="MaxQuoted"/> characters, control
/// characters escaped, so a 20 MB value or a forged newline never reaches a response or a log line whole.
/// </summary>
public static class ProblemText
{
    /// <summary>How many characters of input a detail quotes at most.</summary>
    public const int MaxQuoted = 200;

    /// <summary>The input in double quotes, shortened to <see cref="MaxQuoted"/> characters (with a note of the full length) and with control characters escaped.</summary>
    public static string Quote(string? input)
    {
        if (input is null)
        {
            return "null";
        }

        var builder = new StringBuilder(Math.Min(input.Length, MaxQuoted) + 32).Append('"');
        var cut = input.Length > MaxQuoted ? MaxQuoted : input.Length;
        // Never split a surrogate pair at the cut.
        if (cut < input.Length && cut > 0 && char.IsHighSurrogate(input[cut - 1]))
        {
            cut--;
        }

        for (var i = 0; i < cut; i++)
        {
            var c = input[i];
            if (char.IsHighSurrogate(c) && i + 1 < cut && char.IsLowSurrogate(input[i + 1]))
            {
                builder.Append(c).Append(input[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        builder.Append('"');
        if (cut < input.Length)
        {
            builder.Append(CultureInfo.InvariantCulture, $"… ({input.Length} characters)");
        }

        return builder.ToString();
    }
}
