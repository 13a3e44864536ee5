namespace Fastn.Engine.Execution;

/// <summary>Where the executor records every call.</summary>
public interface IActionCallLog
{
    /// <summary>Appends a record.</summary>
    Task RecordAsync(ActionCallRecord record, CancellationToken cancellationToken);
}
