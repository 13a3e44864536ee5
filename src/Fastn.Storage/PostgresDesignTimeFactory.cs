using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fastn.Storage;

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresFastnDbContext</c> build the model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresFastnDbContext>
{
    public PostgresFastnDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresFastnDbContext>().UseNpgsql("Host=localhost;Database=fastn_design").Options, TenantScope.ForSystem("design-time migrations"));
}
