namespace Fastn.Storage.Flows;

/// <summary>Where a run stands.</summary>
public enum FlowRunStatus
{
    /// <summary>Waiting to start (a concurrency limit, or not picked up yet).</summary>
    Queued = 0,

    /// <summary>A node is running its steps.</summary>
    Running = 1,

    /// <summary>Parked until <see cref="FlowRun.WakeAt"/> (a delay step, or a retry's back-off).</summary>
    Waiting = 2,

    /// <summary>Stopped until someone acts (a connection needs re-auth); resume continues from the step.</summary>
    Paused = 3,

    /// <summary>Finished successfully.</summary>
    Succeeded = 4,

    /// <summary>A step failed (or a stop step said so).</summary>
    Failed = 5,

    /// <summary>Cancelled by a user.</summary>
    Cancelled = 6,
}
