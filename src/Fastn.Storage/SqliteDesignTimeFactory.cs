using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fastn.Storage;

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteFastnDbContext</c> build the model without a host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteFastnDbContext>
{
    public SqliteFastnDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteFastnDbContext>().UseSqlite("Data Source=design-time.db").Options, TenantScope.ForSystem("design-time migrations"));
}
