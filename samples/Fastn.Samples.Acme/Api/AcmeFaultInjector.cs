namespace Fastn.Samples.Acme.Api;

/// <summary>
/// Test hook (sandbox only): makes the next N responses fail or slow down so clients' retry, back-off and
/// timeout behaviour can be tested. Also reachable over HTTP at <c>/sandbox/acme/_sandbox/faults</c>.
/// </summary>
public sealed class AcmeFaultInjector
{
    private readonly Lock _lock = new();
    private readonly Dictionary<AcmeFaultTarget, Queue<AcmeFault>> _queues = new()
    {
        [AcmeFaultTarget.Api] = new(),
        [AcmeFaultTarget.Token] = new(),
        [AcmeFaultTarget.Revoke] = new(),
    };

    internal AcmeFaultInjector()
    {
    }

    /// <summary>The next <paramref name="count"/> requests to <paramref name="target"/> answer <paramref name="statusCode"/>.</summary>
    public void FailNext(int count, int statusCode = 503, TimeSpan? retryAfter = null, AcmeFaultTarget target = AcmeFaultTarget.Api)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        Inject(count, new AcmeFault(statusCode, TimeSpan.Zero, retryAfter), target);
    }

    /// <summary>The next <paramref name="count"/> requests to <paramref name="target"/> wait <paramref name="delay"/> first.</summary>
    public void DelayNext(int count, TimeSpan delay, AcmeFaultTarget target = AcmeFaultTarget.Api) =>
        Inject(count, new AcmeFault(null, delay), target);

    /// <summary>Queues <paramref name="count"/> copies of <paramref name="fault"/>.</summary>
    public void Inject(int count, AcmeFault fault, AcmeFaultTarget target = AcmeFaultTarget.Api)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(fault);
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _queues[target].Enqueue(fault);
            }
        }
    }

    /// <summary>Faults still queued for <paramref name="target"/>.</summary>
    public int Pending(AcmeFaultTarget target = AcmeFaultTarget.Api)
    {
        lock (_lock)
        {
            return _queues[target].Count;
        }
    }

    /// <summary>Drops every queued fault.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            foreach (var queue in _queues.Values)
            {
                queue.Clear();
            }
        }
    }

    internal AcmeFault? TakeNext(AcmeFaultTarget target)
    {
        lock (_lock)
        {
            return _queues[target].TryDequeue(out var fault) ? fault : null;
        }
    }
}
