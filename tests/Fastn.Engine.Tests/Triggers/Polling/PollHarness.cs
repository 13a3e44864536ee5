using Fastn.Connectors;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;
using Fastn.Connectors.Triggers;
using Fastn.Engine.Connections;
using Fastn.Engine.Hosting;
using Fastn.Engine.Triggers.Polling;
using Fastn.Storage;
using Fastn.Storage.Events;
using Fastn.Storage.Polling;
using Fastn.Storage.Subscriptions;
using Fastn.Storage.Workspaces;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Fastn.Engine.Tests.Triggers.Polling;

/// <summary>One record of the scripted app.</summary>
public sealed record Item(string Id, string Name, string? Etag = null);

/// <summary>
/// A real poll runner over a real, migrated SQLite file or PostgreSQL database and the real action executor, against an
/// in-memory app whose pages a test scripts (page size, repeats, loops, failures). Only the connection broker is faked.
/// </summary>
internal sealed class PollHarness : IAsyncDisposable
{
    public const string WorkspaceId = "ws_poll";
    public const string TenantId = "tenant-1";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fastn-poll-tests", Guid.NewGuid().ToString("N"));
    private string? _admin;
    private string? _database;

    private PollHarness()
    {
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    public Broker Connections { get; private set; } = null!;

    public ServiceProvider Services { get; private set; } = null!;

    public StorageProvider Provider { get; private set; }

    public string ConnectionId { get; private set; } = "";

    public string SubscriptionId { get; private set; } = "";

    /// <summary>The app's records, listed in order, <see cref="PageSize"/> a page.</summary>
    public List<Item> Records { get; } = [];

    public int PageSize { get; set; } = 2;

    /// <summary>Replaces the app's paging for one test: request → page (or throws).</summary>
    public Func<PollRequest, PollPage<Item>>? Script { get; set; }

    public List<PollRequest> Requests { get; } = [];

    public static async Task<PollHarness> CreateAsync(StorageProvider provider, bool detectDeletes = false, PollInitialSync initialSync = PollInitialSync.Baseline,
        Action<PollingOptions>? configure = null)
    {
        var h = new PollHarness { Provider = provider };
        string? connectionString = null;
        if (provider == StorageProvider.Postgres)
        {
            h._admin = Environment.GetEnvironmentVariable("FASTN_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(h._admin))
            {
                Assert.Skip("FASTN_TEST_POSTGRES is not set (./test.sh starts PostgreSQL and sets it).");
            }

            h._database = "fastn_poll_" + Guid.NewGuid().ToString("N");
            await using (var admin = new NpgsqlConnection(h._admin))
            {
                await admin.OpenAsync(Ct);
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{h._database}\"", admin);
                await create.ExecuteNonQueryAsync(Ct);
            }

            connectionString = new NpgsqlConnectionStringBuilder(h._admin) { Database = h._database }.ConnectionString;
        }

        var trigger = Define.PollTrigger<Item>("item_changed", "An item was created, updated or deleted.",
            fetchPage: (request, _, _) => Task.FromResult(h.Fetch(request)), recordId: i => i.Id, every: TimeSpan.FromMinutes(1), detectDeletes: detectDeletes)
            with { IgnoredFields = ["etag"] };
        var definition = new ConnectorDefinition
        {
            Name = "poll-app",
            DisplayName = "Poll App",
            BaseUrl = "https://app.example/",
            Auth = new NoAuth(),
            Triggers = { trigger },
        };

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(h.Time);
        h.Connections = new Broker();
        services.AddSingleton<ICredentialBroker>(h.Connections);
        services.AddFastnStorage(o =>
        {
            o.Provider = provider;
            o.ConnectionString = connectionString;
            o.DataDirectory = h._directory;
        });
        services.AddFastn().AddConnector(definition);
        services.Configure<PollingOptions>(o => configure?.Invoke(o));
        h.Services = services.BuildServiceProvider();
        await h.Services.GetRequiredService<IStorageInitializer>().InitializeAsync(Ct);

        await h.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<WorkspaceStore>().CreateWorkspaceAsync("Poll tests", id: WorkspaceId, cancellationToken: Ct);
            var connection = await sp.GetRequiredService<Storage.Connections.ConnectionStore>().CreateAsync(new Storage.Connections.NewConnection
            {
                WorkspaceId = WorkspaceId,
                TenantId = TenantId,
                Connector = "poll-app",
                AuthMethod = "none",
            }, Ct);
            h.ConnectionId = connection.Id;
            var subscription = await sp.GetRequiredService<SubscriptionStore>().CreateAsync(WorkspaceId, TenantId, connection.Id, "poll-app", "item_changed", "{}", null,
                s =>
                {
                    s.PollSlot = PollStore.SlotOf(s.Id);
                    s.InitialSync = initialSync;
                    s.NextPollAt = h.Time.GetUtcNow();
                }, Ct);
            h.SubscriptionId = subscription.Id;
            return 0;
        });
        h.Connections.Connection = new ConnectionInfo(h.ConnectionId, new TenantInfo(WorkspaceId, TenantId), "poll-app", "none", ConnectionState.Active, null);
        return h;
    }

    public Task<PollRunResult> PollAsync(bool manual = true) =>
        Services.GetRequiredService<PollRunner>().RunAsync(SubscriptionId, manual, Ct);

    public Task<Subscription> SubscriptionAsync() =>
        InScopeAsync(async sp => (await sp.GetRequiredService<SubscriptionStore>().GetAsync(SubscriptionId, Ct)).ShouldNotBeNull());

    public Task<List<PlatformEvent>> EventsAsync() =>
        InScopeAsync(sp => sp.GetRequiredService<FastnDbContext>().Events.AsNoTracking()
            .Where(e => e.SubscriptionId == SubscriptionId).OrderBy(e => e.Id).ToListAsync(Ct));

    public Task<IReadOnlyList<DuePoll>> DueAsync() =>
        InScopeAsync(sp => sp.GetRequiredService<PollStore>().ListDueAsync(0, PollStore.Slots, Time.GetUtcNow(), 100, Ct));

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncSystemScope("poll test arrange/assert");
        return await work(scope.ServiceProvider);
    }

    /// <summary>Runs raw SQL (the tests' stand-in for a crash: a database trigger that refuses hash writes).</summary>
    public Task SqlAsync(string sqlite, string postgres) =>
        InScopeAsync(async sp => await sp.GetRequiredService<FastnDbContext>().Database.ExecuteSqlRawAsync(Provider == StorageProvider.Postgres ? postgres : sqlite, Ct));

    private PollPage<Item> Fetch(PollRequest request)
    {
        Requests.Add(request);
        if (Script is { } script)
        {
            return script(request);
        }

        var offset = request.Cursor is null ? 0 : int.Parse(request.Cursor, System.Globalization.CultureInfo.InvariantCulture);
        var page = Records.Skip(offset).Take(PageSize).ToList();
        var next = offset + PageSize < Records.Count ? (offset + PageSize).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new PollPage<Item>(page, next) { CompletesFullPass = next is null };
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_admin);
            await admin.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>The one connection, as the grain would report it; null when it is gone.</summary>
    internal sealed class Broker : ICredentialBroker
    {
        public ConnectionInfo? Connection { get; set; }

        public Task<OpenedConnection?> OpenAsync(TenantInfo tenant, string connectionId, CancellationToken cancellationToken) =>
            Task.FromResult(Connection is { } c && c.Tenant == tenant && c.Id == connectionId ? new OpenedConnection(c, AuthCredentials.Empty) : null);

        public Task<AuthCredentials> RefreshAsync(ConnectionInfo connection, string? staleAccessToken, CancellationToken cancellationToken) =>
            throw new AuthRequiredException("This connection cannot refresh.");
    }
}
