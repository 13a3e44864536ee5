namespace Fastn.Storage.Polling;

/// <summary>
/// What the Synthetic Event Engine last saw of one record of one poll subscription: its canonical SHA-256, how many
/// changes it has had (part of each event's dedup key, so a record that changes back to an earlier state still emits),
/// the pass it was last seen in (delete detection) and whether it was reported deleted (a tombstone, kept so a record
/// that comes back is <c>created</c> again with a new key).
/// </summary>
public sealed class PollRecordHash : ITenantOwned
{
    public required string WorkspaceId { get; init; }

    public required string TenantId { get; init; }

    public required string SubscriptionId { get; init; }

    /// <summary>The app's id of the record.</summary>
    public required string RecordId { get; init; }

    /// <summary>SHA-256 of the record's canonical JSON.</summary>
    public byte[] Hash { get; set; } = [];

    /// <summary>How many events this record has produced (created, updated, deleted); the next one is <c>Changes + 1</c>.</summary>
    public long Changes { get; set; }

    /// <summary>The subscription's pass number when the record was last listed.</summary>
    public long SeenInPass { get; set; }

    /// <summary>Whether the last event for it was <c>deleted</c>.</summary>
    public bool Deleted { get; set; }
}
