using Fastn.Storage.Writing;

namespace Fastn.Storage.ActionCalls;

/// <summary>The <c>ActionCalls</c> table for the group-commit writer, mapped as EF maps it (see <see cref="FastnDbContext"/>).</summary>
internal static class ActionCallTable
{
    public static GroupCommitTable<ActionCall> For(StorageProvider provider) => new("ActionCalls",
    [
        new("Id", c => c.Id),
        new("WorkspaceId", c => c.WorkspaceId),
        new("TenantId", c => c.TenantId),
        new("ConnectionId", c => c.ConnectionId),
        new("Connector", c => c.Connector),
        new("Action", c => c.Action),
        new("Status", c => c.Status.ToString()),
        new("ErrorType", c => c.ErrorType),
        new("ErrorDetail", c => c.ErrorDetail),
        new("HttpStatus", c => c.HttpStatus),
        new("DurationMs", c => c.DurationMs),
        new("Input", c => c.Input),
        new("Output", c => c.Output),
        // SQLite keeps DateTimeOffset as UTC ticks (UtcTicksConverter); PostgreSQL as timestamptz in UTC.
        new("StartedAt", provider == StorageProvider.Postgres ? c => c.StartedAt.ToUniversalTime() : c => c.StartedAt.UtcTicks),
        new("Caller", c => c.Caller.ToString()),
    ],
    ["Id"]);
}
