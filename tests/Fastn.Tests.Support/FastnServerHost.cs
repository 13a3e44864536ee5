using System.Security.Cryptography;
using Fastn.Client;
using Fastn.Connectors;
using Fastn.Engine.Hosting;
using Fastn.Server;
using Fastn.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Fastn.Tests.Support;

/// <summary>
/// The real Fastn server (<see cref="FastnServer.Build"/>) on a real Kestrel at 127.0.0.1 with its embedded Orleans
/// silo, the Acme sandbox, a SQLite data directory of its own and a known admin key.
/// </summary>
public sealed class FastnServerHost : IAsyncDisposable
{
    private FastnServerHost(WebApplication app, string baseUrl, string dataDirectory, string adminKey)
    {
        App = app;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
        AdminKey = adminKey;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(baseUrl + "/") };
    }

    public WebApplication App { get; }

    /// <summary>e.g. http://127.0.0.1:41234 (also the server's PublicBaseUrl).</summary>
    public string BaseUrl { get; }

    public string DataDirectory { get; }

    public string AdminKey { get; }

    /// <summary>A plain client without credentials that does not follow redirects (the "browser").</summary>
    public HttpClient Http { get; }

    public static async Task<FastnServerHost> StartAsync(IEnumerable<ConnectorDefinition> connectors)
    {
        var extra = connectors.ToList();
        for (var attempt = 1; ; attempt++)
        {
            var dataDirectory = Path.Combine(Path.GetTempPath(), "fastn-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dataDirectory);
            var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
            var adminKey = "fk_" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 30);
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
            var app = FastnServer.Build([.. settings.Select(kv => $"--{kv.Key}={kv.Value}")], b =>
            {
                b.Logging.ClearProviders();
                var fastn = b.Services.AddFastn();
                foreach (var connector in extra)
                {
                    fastn.AddConnector(connector, "test");
                }
            });
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await app.StartAsync(timeout.Token);
                return new FastnServerHost(app, baseUrl, dataDirectory, adminKey);
            }
            catch (IOException) when (attempt < 3)
            {
                // The port was taken between choosing and binding it: try another.
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>A <see cref="FastnClient"/> with the admin key (or <paramref name="apiKey"/>), optionally for a tenant.</summary>
    public FastnClient Client(string? tenant = null, string? apiKey = null) => new(BaseUrl, apiKey ?? AdminKey, tenant);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await App.StopAsync(timeout.Token);
        }

        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
