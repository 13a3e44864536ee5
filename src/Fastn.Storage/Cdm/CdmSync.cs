namespace Fastn.Storage.Cdm;

/// <summary>
/// A CDM sync: keep one CDM entity's records in step from connection A to connection B (one way) or both ways, for one
/// tenant. Its links pair the records of the two sides; its errors list records that could not be synced.
/// </summary>
public sealed class CdmSync : ITenantOwned, IVersioned
{
    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public required string TenantId { get; init; }

    /// <summary>The CDM entity, e.g. <c>CDMContact</c>.</summary>
    public required string Entity { get; init; }

    /// <summary>Side A: the source of a one-way sync.</summary>
    public required string ConnectionA { get; init; }

    /// <summary>Side B: the target of a one-way sync.</summary>
    public required string ConnectionB { get; init; }

    /// <summary>Changes on B flow back to A too.</summary>
    public bool TwoWay { get; init; }

    /// <summary><c>backfilling</c> until the first full pass ends, then <c>active</c>; <c>paused</c>; <c>failing</c> when a pass could not run.</summary>
    public required string Status { get; set; }

    /// <summary>Why the last pass could not run, when it could not.</summary>
    public string? StatusReason { get; set; }

    /// <summary>How a record changed on both sides since the last pass is decided: <c>latest</c> (later updatedAt wins) or <c>a</c>/<c>b</c>.</summary>
    public required string Conflict { get; init; }

    /// <summary>Passes run so far.</summary>
    public long Passes { get; set; }

    /// <summary>Records read by the last pass.</summary>
    public long Read { get; set; }

    /// <summary>Records created by the sync, in total.</summary>
    public long Created { get; set; }

    /// <summary>Records updated by the sync, in total.</summary>
    public long Updated { get; set; }

    /// <summary>Records the sync could not sync, in total.</summary>
    public long Failed { get; set; }

    public DateTimeOffset? LastPassAt { get; set; }

    public DateTimeOffset? NextPassAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public long Version { get; set; }
}

/// <summary>
/// A pair of records the sync keeps in step, and per side the hash of the synced fields as the sync last saw them: a
/// side whose record still hashes to it has not changed. A side the sync has just written has no hash until the next
/// pass reads it, and that read is taken as the new baseline, so the sync's own writes never echo back.
/// </summary>
public sealed class CdmSyncLink : ITenantOwned
{
    public required string SyncId { get; init; }

    public required string WorkspaceId { get; init; }

    public required string TenantId { get; init; }

    public required string RecordA { get; init; }

    public required string RecordB { get; init; }

    /// <summary>SHA-256 (hex) of A's synced fields as last seen, or null right after the sync wrote A.</summary>
    public string? HashA { get; set; }

    /// <summary>SHA-256 (hex) of B's synced fields as last seen, or null right after the sync wrote B.</summary>
    public string? HashB { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A record the sync could not sync, and why (kept until the record syncs).</summary>
public sealed class CdmSyncError : ITenantOwned
{
    public required string SyncId { get; init; }

    public required string WorkspaceId { get; init; }

    public required string TenantId { get; init; }

    /// <summary><c>a</c> or <c>b</c>: the side the record was read from.</summary>
    public required string Side { get; init; }

    public required string RecordId { get; init; }

    public required string Message { get; set; }

    public DateTimeOffset At { get; set; }
}
