using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Fastn.Engine.Execution;

/// <summary>The engine's traces and metrics (<c>Fastn.Engine</c>), exported by the host's OpenTelemetry set-up.</summary>
public static class EngineTelemetry
{
    /// <summary>The source and meter name.</summary>
    public const string Name = "Fastn.Engine";

    /// <summary>Traces: one activity per action call.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Action calls by connector, action and outcome.</summary>
    public static Counter<long> ActionCalls { get; } = Meter.CreateCounter<long>("fastn.action.calls", description: "Action calls");

    /// <summary>Action call duration in milliseconds.</summary>
    public static Histogram<double> ActionDuration { get; } = Meter.CreateHistogram<double>("fastn.action.duration", unit: "ms", description: "Action call duration");

    /// <summary>Token refreshes by connector and outcome.</summary>
    public static Counter<long> TokenRefreshes { get; } = Meter.CreateCounter<long>("fastn.token.refreshes", description: "OAuth token refreshes");
}
