using Fastn.Server.Tests.Infrastructure;

namespace Fastn.Server.Tests.PlatformCore;

[Collection(ServerCollection.Name)]
public sealed class NewcomerPathTests(ServerFixture fixture)
{
    [Fact]
    public Task ConnectAcme_Sqlite_ConnectionActiveAndListContactsReturnsAcmeContacts() => Scenarios.NewcomerPathAsync(fixture.Server);

    [Fact]
    public async Task ConnectAcme_Postgres_ConnectionActiveAndListContactsReturnsAcmeContacts()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var server = await FastnTestServer.StartAsync(new FastnTestServerOptions { PostgresConnectionString = database.ConnectionString });

        await Scenarios.NewcomerPathAsync(server);

        // The data went to PostgreSQL, not to a SQLite file beside it.
        File.Exists(Path.Combine(server.DataDirectory, "fastn.db")).ShouldBeFalse();
    }
}
