using Fastn.Storage;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Fastn.Connectors;
using Fastn.Engine.Hosting;
using Fastn.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fastn.Server.Tests.Infrastructure;

/// <summary>How a <see cref="FastnTestServer"/> is set up.</summary>
public sealed class FastnTestServerOptions
{
    /// <summary>Npgsql connection string of an empty database; null for the default SQLite file.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Extra configuration (<c>key=value</c> without the leading <c>--</c>).</summary>
    public IDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Connectors registered besides the built-in ones.</summary>
    public IList<ConnectorDefinition> Connectors { get; init; } = [];

    /// <summary>
    /// An existing data directory to start on (a restart of an earlier server, together with its <see cref="AdminKey"/>);
    /// left in place on dispose. Null for a fresh directory of its own, deleted on dispose.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>The admin key to bootstrap with; null for a random one.</summary>
    public string? AdminKey { get; init; }

    /// <summary>Hosts (<c>host:port</c>) connectors may reach although they are loopback.</summary>
    public IList<string> AllowedPrivateHosts { get; init; } = [];
}

/// <summary>
/// The real Fastn server (<see cref="FastnServer.Build"/>) on a real Kestrel at 127.0.0.1 with its embedded Orleans
/// silo, a data directory of its own, a known admin key, and every log line captured.
/// </summary>
public sealed class FastnTestServer : IAsyncDisposable
{
    private readonly bool _ownsDataDirectory;

    private FastnTestServer(WebApplication app, string baseUrl, string dataDirectory, string adminKey, CapturedLogs logs, bool ownsDataDirectory)
    {
        _ownsDataDirectory = ownsDataDirectory;
        App = app;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
        AdminKey = adminKey;
        Logs = logs;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(baseUrl + "/") };
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>e.g. http://127.0.0.1:41234 (also the server's PublicBaseUrl).</summary>
    public string BaseUrl { get; }

    public string DataDirectory { get; }

    /// <summary>The plaintext admin API key given at first start.</summary>
    public string AdminKey { get; }

    public CapturedLogs Logs { get; }

    /// <summary>A client for the server without credentials, not following redirects.</summary>
    public HttpClient Http { get; }

    public static async Task<FastnTestServer> StartAsync(FastnTestServerOptions? options = null)
    {
        options ??= new FastnTestServerOptions();
        for (var attempt = 1; ; attempt++)
        {
            var dataDirectory = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "fastn-server-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dataDirectory);
            var port = FreePort.Next();
            var baseUrl = $"http://127.0.0.1:{port}";
            var adminKey = options.AdminKey ?? "fk_" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 30);
            var settings = new Dictionary<string, string>
            {
                ["contentRoot"] = dataDirectory,
                ["urls"] = baseUrl,
                ["Fastn:PublicBaseUrl"] = baseUrl,
                ["Fastn:Storage:DataDirectory"] = dataDirectory,
                ["Fastn:Cluster:SiloPort"] = "0",
                ["Fastn:Cluster:GatewayPort"] = "0",
                ["Fastn:Bootstrap:AdminApiKey"] = adminKey,
                ["Fastn:PluginFolder"] = Path.Combine(dataDirectory, "connectors"),
            };
            if (options.PostgresConnectionString is { } postgres)
            {
                settings["Fastn:Storage:Provider"] = "Postgres";
                settings["Fastn:Storage:ConnectionString"] = postgres;
            }

            for (var i = 0; i < options.AllowedPrivateHosts.Count; i++)
            {
                settings[$"Fastn:Http:AllowedPrivateHosts:{i}"] = options.AllowedPrivateHosts[i];
            }

            foreach (var (key, value) in options.Settings)
            {
                settings[key] = value;
            }

            var logs = new CapturedLogs();
            var app = FastnServer.Build([.. settings.Select(kv => $"--{kv.Key}={kv.Value}")], b =>
            {
                b.Logging.ClearProviders();
                b.Logging.AddProvider(logs);
                b.Logging.SetMinimumLevel(LogLevel.Information);
                b.Logging.AddFilter("Fastn", LogLevel.Debug);
                b.Logging.AddFilter("Orleans", LogLevel.Warning);
                var fastn = b.Services.AddFastn();
                foreach (var connector in options.Connectors)
                {
                    fastn.AddConnector(connector, "test");
                }
            });
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await app.StartAsync(timeout.Token);
                return new FastnTestServer(app, baseUrl, dataDirectory, adminKey, logs, ownsDataDirectory: options.DataDirectory is null);
            }
            catch (IOException) when (attempt < 3)
            {
                // The port was taken between choosing and binding it: try another.
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>A request to the API with an API key (the admin key by default) and optionally a tenant.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, string? tenant = null, object? json = null, string? apiKey = null)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey ?? AdminKey);
        if (tenant is not null)
        {
            request.Headers.Add("x-fastn-space-tenantid", tenant);
        }

        if (json is not null)
        {
            request.Content = JsonContent.Create(json, json.GetType());
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? tenant = null, object? json = null, string? apiKey = null)
    {
        using var request = Request(method, path, tenant, json, apiKey);
        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Runs code in a DI scope of the server (system tenant scope: sees every workspace).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncSystemScope("test set-up and assertions across workspaces");
        return await work(scope.ServiceProvider);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await App.StopAsync(timeout.Token);
        }

        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsDataDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS temp cleaner takes what is left.
        }
    }
}
