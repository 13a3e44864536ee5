namespace Fastn.Storage;

/// <summary>
/// The rule for names people give things (tenants, workspaces, connections, API keys): at most 200 characters and
/// no control characters, since names are shown in lists, pages and log lines.
/// </summary>
public static class DisplayText
{
    /// <summary>The longest name (the column size).</summary>
    public const int MaxLength = 200;

    /// <summary>Why <paramref name="value"/> is not a valid name, or <see langword="null"/> when it is (an absent optional name is valid).</summary>
    public static string? Validate(string? value, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required || value is { Length: > 0 } ? "must not be empty or only spaces" : null;
        }

        if (value.Length > MaxLength)
        {
            return $"is {value.Length} characters long; at most {MaxLength} are allowed";
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return $"contains the control character U+{(int)c:X4}; use printable characters only";
            }
        }

        return null;
    }
}
