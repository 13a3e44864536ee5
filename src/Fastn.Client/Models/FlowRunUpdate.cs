namespace Fastn.Client.Models;

/// <summary>One message of a run's live stream: a step that finished, or the run once it ends, waits or pauses.</summary>
/// <param name="Step">The step that finished, or null.</param>
/// <param name="Run">The run at the end of the stream, or null.</param>
public sealed record FlowRunUpdate(FlowRunStep? Step, FlowRun? Run);
