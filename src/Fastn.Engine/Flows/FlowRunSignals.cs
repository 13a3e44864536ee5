using System.Collections.Concurrent;

namespace Fastn.Engine.Flows;

/// <summary>
/// In-process signals about runs on this node: a change (a step finished, the run ended) wakes whoever watches the
/// run (the test panel's event stream, a synchronous HTTP trigger), and a cancel reaches the run's token. Watchers
/// also re-read the store on a short timeout, so a run on another node is followed too, only later.
/// </summary>
public sealed class FlowRunSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _changes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    /// <summary>Wakes the run's watchers.</summary>
    public void Changed(string runId)
    {
        if (_changes.TryRemove(runId, out var waiting))
        {
            waiting.TrySetResult();
        }
    }

    /// <summary>Waits until the run changes or <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(string runId, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var signal = _changes.GetOrAdd(runId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await signal.Task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Re-read the store: the run may be on another node.
        }
    }

    /// <summary>Registers a run that starts on this node; dispose the result when it stops.</summary>
    internal CancellationTokenSource Register(string runId, CancellationToken stopping)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _running[runId] = cts;
        return cts;
    }

    internal void Unregister(string runId, CancellationTokenSource cts)
    {
        _running.TryRemove(KeyValuePair.Create(runId, cts));
        cts.Dispose();
    }

    /// <summary>Cancels the run when it runs on this node; false when it does not.</summary>
    internal bool Cancel(string runId)
    {
        if (!_running.TryGetValue(runId, out var cts))
        {
            return false;
        }

        try
        {
            cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return false;
        }

        return true;
    }
}
