using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Http;

namespace Fastn.Connectors.Triggers;

/// <summary>A poll trigger over typed records.</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed record TypedPollTriggerDefinition<T> : PollTriggerDefinition
{
    /// <summary>Fetches one page of typed records.</summary>
    public required Func<PollRequest, ConnectorContext, CancellationToken, Task<PollPage<T>>> FetchPage { get; init; }

    /// <summary>Says whether a record reports a deletion (a deleted-records feed), or null when none does.</summary>
    public Func<T, bool>? IsDeleted { get; init; }

    /// <summary>Selects a record's id.</summary>
    public Func<T, string>? RecordId { get; init; }

    /// <summary>The JSON options used to turn records into JSON.</summary>
    public JsonSerializerOptions JsonOptions { get; init; } = ConnectorJson.Options;

    /// <inheritdoc />
    public override bool HasRecordId => RecordId is not null;

    /// <inheritdoc />
    public override async Task<PollPage<PolledRecord>> FetchPageAsync(PollRequest request, ConnectorContext context, CancellationToken cancellationToken)
    {
        var selector = RecordId ?? throw new InvalidOperationException($"Poll trigger '{Name}' has no record id selector.");
        var page = await FetchPage(request, context, cancellationToken).ConfigureAwait(false);
        var records = page.Records
            .Select(r => new PolledRecord(selector(r), JsonSerializer.SerializeToNode(r, JsonOptions) ?? new JsonObject()) { Deleted = IsDeleted?.Invoke(r) ?? false })
            .ToList();
        return new PollPage<PolledRecord>(records, page.NextCursor) { Watermark = page.Watermark, CompletesFullPass = page.CompletesFullPass };
    }
}
