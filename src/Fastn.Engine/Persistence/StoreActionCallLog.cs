using System.Threading.Channels;
using Fastn.Engine.Execution;
using Fastn.Storage.ActionCalls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fastn.Engine.Persistence;

/// <summary>
/// Writes call records to the store in batches from a background loop, so an action call does not
/// wait for a database insert. Records are flushed within milliseconds and on shutdown; readers of the
/// log call <see cref="DrainAsync"/> first to see every call that has returned.
/// </summary>
public sealed class StoreActionCallLog(IServiceScopeFactory scopes, ILogger<StoreActionCallLog> logger) : BackgroundService, IActionCallLog
{
    private const int BatchSize = 256;
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(20);
    private readonly Channel<ActionCallRecord> _queue = Channel.CreateBounded<ActionCallRecord>(new BoundedChannelOptions(50_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private long _enqueued;
    private long _written;

    /// <inheritdoc />
    public async Task RecordAsync(ActionCallRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        Interlocked.Increment(ref _enqueued);
        if (!_queue.Writer.TryWrite(record))
        {
            // Back-pressure: the writer is behind; wait for room rather than drop a record.
            await _queue.Writer.WriteAsync(record, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until every record enqueued before the call has been written (or the timeout passes).</summary>
    public async Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _enqueued);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (Interlocked.Read(ref _written) < target && System.Diagnostics.Stopwatch.GetElapsedTime(started) < timeout)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ActionCallRecord>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                // Let a batch gather: one transaction per window instead of one commit per call.
                if (_queue.Reader.Count < BatchSize)
                {
                    await Task.Delay(BatchWindow, stoppingToken).ConfigureAwait(false);
                }

                await WriteAvailableAsync(batch, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: write what is left below.
        }

        await WriteAvailableAsync(batch, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task WriteAvailableAsync(List<ActionCallRecord> batch, CancellationToken cancellationToken)
    {
        while (_queue.Reader.TryRead(out var first))
        {
            batch.Clear();
            batch.Add(first);
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                using var scope = scopes.CreateScope();
                var log = scope.ServiceProvider.GetRequiredService<ActionCallLog>();
                await log.AppendManyAsync(batch.Select(ToRow), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Could not write {Count} action-call records", batch.Count);
            }
            finally
            {
                Interlocked.Add(ref _written, batch.Count);
            }
        }
    }

    private static ActionCall ToRow(ActionCallRecord record) => new()
    {
        Id = record.Id,
        WorkspaceId = record.WorkspaceId,
        TenantId = record.TenantId,
        ConnectionId = record.ConnectionId,
        Connector = record.Connector,
        Action = record.Action,
        Status = record.Succeeded ? ActionCallStatus.Succeeded : ActionCallStatus.Failed,
        ErrorType = record.ErrorType,
        ErrorDetail = record.ErrorDetail,
        HttpStatus = record.UpstreamStatus,
        DurationMs = (long)record.Duration.TotalMilliseconds,
        Input = record.Input ?? "null",
        Output = record.Output ?? "null",
        StartedAt = record.StartedAt,
        Caller = record.Caller,
    };
}
