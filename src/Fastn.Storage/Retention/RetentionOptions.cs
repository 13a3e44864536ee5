namespace Fastn.Storage.Retention;

/// <summary>How long the store keeps history, bound from <c>Fastn:Storage:Retention</c>; 0 days keeps forever.</summary>
public sealed class RetentionOptions
{
    /// <summary>Days of call log (<c>ActionCalls</c>) kept, by start time; 0 keeps every call.</summary>
    public int CallLogDays { get; set; } = 30;

    /// <summary>Days of dispatched platform events kept, by creation time; 0 keeps every event. Undispatched events are never purged.</summary>
    public int EventDays { get; set; } = 30;

    /// <summary>Days of finished flow runs kept (with their steps), by finish time; 0 keeps every run. Runs that have not ended are never purged.</summary>
    public int RunDays { get; set; } = 30;

    /// <summary>How often the purge runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement, so a large purge never holds the write lock for long.</summary>
    public int BatchSize { get; set; } = 5_000;
}
