using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fastn.Storage;

/// <summary>The PostgreSQL flavour of <see cref="FastnDbContext"/>; migrations in <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresFastnDbContext(DbContextOptions<PostgresFastnDbContext> options, ITenantScope scope)
    : FastnDbContext(options, scope)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // timestamptz only accepts offset 0; normalise whatever offset a caller passes.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<ToUtcConverter>();
    }

    private sealed class ToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(),
        v => v.ToUniversalTime());
}
