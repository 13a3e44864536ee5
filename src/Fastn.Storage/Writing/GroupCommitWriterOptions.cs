namespace Fastn.Storage.Writing;

/// <summary>Tuning of a <see cref="GroupCommitWriter{TRow}"/>.</summary>
public sealed class GroupCommitWriterOptions
{
    /// <summary>Most rows in one transaction (one multi-row INSERT).</summary>
    public int MaxBatchRows { get; set; } = 512;

    /// <summary>Rows that may wait in the queue; beyond that, writers wait for room (back-pressure).</summary>
    public int QueueCapacity { get; set; } = 65_536;

    /// <summary>Attempts of a batch that fails transiently (SQLITE_BUSY, a dropped PostgreSQL connection) before its rows fail.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First back-off between attempts; doubled each time.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Clock of the retry back-off only. Deliberately not the application's <see cref="TimeProvider"/>: a fake clock in
    /// tests must not stall durability.
    /// </summary>
    public TimeProvider RetryClock { get; set; } = TimeProvider.System;
}
