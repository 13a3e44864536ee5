namespace Fastn.Flows.Triggers;

/// <summary>Runs on a cron schedule in a time zone, for one tenant.</summary>
public sealed record ScheduleTrigger : FlowTrigger
{
    /// <summary>A five-field cron expression (<c>*/15 * * * *</c>), or six fields with seconds first.</summary>
    public required string Cron { get; init; }

    /// <summary>The IANA time zone the schedule is read in (<c>Europe/London</c>); default UTC.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>The tenant the runs act for.</summary>
    public required string Tenant { get; init; }
}
