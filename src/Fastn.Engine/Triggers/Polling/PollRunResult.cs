namespace Fastn.Engine.Triggers.Polling;

/// <summary>How a poll run ended.</summary>
public enum PollRunOutcome
{
    /// <summary>It fetched until the app had no more pages (or until the pass so far was done).</summary>
    Completed,

    /// <summary>It stopped at the page cap; the next run continues from the stored cursor.</summary>
    PageCapReached,

    /// <summary>A fetch failed, or the app's cursors went in a loop; the subscription backs off.</summary>
    Failed,

    /// <summary>The connection's credentials were refused; the subscription waits for a reconnect and a resume.</summary>
    NeedsReauth,

    /// <summary>Not run: the subscription is paused, deleted, not a poll trigger, or already being polled.</summary>
    Skipped,
}

/// <summary>What one poll run of a subscription found.</summary>
[GenerateSerializer, Immutable]
public sealed record PollRunResult
{
    /// <summary>The subscription.</summary>
    [Id(0)] public required string SubscriptionId { get; init; }

    /// <summary>How the run ended.</summary>
    [Id(1)] public PollRunOutcome Outcome { get; init; }

    /// <summary>One sentence on what it did or why it stopped (no secrets).</summary>
    [Id(2)] public string Detail { get; init; } = "";

    /// <summary>Pages fetched.</summary>
    [Id(3)] public int Pages { get; init; }

    /// <summary>Records read (each record counted once per page).</summary>
    [Id(4)] public int Records { get; init; }

    /// <summary><c>created</c> events stored.</summary>
    [Id(5)] public int Created { get; init; }

    /// <summary><c>updated</c> events stored.</summary>
    [Id(6)] public int Updated { get; init; }

    /// <summary><c>deleted</c> events stored.</summary>
    [Id(7)] public int Deleted { get; init; }

    /// <summary>Whether this run belonged to the baseline pass and recorded hashes without emitting.</summary>
    [Id(8)] public bool Baseline { get; init; }

    /// <summary>When the next scheduled poll is due, or null when none is (paused, needs re-auth).</summary>
    [Id(9)] public DateTimeOffset? NextPollAt { get; init; }

    /// <summary>The error code when the run failed (<c>fastn:auth-required</c>…).</summary>
    [Id(10)] public string? ErrorCode { get; init; }
}
