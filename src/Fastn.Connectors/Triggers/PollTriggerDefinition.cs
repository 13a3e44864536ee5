using System.Text.Json.Nodes;

namespace Fastn.Connectors.Triggers;

/// <summary>
/// A trigger the Synthetic Event Engine runs: fetch pages from a cursor, hash each record, emit
/// created/updated (and deleted, if asked) events. This untyped view is what the engine uses.
/// </summary>
public abstract record PollTriggerDefinition : TriggerDefinition
{
    /// <inheritdoc />
    public override TriggerKind Kind => TriggerKind.Poll;

    /// <summary>How often to poll by default.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether records missing from a full pass are reported as deleted.</summary>
    public bool DetectDeletes { get; init; }

    /// <summary>
    /// Fields left out of a record's hash (volatile values such as <c>etag</c> or <c>last_seen</c>), by top-level name or
    /// dotted path (<c>meta.etag</c>): a change only there is not an update.
    /// </summary>
    public IReadOnlyList<string> IgnoredFields { get; init; } = [];

    /// <summary>The JSON Schema of one record.</summary>
    public required JsonObject RecordSchema { get; init; }

    /// <summary>Whether <see cref="FetchPageAsync"/> can produce record ids (false: the definition is invalid).</summary>
    public abstract bool HasRecordId { get; }

    /// <summary>Fetches one page as JSON records, each paired with its id.</summary>
    public abstract Task<PollPage<PolledRecord>> FetchPageAsync(PollRequest request, ConnectorContext context, CancellationToken cancellationToken);
}
