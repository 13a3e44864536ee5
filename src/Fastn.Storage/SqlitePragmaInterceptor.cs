using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fastn.Storage;

/// <summary>
/// Puts every SQLite connection in WAL mode (readers never block the writer) with a busy timeout
/// (writers queue instead of failing with SQLITE_BUSY) and the configured <c>synchronous</c> level.
/// </summary>
internal sealed class SqlitePragmaInterceptor(string pragmas) : DbConnectionInterceptor
{
    private readonly string _pragmas = pragmas;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
