using System.Diagnostics;
using Fastn.Server.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
    public void MembershipClock_FirstRead_IsTimestampZero()
    {
        // The watchdog's first tick measures from timestamp 0: counted from the clock's creation (service registration)
        // that is all of start-up before the silo, which a slow first start (database creation, migrations) takes past 20 s.
        var type = typeof(FastnServer).Assembly.GetType("Fastn.Server.Hosting.ProcessRelativeTimeProvider", throwOnError: true)!;
        var clock = (TimeProvider)Activator.CreateInstance(type, nonPublic: true)!;
        var created = Stopwatch.GetTimestamp();
        SpinWait.SpinUntil(() => Stopwatch.GetElapsedTime(created) > TimeSpan.FromMilliseconds(200));

        var sinceZero = clock.GetElapsedTime(0);

        sinceZero.ShouldBeLessThan(TimeSpan.FromMilliseconds(100));
        clock.GetTimestamp().ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("Polly")]
    [InlineData("Microsoft.EntityFrameworkCore.Database.Command")]
    public void ServerLogging_PerRequestCategories_WarningsOnlyByDefault(string category)
    {
        // Polly logs every resilient request at Information, EF Core every command: the defaults keep their warnings only.
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();
        using var services = new ServiceCollection()
            .AddLogging(b => b.AddConfiguration(configuration.GetSection("Logging")).AddProvider(new CapturedLogs()))
            .BuildServiceProvider();

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

        logger.IsEnabled(LogLevel.Information).ShouldBeFalse();
        logger.IsEnabled(LogLevel.Warning).ShouldBeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_FirstStartOnPostgres_LogsNoErrors(bool databaseExists)
    {
        // Npgsql probes for the database and the migrations table by failing; EF logged each failure as "fail:".
        await using var database = await PostgresTestDatabase.CreateAsync(create: databaseExists);

        await using var server = await FastnTestServer.StartAsync(new FastnTestServerOptions { PostgresConnectionString = database.ConnectionString });

        server.Logs.Lines.ShouldNotContain(l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal));
        server.Logs.Lines.ShouldContain(l => l.Contains("Applying", StringComparison.Ordinal) && l.Contains("Postgres migration", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_RunningServer_LogsNoWatchdogStall()
    {
        // The fixture's server started before this test ran, so the watchdog's first tick has already happened.
        fixture.Server.Logs.Lines.ShouldNotContain(l => l.Contains("Orleans.Runtime.Watchdog", StringComparison.Ordinal));
    }
}
