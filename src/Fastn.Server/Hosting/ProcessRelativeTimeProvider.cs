using System.Diagnostics;

namespace Fastn.Server.Hosting;

/// <summary>
/// The system clock, with timestamps counted from this provider's creation instead of the machine's boot.
/// </summary>
/// <remarks>
/// Orleans' silo watchdog (10.4) starts its platform thread before it stamps the first component check, so that
/// thread's first tick can measure from timestamp 0 and warn "Participant check thread has not completed for
/// {machine uptime}" at every start. Elapsed times are differences of timestamps, so moving the origin changes
/// nothing else; a real stall is still reported.
/// </remarks>
internal sealed class ProcessRelativeTimeProvider : TimeProvider
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    public override long GetTimestamp() => Stopwatch.GetTimestamp() - _origin;
}
