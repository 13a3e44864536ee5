namespace Fastn.Engine.Flows;

/// <summary>
/// One grain per run (key: run id): the single place in the cluster that drives the run, so a run that two nodes
/// try to resume at once still runs once. The run's state lives in the store, not in the grain.
/// </summary>
public interface IFlowRunGrain : IGrainWithStringKey
{
    /// <summary>Starts (or resumes) the run in the background unless it is already running here; returns at once.</summary>
    Task StartAsync(string workspaceId, string tenantId);

    /// <summary>Cancels the run if it is running here.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task CancelAsync();
}
