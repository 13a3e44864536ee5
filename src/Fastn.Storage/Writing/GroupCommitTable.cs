namespace Fastn.Storage.Writing;

/// <summary>
/// The append-only table a <see cref="GroupCommitWriter{TRow}"/> inserts into. With <see cref="ConflictColumns"/>
/// (a unique key), a row already stored is skipped (<c>ON CONFLICT DO NOTHING</c>), so a retried batch is idempotent.
/// </summary>
public sealed record GroupCommitTable<TRow>(string Name, IReadOnlyList<GroupCommitColumn<TRow>> Columns, IReadOnlyList<string> ConflictColumns);
