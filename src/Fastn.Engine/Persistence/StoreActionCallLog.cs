using Fastn.Engine.Execution;
using Fastn.Storage.ActionCalls;
using Fastn.Storage.Writing;

namespace Fastn.Engine.Persistence;

/// <summary>
/// Writes call records behind the call through the storage's group-commit writer, so an action call does not wait
/// for a database commit. A record is lost only if the process dies within the write-behind window (the time one
/// commit takes, see the Storage README); readers of the log call <see cref="DrainAsync"/> first to see every call
/// that has returned.
/// </summary>
internal sealed class StoreActionCallLog(GroupCommitWriter<ActionCall> writer) : IActionCallLog
{
    /// <inheritdoc />
    public Task RecordAsync(ActionCallRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return writer.EnqueueAsync(ToRow(record), cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public async Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await writer.FlushAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout passed: show what is stored so far rather than fail the read.
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
        Status = record.Cancelled ? ActionCallStatus.Cancelled : record.Succeeded ? ActionCallStatus.Succeeded : ActionCallStatus.Failed,
        ErrorType = Storable(record.ErrorType),
        ErrorDetail = Storable(record.ErrorDetail),
        HttpStatus = record.UpstreamStatus,
        DurationMs = (long)record.Duration.TotalMilliseconds,
        Input = Storable(record.Input) ?? "null",
        Output = Storable(record.Output) ?? "null",
        StartedAt = record.StartedAt,
        Caller = record.Caller switch
        {
            Execution.ActionCaller.Flow => Storage.ActionCalls.ActionCaller.Flow,
            Execution.ActionCaller.Mcp => Storage.ActionCalls.ActionCaller.Mcp,
            Execution.ActionCaller.Trigger => Storage.ActionCalls.ActionCaller.Trigger,
            Execution.ActionCaller.Cdm => Storage.ActionCalls.ActionCaller.Cdm,
            _ => Storage.ActionCalls.ActionCaller.Rest,
        },
    };

    /// <summary>
    /// The text with NULs and lone surrogates replaced by U+FFFD: PostgreSQL text accepts neither, and one such
    /// character in a quoted error would otherwise make the whole record fail to store (and vanish from the log).
    /// </summary>
    private static string? Storable(string? text)
    {
        if (text is null)
        {
            return null;
        }

        // Copied only when something must change; a well-formed surrogate pair is kept.
        char[]? chars = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (text[i] == '\0' || char.IsSurrogate(text[i]))
            {
                (chars ??= text.ToCharArray())[i] = '\uFFFD';
            }
        }

        return chars is null ? text : new string(chars);
    }
}
