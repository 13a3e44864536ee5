namespace Fastn.Storage.ApiKeys;

/// <summary>The rule for API key names: <see cref="DisplayText"/>, and required.</summary>
public static class ApiKeyName
{
    /// <summary>The longest name (the column size).</summary>
    public const int MaxLength = DisplayText.MaxLength;

    /// <summary>Why <paramref name="name"/> is not a valid key name, or <see langword="null"/> when it is.</summary>
    public static string? Validate(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "is required: say what the key is for" : DisplayText.Validate(name, required: true);
}
