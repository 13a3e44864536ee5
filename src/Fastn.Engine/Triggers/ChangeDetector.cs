using System.Text.Json.Nodes;
using Fastn.Connectors.Triggers;

namespace Fastn.Engine.Triggers;

/// <summary>What a poll found about one record.</summary>
/// <param name="RecordId">The app's id of the record.</param>
/// <param name="Kind"><c>created</c> (not seen before) or <c>updated</c> (its hash changed).</param>
/// <param name="Hash">The record's new hash, to store once the event is stored.</param>
/// <param name="Record">The record.</param>
public sealed record RecordChange(string RecordId, string Kind, byte[] Hash, JsonNode Record);

/// <summary>
/// Compares a poll page with the hashes stored per record id: a record not seen before is <c>created</c>, one whose
/// canonical hash changed is <c>updated</c>, an unchanged one is nothing. A record repeated on the page counts once
/// (its last copy), so a page that repeats records never doubles an event.
/// </summary>
public static class ChangeDetector
{
    /// <summary>The changes on <paramref name="page"/> against <paramref name="known"/> (record id → stored hash).</summary>
    public static IReadOnlyList<RecordChange> Detect(IEnumerable<PolledRecord> page, IReadOnlyDictionary<string, byte[]> known, RecordHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(hasher);
        var latest = new Dictionary<string, PolledRecord>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var record in page)
        {
            if (!latest.ContainsKey(record.Id))
            {
                order.Add(record.Id);
            }

            latest[record.Id] = record;
        }

        var changes = new List<RecordChange>();
        foreach (var id in order)
        {
            var record = latest[id];
            var hash = hasher.Hash(record.Record);
            if (!known.TryGetValue(id, out var stored))
            {
                changes.Add(new RecordChange(id, "created", hash, record.Record));
            }
            else if (!stored.AsSpan().SequenceEqual(hash))
            {
                changes.Add(new RecordChange(id, "updated", hash, record.Record));
            }
        }

        return changes;
    }
}
