using Fastn.Storage.Writing;

namespace Fastn.Storage.Flows;

/// <summary>
/// The <c>FlowRunSteps</c> table for the group-commit writer, mapped as EF maps it. A step already stored for the
/// run and path is skipped, so a step retried after a crash never doubles.
/// </summary>
internal static class FlowRunStepTable
{
    public static GroupCommitTable<FlowRunStep> For(StorageProvider provider) => new("FlowRunSteps",
    [
        new("RunId", s => s.RunId),
        new("Path", s => s.Path),
        new("WorkspaceId", s => s.WorkspaceId),
        new("TenantId", s => s.TenantId),
        new("StepId", s => s.StepId),
        new("Kind", s => s.Kind),
        new("Status", s => s.Status),
        new("Attempts", s => s.Attempts),
        new("Input", s => s.Input),
        new("Output", s => s.Output),
        new("Error", s => s.Error),
        new("CallId", s => s.CallId),
        new("StartedAt", Time(provider, s => s.StartedAt)),
        new("FinishedAt", Time(provider, s => s.FinishedAt)),
        new("Sequence", s => s.Sequence),
    ],
    ["RunId", "Path"]);

    private static Func<FlowRunStep, object?> Time(StorageProvider provider, Func<FlowRunStep, DateTimeOffset> read) =>
        provider == StorageProvider.Postgres ? s => read(s).ToUniversalTime() : s => read(s).UtcTicks;
}
