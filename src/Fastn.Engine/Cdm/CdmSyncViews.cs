using Fastn.Storage.Cdm;

namespace Fastn.Engine.Cdm;

/// <summary>Settings of CDM syncs (<c>Fastn:Cdm</c>).</summary>
public sealed class CdmSyncOptions
{
    /// <summary>Time between a sync's passes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the scheduler looks for due passes.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most pages a pass reads from one side (100 records a page).</summary>
    public int MaxPagesPerSide { get; set; } = 500;
}

/// <summary>A sync to create.</summary>
/// <param name="Entity">The CDM entity (<c>contacts</c> or <c>CDMContact</c>).</param>
/// <param name="ConnectionA">Side A, the source of a one-way sync.</param>
/// <param name="ConnectionB">Side B, the target of a one-way sync.</param>
/// <param name="TwoWay">Whether changes on B flow back to A.</param>
/// <param name="Conflict">When a record changed on both sides: <c>latest</c> (default: the later updatedAt wins), <c>a</c> or <c>b</c>.</param>
public sealed record CreateCdmSync(string? Entity, string? ConnectionA, string? ConnectionB, bool TwoWay = false, string? Conflict = null);

/// <summary>A CDM sync as the API shows it.</summary>
/// <param name="Id">The sync id (<c>sync_…</c>).</param>
/// <param name="Entity">The CDM entity.</param>
/// <param name="ConnectionA">Side A.</param>
/// <param name="ConnectionB">Side B.</param>
/// <param name="TwoWay">Whether B flows back to A.</param>
/// <param name="Status"><c>backfilling</c>, <c>active</c>, <c>paused</c> or <c>failing</c>.</param>
/// <param name="StatusReason">Why the last pass could not run.</param>
/// <param name="Conflict">The conflict policy.</param>
/// <param name="Passes">Passes run.</param>
/// <param name="Read">Records read by the last pass, both sides.</param>
/// <param name="Created">Records created in total.</param>
/// <param name="Updated">Records updated in total.</param>
/// <param name="Failed">Records that could not be synced, in total (see the errors).</param>
/// <param name="LastPassAt">When the last pass ended.</param>
/// <param name="NextPassAt">When the next pass is due.</param>
/// <param name="CreatedAt">When the sync was created.</param>
public sealed record CdmSyncView(string Id, string Entity, string ConnectionA, string ConnectionB, bool TwoWay, string Status, string? StatusReason, string Conflict,
    long Passes, long Read, long Created, long Updated, long Failed, DateTimeOffset? LastPassAt, DateTimeOffset? NextPassAt, DateTimeOffset CreatedAt)
{
    internal static CdmSyncView From(CdmSync s) => new(s.Id, s.Entity, s.ConnectionA, s.ConnectionB, s.TwoWay, s.Status, s.StatusReason, s.Conflict,
        s.Passes, s.Read, s.Created, s.Updated, s.Failed, s.LastPassAt, s.NextPassAt, s.CreatedAt);
}

/// <summary>A record a sync could not sync.</summary>
/// <param name="Side"><c>a</c> or <c>b</c>: where the record was read.</param>
/// <param name="RecordId">Its id there.</param>
/// <param name="Message">Why.</param>
/// <param name="At">When it last failed.</param>
public sealed record CdmSyncErrorView(string Side, string RecordId, string Message, DateTimeOffset At);
