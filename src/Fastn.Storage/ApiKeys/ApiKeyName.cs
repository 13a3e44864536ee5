namespace Fastn.Storage.ApiKeys;

/// <summary>The rule for API key names: 1–200 characters, no control characters (names are shown in lists and logs).</summary>
public static class ApiKeyName
{
    /// <summary>The longest name (the column size).</summary>
    public const int MaxLength = 200;

    /// <summary>Why <paramref name="name"/> is not a valid key name, or <see langword="null"/> when it is.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "is required: say what the key is for";
        }

        if (name.Length > MaxLength)
        {
            return $"is {name.Length} characters long; at most {MaxLength} are allowed";
        }

        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                return $"contains the control character U+{(int)c:X4}; use printable characters only";
            }
        }

        return null;
    }
}
