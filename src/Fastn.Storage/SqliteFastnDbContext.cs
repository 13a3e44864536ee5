using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage;

/// <summary>The SQLite flavour of <see cref="FastnDbContext"/>; migrations in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteFastnDbContext(DbContextOptions<SqliteFastnDbContext> options, ITenantScope scope)
    : FastnDbContext(options, scope)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text; UTC ticks in an INTEGER column can.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}
