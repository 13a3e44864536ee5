using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fastn.Storage;

/// <summary>Turns provider-specific write failures into <see cref="StorageException"/>s with a clear message.</summary>
internal static class StorageErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    public static StorageException? Translate(DbUpdateException ex)
    {
        var entity = ex.Entries.Count > 0 ? ex.Entries[0].Metadata.ClrType.Name : "row";
        if (ex is DbUpdateConcurrencyException)
        {
            return new ConcurrencyConflictException(
                $"The {entity} was changed or deleted by someone else since it was read; reload it and try again.", ex);
        }

        return IsUniqueViolation(ex.InnerException)
            ? new DuplicateKeyException(entity, $"A {entity} with the same key already exists ({ex.InnerException!.Message}).", ex)
            : null;
    }

    public static bool IsUniqueViolation(Exception? inner) => inner switch
    {
        SqliteException s => s.SqliteErrorCode == SqliteConstraint
            && s.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
