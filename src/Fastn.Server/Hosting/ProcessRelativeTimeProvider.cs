using System.Diagnostics;

namespace Fastn.Server.Hosting;

/// <summary>
/// The system clock, with timestamps counted from the first time one is read instead of the machine's boot.
/// </summary>
/// <remarks>
/// Orleans' silo watchdog (10.4) starts its platform thread before it stamps the first component check, so that
/// thread's first tick can measure from timestamp 0 and warn "Participant check thread has not completed for
/// {time since timestamp 0}" once that exceeds twice the health-check period (20 s). With the system clock that is
/// the machine's uptime, at every start; with an origin at the provider's creation (during service registration)
/// it is the whole start-up before the silo (database creation, migrations), which on a slow first start is more
/// than 20 s too. The origin is therefore the first read, which happens while the silo starts. Elapsed times are
/// differences of timestamps, so moving the origin changes nothing else; a real stall is still reported.
/// </remarks>
internal sealed class ProcessRelativeTimeProvider : TimeProvider
{
    private long _origin;

    public override long GetTimestamp()
    {
        var now = Stopwatch.GetTimestamp();
        var origin = Volatile.Read(ref _origin);
        if (origin == 0)
        {
            // The first reader sets the origin; one step back keeps every timestamp positive (0 means "not yet").
            origin = Interlocked.CompareExchange(ref _origin, now - 1, 0) is var previous && previous != 0 ? previous : now - 1;
        }

        return now - origin;
    }
}
