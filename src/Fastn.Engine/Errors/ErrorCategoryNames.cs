namespace Fastn.Engine.Errors;

/// <summary>Error categories as they are written in problem documents, run records and retry policies.</summary>
public static class ErrorCategoryNames
{
    /// <summary>The category's name: <c>auth-required</c>, <c>rate-limited</c>, <c>upstream</c>…</summary>
    public static string Name(this ErrorCategory category) => category switch
    {
        ErrorCategory.AuthRequired => "auth-required",
        ErrorCategory.RateLimited => "rate-limited",
        ErrorCategory.NotFound => "not-found",
        ErrorCategory.TooLarge => "too-large",
        _ => category.ToString().ToLowerInvariant(),
    };

    /// <summary>Every category's name.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<ErrorCategory>().Select(c => c.Name())];
}
