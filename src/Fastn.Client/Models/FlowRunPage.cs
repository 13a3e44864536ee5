namespace Fastn.Client.Models;

/// <summary>A page of runs, newest first.</summary>
/// <param name="Runs">The runs.</param>
/// <param name="Next">Pass as <c>after</c> for the next page; null on the last.</param>
public sealed record FlowRunPage(IReadOnlyList<FlowRun> Runs, string? Next);
