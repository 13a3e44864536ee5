using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Fastn.Storage.Tests;

public sealed class StorageRegistrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void AddFastnStorage_PostgresConfiguration_BindsSectionAndConnectionString()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fastn:Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Fastn"] = "Host=db;Database=fastn",
        }).Build());
        services.AddFastnStorage();
        using var sp = services.BuildServiceProvider();
        using var scope = sp.CreateScope();

        var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();

        options.Provider.ShouldBe(StorageProvider.Postgres);
        options.GetConnectionString().ShouldBe("Host=db;Database=fastn");
        db.ShouldBeOfType<PostgresFastnDbContext>();
    }

    [Fact]
    public void AddFastnStorage_NoConfiguration_DefaultsToSqliteFileInDataDirectory()
    {
        var services = new ServiceCollection();
        services.AddFastnStorage();
        using var sp = services.BuildServiceProvider();

        var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;

        options.Provider.ShouldBe(StorageProvider.Sqlite);
        options.GetConnectionString().ShouldBe($"Data Source={Path.Combine("data", "fastn.db")}");
    }

    [Fact]
    public void AddFastnStorage_PostgresWithoutConnectionString_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddFastnStorage(o => o.Provider = StorageProvider.Postgres);
        using var sp = services.BuildServiceProvider();

        var ex = Should.Throw<OptionsValidationException>(() => sp.GetRequiredService<IOptions<StorageOptions>>().Value);

        ex.Message.ShouldContain("ConnectionStrings:Fastn");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Initialize_Sqlite_DataDirectoryAndDatabaseFilesPrivateToTheUser()
    {
        var dir = Path.Combine(Path.GetTempPath(), "fastn-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddFastnStorage(o => o.DataDirectory = dir);
            await using (var sp = services.BuildServiceProvider())
            {
                await sp.GetRequiredService<IStorageInitializer>().InitializeAsync(Ct);
                await using var scope = sp.GetRequiredService<IServiceScopeFactory>().CreateAsyncSystemScope("writes one workspace");
                await scope.ServiceProvider.GetRequiredService<Workspaces.WorkspaceStore>().CreateWorkspaceAsync("Private", cancellationToken: Ct);
            }

            File.GetUnixFileMode(dir).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var files = Directory.GetFiles(dir, "fastn.db*");
            files.ShouldContain(Path.Combine(dir, "fastn.db"));
            foreach (var file in files)
            {
                File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, file);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task AddFastnStorage_ManyServiceProviders_DoNotTripEfServiceProviderLimit()
    {
        // Test hosts build many providers; EF throws after 20 internal providers if options make each one unique.
        var dir = Path.Combine(Path.GetTempPath(), "fastn-storage-tests", Guid.NewGuid().ToString("N"));
        try
        {
            for (var i = 0; i < 25; i++)
            {
                var services = new ServiceCollection();
                services.AddLogging();
                services.AddFastnStorage(o => o.DataDirectory = dir);
                await using var sp = services.BuildServiceProvider();
                await sp.GetRequiredService<IStorageInitializer>().InitializeAsync(Ct);
                await using var scope = sp.GetRequiredService<IServiceScopeFactory>().CreateAsyncSystemScope("counts every workspace");
                (await scope.ServiceProvider.GetRequiredService<FastnDbContext>().Workspaces.CountAsync(Ct)).ShouldBe(0);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void NewId_SameMillisecond_MonotonicAndWellFormed()
    {
        var generator = new UlidIdGenerator(new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        var ids = Enumerable.Range(0, 1000).Select(_ => generator.NewId("conn")).ToList();

        ids.ShouldAllBe(id => id.Length == 31 && id.StartsWith("conn_"));
        ids.ShouldBe(ids.Order(StringComparer.Ordinal).ToList());
        ids.Distinct().Count().ShouldBe(1000);
    }

    [Fact]
    public void NewId_LaterTime_SortsAfterEarlier()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var generator = new UlidIdGenerator(time);
        var earlier = generator.NewId("evt");

        time.Advance(TimeSpan.FromMilliseconds(1));
        var later = generator.NewId("evt");

        string.CompareOrdinal(later, earlier).ShouldBeGreaterThan(0);
        later[4..14].ShouldNotBe(earlier[4..14]);
    }
}
