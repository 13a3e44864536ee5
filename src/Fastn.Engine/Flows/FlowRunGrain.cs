using Microsoft.Extensions.Logging;

namespace Fastn.Engine.Flows;

/// <summary>Drives one run through <see cref="FlowRunner"/>; see <see cref="IFlowRunGrain"/>.</summary>
public sealed class FlowRunGrain(FlowRunner runner, FlowRunSignals signals, ILogger<FlowRunGrain> logger) : Grain, IFlowRunGrain
{
    private Task? _running;
    private bool _again;

    /// <inheritdoc />
    public Task StartAsync(string workspaceId, string tenantId)
    {
        if (_running is { IsCompleted: false })
        {
            // A start during a pass (a resume after a pause, a queued run's turn) runs one more pass after it.
            _again = true;
            return Task.CompletedTask;
        }

        // A run may take longer than the idle collection age; keep the activation while it runs.
        DelayDeactivation(TimeSpan.FromHours(2));
        _running = RunAsync(workspaceId, tenantId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task CancelAsync()
    {
        signals.Cancel(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    private async Task RunAsync(string workspaceId, string tenantId)
    {
        var runId = this.GetPrimaryKeyString();
        try
        {
            do
            {
                _again = false;
                await runner.RunAsync(runId, workspaceId, tenantId, CancellationToken.None);
            }
            while (_again);
        }
        catch (Exception ex)
        {
            // The run stays as stored; the recovery sweep starts it again.
            logger.LogWarning(ex, "Run {Run} stopped unexpectedly; the recovery sweep resumes it", runId);
        }
        finally
        {
            DeactivateOnIdle();
        }
    }
}
