namespace Fastn.Engine.Execution;

/// <summary>Where the executor records every call.</summary>
public interface IActionCallLog
{
    /// <summary>Appends a record.</summary>
    Task RecordAsync(ActionCallRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Waits until every record appended before the call is stored (or <paramref name="timeout"/> passes), so a reader
    /// of the log sees every call that has returned. A log that stores synchronously has nothing to wait for.
    /// </summary>
    Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;
}
