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

    /// <summary>
    /// A task that completes at the run's next change. Take it before reading the run's state, then await it with
    /// <see cref="WaitAsync"/>: a change between the read and the wait is not missed.
    /// </summary>
    public Task NextChange(string runId) =>
        _changes.GetOrAdd(runId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Waits for <paramref name="change"/> (from <see cref="NextChange"/>) or until <paramref name="timeout"/> passes.</summary>
    public static async Task WaitAsync(Task change, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(time);
        try
        {
            await change.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
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
