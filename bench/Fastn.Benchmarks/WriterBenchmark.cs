using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Fastn.Storage;
using Fastn.Storage.ActionCalls;
using Fastn.Storage.Writing;
using Microsoft.Data.Sqlite;

namespace Fastn.Benchmarks;

/// <summary>
/// Durable rows/s through <see cref="GroupCommitWriter{TRow}"/> in acknowledge-after-commit mode (each caller awaits
/// its own row's commit) on the embedded SQLite default, beside the raw limit measured in the same run: one prepared
/// multi-row INSERT per transaction with Microsoft.Data.Sqlite, same table, same SQL, same pragmas, same rows.
/// </summary>
public static class WriterBenchmark
{
    private static readonly int[] Callers = [1, 16, 64];

    public static async Task RunAsync(TimeSpan warmup, TimeSpan duration)
    {
        var load = ResultsFile.MachineLine();
        var storage = new StorageOptions();
        var table = ActionCallTable.For(StorageProvider.Sqlite);
        var maxBatch = Math.Min(new GroupCommitWriterOptions().MaxBatchRows, 32_000 / table.Columns.Count);
        Console.WriteLine($"pragmas: {storage.SqlitePragmas}  max batch: {maxBatch} rows");

        var rawFull = await RawAsync(table, storage, maxBatch, warmup, duration);
        Console.WriteLine($"raw batch {maxBatch}: {rawFull.RowsPerSecond:0} rows/s, commit p50 {rawFull.BatchMicroseconds(0.5):0} µs");
        var rawFullOneRow = await RawAsync(table, storage, maxBatch, warmup, duration, multiRow: false);
        Console.WriteLine($"raw batch {maxBatch}, one-row statements: {rawFullOneRow.RowsPerSecond:0} rows/s, commit p50 {rawFullOneRow.BatchMicroseconds(0.5):0} µs");
        var results = new List<(int Callers, LoadResult Writer, BatchStats Batches, RawResult RawAtCallers, RawResult OneRowAtCallers, long Stored)>();
        foreach (var callers in Callers)
        {
            var (writer, batches, stored) = await WriterAsync(callers, warmup, duration);
            var rawAtCallers = await RawAsync(table, storage, callers, warmup, duration);
            var oneRowAtCallers = callers == 1 ? rawAtCallers : await RawAsync(table, storage, callers, warmup, duration, multiRow: false);
            results.Add((callers, writer, batches, rawAtCallers, oneRowAtCallers, stored));
            Console.WriteLine($"c={callers}: writer {writer.Throughput:0} rows/s p50 {writer.Percentile(0.5):0} µs p99 {writer.Percentile(0.99):0} µs | " +
                $"raw@{callers} multi-row {rawAtCallers.RowsPerSecond:0} rows/s, one-row {oneRowAtCallers.RowsPerSecond:0} rows/s | " +
                $"mean batch {batches.MeanRows:0.0} rows, cycle p50 {batches.IntervalMicroseconds(0.5):0} µs");
        }

        // The limit is the faster of the two raw statement shapes at each transaction size.
        static RawResult Best(RawResult a, RawResult b) => a.RowsPerSecond >= b.RowsPerSecond ? a : b;
        var limit = Best(rawFull, rawFullOneRow);
        var md = new StringBuilder();
        md.AppendLine("## Group-commit writer, acknowledged after commit (`dotnet run --project bench/Fastn.Benchmarks -c Release -- writer`)").AppendLine();
        md.AppendLine(load).AppendLine();
        md.AppendLine(
            I($"`GroupCommitWriter<ActionCall>` as the server registers it (`AddFastnStorage`, default options: at most {maxBatch} rows a batch), N callers in a closed loop each awaiting ") +
            I($"`WriteAsync` of its own `ActionCall` row (15 columns, ~120 bytes of JSON), {duration.TotalSeconds:0} s after a {warmup.TotalSeconds:0} s warm-up, on a fresh migrated ") +
            I($"database under /tmp for every run. SQLite default: `{storage.SqlitePragmas}` — WAL with `synchronous=NORMAL` (the project's default, ") +
            "`Fastn:Storage:SqliteSynchronous`): a commit survives a process crash, not a power loss; no fsync per commit. Raw limit, same run: " +
            "one Microsoft.Data.Sqlite connection with the same pragmas and the same `INSERT … ON CONFLICT (\"Id\") DO NOTHING` into the same migrated table, " +
            "rows built by the same code, in two shapes: one prepared multi-row INSERT per transaction, and one prepared one-row INSERT run once a row in the transaction; " +
            "the limit is the faster shape (both are in the second table).").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| callers | writer rows/s (target ≥ 50,000) | raw limit rows/s, {maxBatch} rows a transaction | writer ÷ raw limit (target ≥ 70 %) | raw rows/s, as many rows a transaction as callers | writer ÷ that | writer p50 µs | writer p99 µs | raw transaction µs p50 / p99 at that size | writer mean batch rows | writer µs between commits p50 |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var atCallers = Best(r.RawAtCallers, r.OneRowAtCallers);
            md.Row(r.Callers, r.Writer.Throughput.ToString("0", CultureInfo.InvariantCulture), limit.RowsPerSecond.ToString("0", CultureInfo.InvariantCulture),
                (r.Writer.Throughput / limit.RowsPerSecond).ToString("P0", CultureInfo.InvariantCulture),
                atCallers.RowsPerSecond.ToString("0", CultureInfo.InvariantCulture),
                (r.Writer.Throughput / atCallers.RowsPerSecond).ToString("P0", CultureInfo.InvariantCulture),
                r.Writer.Percentile(0.5).ToString("0", CultureInfo.InvariantCulture), r.Writer.Percentile(0.99).ToString("0", CultureInfo.InvariantCulture),
                I($"{atCallers.BatchMicroseconds(0.5):0} / {atCallers.BatchMicroseconds(0.99):0}"),
                r.Batches.MeanRows.ToString("0.0", CultureInfo.InvariantCulture), r.Batches.IntervalMicroseconds(0.5).ToString("0", CultureInfo.InvariantCulture));
        }

        md.AppendLine();
        md.AppendLine("Raw limit by statement shape, same rows and transactions (µs = one transaction: binding, insert and commit):").AppendLine();
        md.AppendLine("| rows a transaction | one multi-row INSERT: rows/s | µs p50 / p99 | per row µs | one-row INSERT × rows: rows/s | µs p50 / p99 | per row µs |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (multi, single) in results.Where(r => r.Callers > 1).Select(r => (r.RawAtCallers, r.OneRowAtCallers)).Append((rawFull, rawFullOneRow)).Prepend((results[0].RawAtCallers, results[0].OneRowAtCallers)))
        {
            md.Row(multi.Batch, multi.RowsPerSecond.ToString("0", CultureInfo.InvariantCulture), I($"{multi.BatchMicroseconds(0.5):0} / {multi.BatchMicroseconds(0.99):0}"),
                (multi.BatchMicroseconds(0.5) / multi.Batch).ToString("0.0", CultureInfo.InvariantCulture),
                single.RowsPerSecond.ToString("0", CultureInfo.InvariantCulture), I($"{single.BatchMicroseconds(0.5):0} / {single.BatchMicroseconds(0.99):0}"),
                (single.BatchMicroseconds(0.5) / single.Batch).ToString("0.0", CultureInfo.InvariantCulture));
        }

        md.AppendLine();
        md.AppendLine(
            "Writer batches are read from the writer's own `fastn.storage.writer.rows_written` counter (one measurement per committed batch); " +
            "“µs between commits” is the time between two consecutive batches' counter measurements, so it includes handing the acknowledgements back. " +
            "Rows found in the database after each writer run: " + string.Join(", ", results.Select(r => $"{r.Callers} callers {r.Stored:N0}")) +
            " (never fewer than acknowledged).");
        Console.Write(md);
        await ResultsFile.WriteSectionAsync("writer", md.ToString());
    }

    private static async Task<(LoadResult Result, BatchStats Batches, long Stored)> WriterAsync(int callers, TimeSpan warmup, TimeSpan duration)
    {
        await using var database = await BenchDatabase.CreateAsync();
        var writer = database.Services.GetRequiredService<GroupCommitWriter<ActionCall>>();
        var rows = new RowSource();
        using var recorder = new BatchRecorder();
        var result = await LoadDriver.RunAsync("GroupCommitWriter.WriteAsync", callers, warmup, duration, ct => writer.WriteAsync(rows.Next(), ct),
            onMeasureStart: recorder.Start, onMeasureStop: recorder.Stop);
        var stored = await database.CountRowsAsync();
        if (stored < writer.RowsWritten || writer.RowsFailed > 0)
        {
            throw new InvalidOperationException($"Writer acknowledged {writer.RowsWritten} rows but {stored} are stored and {writer.RowsFailed} failed.");
        }

        return (result, recorder.Stats(), stored);
    }

    // multiRow: one prepared INSERT of `batch` rows per transaction (the writer's shape); otherwise a prepared one-row
    // INSERT executed `batch` times in the transaction (same rows, same commits, 15 parameters a statement).
    private static async Task<RawResult> RawAsync(GroupCommitTable<ActionCall> table, StorageOptions defaults, int batch, TimeSpan warmup, TimeSpan duration, bool multiRow = true)
    {
        await using var database = await BenchDatabase.CreateAsync();
        var rows = new RowSource();
        var times = new List<double>(100_000);
        long inserted = 0;
        var elapsed = TimeSpan.Zero;
        await Task.Run(() =>
        {
            using var connection = new SqliteConnection(database.Storage.GetConnectionString());
            connection.Open();
            using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = defaults.SqlitePragmas;
                pragmas.ExecuteNonQuery();
            }

            using var command = connection.CreateCommand();
            var statementRows = multiRow ? batch : 1;
            command.CommandText = InsertSql(table, statementRows);
            var columns = table.Columns;
            var parameters = new SqliteParameter[statementRows * columns.Count];
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i] = command.Parameters.AddWithValue("@p" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value);
            }

            command.Prepare();
            void Loop(TimeSpan length, bool record)
            {
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed < length)
                {
                    var start = Stopwatch.GetTimestamp();
                    using var transaction = connection.BeginTransaction();
                    command.Transaction = transaction;
                    var n = 0;
                    for (var r = 0; r < batch; r++)
                    {
                        var row = rows.Next();
                        foreach (var column in columns)
                        {
                            parameters[n++].Value = column.Value(row) ?? DBNull.Value;
                        }

                        if (!multiRow)
                        {
                            command.ExecuteNonQuery();
                            n = 0;
                        }
                    }

                    if (multiRow)
                    {
                        command.ExecuteNonQuery();
                    }

                    transaction.Commit();
                    if (record)
                    {
                        times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                        inserted += batch;
                    }
                }

                if (record)
                {
                    elapsed = clock.Elapsed;
                }
            }

            Loop(warmup, record: false);
            Loop(duration, record: true);
        });

        times.Sort();
        return new RawResult(batch, inserted, elapsed, [.. times]);
    }

    // The same statement the writer builds (GroupCommitWriter.Sql) for a batch of this size.
    private static string InsertSql(GroupCommitTable<ActionCall> table, int rows)
    {
        static string Quote(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var sql = new StringBuilder("INSERT INTO ").Append(Quote(table.Name)).Append(" (");
        sql.AppendJoin(", ", table.Columns.Select(c => Quote(c.Name))).Append(") VALUES ");
        var n = 0;
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < table.Columns.Count; c++)
            {
                sql.Append(c == 0 ? "" : ", ").Append("@p").Append(n++);
            }

            sql.Append(')');
        }

        sql.Append(" ON CONFLICT (").AppendJoin(", ", table.ConflictColumns.Select(Quote)).Append(") DO NOTHING");
        return sql.ToString();
    }

    /// <summary>Builds the benchmark's rows: unique, time-ordered ids (as ULIDs are), realistic sizes.</summary>
    private sealed class RowSource
    {
        private readonly DateTimeOffset _start = TimeProvider.System.GetUtcNow();
        private long _next;

        public ActionCall Next()
        {
            var n = Interlocked.Increment(ref _next);
            return new ActionCall
            {
                Id = "call_" + n.ToString("D20", CultureInfo.InvariantCulture),
                WorkspaceId = "ws_bench",
                TenantId = "tenant_bench",
                ConnectionId = "conn_01JBENCH0000000000000000",
                Connector = "acme-crm",
                Action = "create_contact",
                Status = ActionCallStatus.Succeeded,
                HttpStatus = 201,
                DurationMs = 12,
                Input = """{"email":"ada@example.com","name":"Ada Lovelace"}""",
                Output = """{"id":"c_123456","email":"ada@example.com","created":true}""",
                StartedAt = _start.AddTicks(n),
                Caller = ActionCaller.Rest,
            };
        }
    }

    private sealed record RawResult(int Batch, long Rows, TimeSpan Elapsed, double[] SortedBatchMicroseconds)
    {
        public double RowsPerSecond => Rows / Elapsed.TotalSeconds;

        public double BatchMicroseconds(double p) => Percentile(SortedBatchMicroseconds, p);
    }

    private sealed record BatchStats(int[] Rows, double[] SortedIntervalMicroseconds)
    {
        public double MeanRows => Rows.Length == 0 ? double.NaN : Rows.Average();

        public double IntervalMicroseconds(double p) => Percentile(SortedIntervalMicroseconds, p);
    }

    private static string I(FormattableString text) => FormattableString.Invariant(text);

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    /// <summary>Listens to the writer's rows-written counter: one measurement per committed batch, with its size.</summary>
    private sealed class BatchRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(long At, int Rows)> _batches = new(1_000_000);
        private volatile bool _recording;

        public BatchRecorder()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == WriterTelemetry.MeterName && instrument.Name == "fastn.storage.writer.rows_written")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
            {
                if (_recording)
                {
                    lock (_batches)
                    {
                        _batches.Add((Stopwatch.GetTimestamp(), (int)value));
                    }
                }
            });
            _listener.Start();
        }

        public void Start() => _recording = true;

        public void Stop() => _recording = false;

        public BatchStats Stats()
        {
            lock (_batches)
            {
                var intervals = new double[Math.Max(0, _batches.Count - 1)];
                for (var i = 1; i < _batches.Count; i++)
                {
                    intervals[i - 1] = Stopwatch.GetElapsedTime(_batches[i - 1].At, _batches[i].At).TotalMicroseconds;
                }

                Array.Sort(intervals);
                return new BatchStats([.. _batches.Select(b => b.Rows)], intervals);
            }
        }

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>A fresh, migrated Fastn SQLite database under /tmp, with the storage services the server registers.</summary>
    private sealed class BenchDatabase : IAsyncDisposable
    {
        private readonly string _directory;

        private BenchDatabase(string directory, ServiceProvider services)
        {
            _directory = directory;
            Services = services;
        }

        public ServiceProvider Services { get; }

        public StorageOptions Storage => Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value;

        public static async Task<BenchDatabase> CreateAsync()
        {
            var directory = Directory.CreateTempSubdirectory("fastn-bench-writer-").FullName;
            var services = new ServiceCollection().AddLogging();
            services.AddFastnStorage(o => o.DataDirectory = directory);
            var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<IStorageInitializer>().InitializeAsync();
            return new BenchDatabase(directory, provider);
        }

        public async Task<long> CountRowsAsync()
        {
            await using var connection = new SqliteConnection(Storage.GetConnectionString());
            await connection.OpenAsync();
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM \"ActionCalls\"";
            return (long)(await count.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            // Disposing the provider drains and closes the writer.
            await Services.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
