using Fastn.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Server.Tests.PlatformCore;

[Collection(ServerCollection.Name)]
public sealed class StartupLogTests(ServerFixture fixture)
{
    [Fact]
    public void MembershipClock_TimestampZero_IsProcessStartNotMachineBoot()
    {
        // Orleans' watchdog can measure its first participant check from timestamp 0: with the system clock that is
        // the machine's uptime, and every start warned "Participant check thread has not completed for 12:35:19".
        var clock = fixture.Server.Services.GetRequiredKeyedService<TimeProvider>(Orleans.Runtime.TimeProviderNames.Membership);

        var sinceZero = clock.GetElapsedTime(0);

        sinceZero.ShouldBeLessThan(DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Start_RunningServer_LogsNoWatchdogStall()
    {
        // The fixture's server started before this test ran, so the watchdog's first tick has already happened.
        fixture.Server.Logs.Lines.ShouldNotContain(l => l.Contains("Orleans.Runtime.Watchdog", StringComparison.Ordinal));
    }
}
