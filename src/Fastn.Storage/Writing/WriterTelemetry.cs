using System.Diagnostics.Metrics;

namespace Fastn.Storage.Writing;

/// <summary>The storage meter: rows the group-commit writers stored or gave up on, tagged with the table.</summary>
internal static class WriterTelemetry
{
    public const string MeterName = "Fastn.Storage";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> RowsWritten = Meter.CreateCounter<long>("fastn.storage.writer.rows_written", "{row}", "Rows committed by a group-commit writer");

    public static readonly Counter<long> RowsFailed = Meter.CreateCounter<long>("fastn.storage.writer.rows_failed", "{row}", "Rows a group-commit writer could not store");
}
