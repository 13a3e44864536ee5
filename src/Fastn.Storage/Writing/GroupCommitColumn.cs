namespace Fastn.Storage.Writing;

/// <summary>One column of a <see cref="GroupCommitTable{TRow}"/>: its name and how to read its value from a row (null → SQL NULL).</summary>
public sealed record GroupCommitColumn<TRow>(string Name, Func<TRow, object?> Value);
