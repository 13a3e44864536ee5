using Fastn.Engine.Execution;
using Fastn.Storage.ActionCalls;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Engine.Persistence;

/// <summary>Writes call records to the store's action-call log.</summary>
public sealed class StoreActionCallLog(IServiceScopeFactory scopes) : IActionCallLog
{
    /// <inheritdoc />
    public async Task RecordAsync(ActionCallRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var scope = scopes.CreateScope();
        var log = scope.ServiceProvider.GetRequiredService<ActionCallLog>();
        await log.AppendAsync(new ActionCall
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
        }, cancellationToken).ConfigureAwait(false);
    }
}
