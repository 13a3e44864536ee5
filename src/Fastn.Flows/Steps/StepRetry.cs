namespace Fastn.Flows.Steps;

/// <summary>A step's retry policy.</summary>
public sealed record StepRetry
{
    /// <summary>The categories the engine retries by default: <c>upstream</c>, <c>unreachable</c>, <c>rate-limited</c>.</summary>
    public static IReadOnlyList<string> TransientCategories { get; } = ["upstream", "unreachable", "rate-limited"];

    /// <summary>How many attempts in all, the first included (1 to 10).</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>The wait before the second attempt, in seconds; each later wait doubles (a rate limit's Retry-After wins when longer).</summary>
    public double DelaySeconds { get; init; } = 1;

    /// <summary>Which error categories are retried (<c>upstream</c>, <c>unreachable</c>, <c>rate-limited</c>, …); empty means <see cref="TransientCategories"/>.</summary>
    public IReadOnlyList<string> On { get; init; } = [];
}
