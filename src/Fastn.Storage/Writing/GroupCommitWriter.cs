using System.Data.Common;
using System.Text;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Fastn.Storage.Writing;

/// <summary>
/// Group-commits rows of one append-only table from many concurrent writers: one background loop takes whatever is
/// queued (up to <see cref="GroupCommitWriterOptions.MaxBatchRows"/>) and stores it in one transaction, with one raw
/// multi-row <c>INSERT</c> (PostgreSQL) or one prepared one-row <c>INSERT</c> a row (SQLite, in-process); rows that
/// arrive while a commit is in flight form the next batch, so the window is the commit itself and nothing waits on a
/// timer. Two modes: <see cref="WriteAsync"/> returns once its own row is committed; <see cref="EnqueueAsync"/>
/// returns once the row is queued (write-behind). Transient failures are retried; a batch that still fails is split
/// in halves until the bad row is alone, so one bad row never takes others with it; a row that cannot be stored fails
/// its <see cref="WriteAsync"/> caller, or is logged and counted in <c>fastn.storage.writer.rows_failed</c>, never
/// counted as written. Stopping (host stop or <see cref="DisposeAsync"/>) drains the queue.
/// </summary>
/// <remarks>
/// Raw SQL on its own connection: no EF change tracking and no tenant query filter (this is system code; each row
/// carries its own workspace and tenant).
/// </remarks>
public sealed class GroupCommitWriter<TRow> : IHostedService, IAsyncDisposable
{
    private readonly GroupCommitTable<TRow> _table;
    private readonly StorageProvider _provider;
    private readonly string _connectionString;
    private readonly string _sqlitePragmas;
    private readonly GroupCommitWriterOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim? _sqliteGate;
    private readonly Channel<Entry> _queue;
    private readonly Dictionary<int, string> _sqlByRowCount = [];
    private readonly KeyValuePair<string, object?> _tableTag;
    private readonly Task _loop;
    private DbConnection? _connection;
    private long _written;
    private long _failed;

    /// <summary>Creates the writer and starts its loop.</summary>
    public GroupCommitWriter(GroupCommitTable<TRow> table, StorageOptions storage, GroupCommitWriterOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(storage);
        _table = table;
        _provider = storage.Provider;
        _connectionString = storage.GetConnectionString();
        _sqlitePragmas = storage.SqlitePragmas;
        _options = options ?? new GroupCommitWriterOptions();
        _logger = logger ?? NullLogger.Instance;
        _sqliteGate = _provider == StorageProvider.Sqlite ? SqliteWriteGate.For(_connectionString) : null;
        _tableTag = new("table", table.Name);
        var maxRows = Math.Max(1, Math.Min(_options.MaxBatchRows, MaxParameters / table.Columns.Count));
        _options.MaxBatchRows = maxRows;
        _queue = Channel.CreateBounded<Entry>(new BoundedChannelOptions(Math.Max(1, _options.QueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    // SQLite's default SQLITE_MAX_VARIABLE_NUMBER is 32766; PostgreSQL's limit is 65535.
    private const int MaxParameters = 32_000;

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Rows committed so far.</summary>
    public long RowsWritten => Interlocked.Read(ref _written);

    /// <summary>Rows given up on so far (each also logged, or thrown to its <see cref="WriteAsync"/> caller).</summary>
    public long RowsFailed => Interlocked.Read(ref _failed);

    /// <summary>Stores a row and returns once its transaction has committed; throws <see cref="RowWriteException"/> when it could not be stored.</summary>
    public async Task WriteAsync(TRow row, CancellationToken cancellationToken = default)
    {
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Entry(row, committed, IsFlush: false), cancellationToken).ConfigureAwait(false);
        // Once queued the row will be written; cancelling only stops this caller from waiting.
        await committed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues a row (write-behind) and returns; waits only when the queue is full (back-pressure).</summary>
    public ValueTask EnqueueAsync(TRow row, CancellationToken cancellationToken = default) =>
        _queue.Writer.TryWrite(new Entry(row, null, IsFlush: false))
            ? ValueTask.CompletedTask
            : _queue.Writer.WriteAsync(new Entry(row, null, IsFlush: false), cancellationToken);

    /// <summary>Returns once every row queued before the call has been committed or given up on.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Entry(default!, done, IsFlush: true)))
        {
            try
            {
                await _queue.Writer.WriteAsync(new Entry(default!, done, IsFlush: true), cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                // Stopped: the drain writes everything that was queued.
                await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops taking rows and drains the queue (until <paramref name="cancellationToken"/> gives up waiting).</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return _loop.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking rows, drains the queue and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Entry>(_options.MaxBatchRows);
        var rows = new List<Entry>(_options.MaxBatchRows);
        try
        {
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                batch.Clear();
                rows.Clear();
                while (rows.Count < _options.MaxBatchRows && _queue.Reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                    if (!entry.IsFlush)
                    {
                        rows.Add(entry);
                    }
                }

                if (rows.Count > 0)
                {
                    await StoreAsync(rows, 0, rows.Count).ConfigureAwait(false);
                }

                foreach (var entry in batch)
                {
                    if (entry.IsFlush)
                    {
                        entry.Done!.TrySetResult();
                    }
                }
            }
        }
        finally
        {
            if (_connection is not null)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
                _connection = null;
            }
        }
    }

    // Stores rows[start..start+count): whole, or bisected when the batch fails for a reason that is not transient.
    private async Task StoreAsync(List<Entry> rows, int start, int count)
    {
        var error = await TryInsertAsync(rows, start, count).ConfigureAwait(false);
        if (error is null)
        {
            Interlocked.Add(ref _written, count);
            WriterTelemetry.RowsWritten.Add(count, _tableTag);
            for (var i = start; i < start + count; i++)
            {
                rows[i].Done?.TrySetResult();
            }

            return;
        }

        if (count > 1 && !IsTransient(error))
        {
            var half = count / 2;
            await StoreAsync(rows, start, half).ConfigureAwait(false);
            await StoreAsync(rows, start + half, count - half).ConfigureAwait(false);
            return;
        }

        Interlocked.Add(ref _failed, count);
        WriterTelemetry.RowsFailed.Add(count, _tableTag);
        var waited = 0;
        for (var i = start; i < start + count; i++)
        {
            if (rows[i].Done is { } done)
            {
                waited++;
                done.TrySetException(new RowWriteException($"A row could not be stored in {_table.Name}: {error.Message}", error));
            }
        }

        if (waited < count)
        {
            _logger.LogError(error, "Could not store {Count} write-behind row(s) in {Table}", count - waited, _table.Name);
        }
    }

    // Null on commit; otherwise the last error (after retrying transient ones).
    private async Task<Exception?> TryInsertAsync(List<Entry> rows, int start, int count)
    {
        var delay = _options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await InsertAsync(rows, start, count).ConfigureAwait(false);
                return null;
            }
            catch (Exception ex)
            {
                await ResetConnectionAsync().ConfigureAwait(false);
                if (!IsTransient(ex) || attempt >= _options.MaxAttempts)
                {
                    return ex;
                }

                _logger.LogWarning("Transient failure storing {Count} row(s) in {Table} (attempt {Attempt}): {Message}", count, _table.Name, attempt, ex.Message);
                await Task.Delay(delay, _options.RetryClock).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    private async Task InsertAsync(List<Entry> rows, int start, int count)
    {
        if (_sqliteGate is not null)
        {
            await _sqliteGate.WaitAsync().ConfigureAwait(false);
        }

        try
        {
            var connection = _connection ??= await OpenAsync().ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var columns = _table.Columns;
            if (_provider == StorageProvider.Sqlite)
            {
                // In-process SQLite: a prepared one-row INSERT per row costs the same per row at any batch size, while a
                // multi-row INSERT's cost per row grows with its size (bench/RESULTS.md, writer section).
                command.CommandText = Sql(1);
                var parameters = new DbParameter[columns.Count];
                for (var c = 0; c < columns.Count; c++)
                {
                    parameters[c] = command.CreateParameter();
                    parameters[c].ParameterName = "@p" + c.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    command.Parameters.Add(parameters[c]);
                }

                for (var i = start; i < start + count; i++)
                {
                    var row = rows[i].Row;
                    for (var c = 0; c < columns.Count; c++)
                    {
                        parameters[c].Value = columns[c].Value(row) ?? DBNull.Value;
                    }

                    await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                }

                await transaction.CommitAsync().ConfigureAwait(false);
                return;
            }

            command.CommandText = Sql(count);
            var n = 0;
            for (var i = start; i < start + count; i++)
            {
                var row = rows[i].Row;
                foreach (var column in columns)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = _provider == StorageProvider.Postgres ? "" : "@p" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    parameter.Value = column.Value(row) ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                    n++;
                }
            }

            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
        }
        finally
        {
            _sqliteGate?.Release();
        }
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = _provider == StorageProvider.Postgres
            ? new NpgsqlConnection(_connectionString)
            : new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync().ConfigureAwait(false);
            if (_provider == StorageProvider.Sqlite)
            {
                await using var pragmas = connection.CreateCommand();
                pragmas.CommandText = _sqlitePragmas;
                await pragmas.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task ResetConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (DbException ex)
            {
                _logger.LogDebug(ex, "Closing a failed writer connection");
            }
        }
    }

    private string Sql(int rowCount)
    {
        if (_sqlByRowCount.TryGetValue(rowCount, out var cached))
        {
            return cached;
        }

        var sql = new StringBuilder("INSERT INTO ").Append(Quote(_table.Name)).Append(" (");
        sql.AppendJoin(", ", _table.Columns.Select(c => Quote(c.Name))).Append(") VALUES ");
        var n = 0;
        for (var r = 0; r < rowCount; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _table.Columns.Count; c++)
            {
                n++;
                // Npgsql's positional parameters ($1) skip its named-parameter rewriting.
                sql.Append(c == 0 ? "" : ", ").Append(_provider == StorageProvider.Postgres ? "$" : "@p")
                    .Append(_provider == StorageProvider.Postgres ? n : n - 1);
            }

            sql.Append(')');
        }

        if (_table.ConflictColumns.Count > 0)
        {
            sql.Append(" ON CONFLICT (").AppendJoin(", ", _table.ConflictColumns.Select(Quote)).Append(") DO NOTHING");
        }

        var text = sql.ToString();
        // Only full batches and small remainders recur; do not grow without bound.
        if (_sqlByRowCount.Count < 64)
        {
            _sqlByRowCount[rowCount] = text;
        }

        return text;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static bool IsTransient(Exception ex) => ex switch
    {
        SqliteException { SqliteErrorCode: 5 or 6 } => true, // SQLITE_BUSY, SQLITE_LOCKED
        SqliteException => false,
        NpgsqlException { IsTransient: true } => true,
        DbException { IsTransient: true } => true,
        TimeoutException or IOException => true,
        _ => false,
    };

    private readonly record struct Entry(TRow Row, TaskCompletionSource? Done, bool IsFlush);
}
