using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fastn.Server;
using Fastn.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Fastn.Connectors.BuiltIn.Tests.Infrastructure;

/// <summary>
/// The real Fastn server (<see cref="FastnServer.Build"/>, sandbox with every vendor simulation on) on a real Kestrel
/// at 127.0.0.1 with its embedded Orleans silo, its own temporary data directory (SQLite) and a random admin key.
/// </summary>
public sealed partial class FastnTestServer : IAsyncDisposable
{
    private readonly ConcurrentBag<HttpClient> _clients = [];

    private FastnTestServer(WebApplication app, Uri baseAddress, string dataDirectory, string adminKey, CapturedLog log)
    {
        App = app;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        AdminKey = adminKey;
        Log = log;
    }

    public WebApplication App { get; }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c> (also the server's <c>Fastn:PublicBaseUrl</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The sandbox root the built-in connectors call: <c>{BaseAddress}sandbox</c>.</summary>
    public Uri SandboxAddress => new(BaseAddress, "sandbox/");

    /// <summary>The plaintext admin API key the server was started with.</summary>
    public string AdminKey { get; }

    public IServiceProvider Services => App.Services;

    public string DataDirectory { get; }

    /// <summary>Warnings and errors the server logged (read it when a test fails for an unclear reason).</summary>
    public IReadOnlyCollection<string> Logs => Log.Lines;

    private CapturedLog Log { get; }

    /// <summary>Starts a server; <paramref name="configure"/> adjusts the builder (settings, services, extra connectors).</summary>
    public static async Task<FastnTestServer> StartAsync(Action<WebApplicationBuilder>? configure = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var dataDirectory = Path.Combine(Path.GetTempPath(), "fastn-builtin-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dataDirectory);
            var port = FreePort.Next();
            var baseUrl = $"http://127.0.0.1:{port}";
            var adminKey = "fk_" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 30);
            string[] args =
            [
                $"--contentRoot={dataDirectory}",
                $"--urls={baseUrl}",
                $"--Fastn:PublicBaseUrl={baseUrl}",
                $"--Fastn:Storage:DataDirectory={dataDirectory}",
                "--Fastn:Cluster:SiloPort=0",
                "--Fastn:Cluster:GatewayPort=0",
                $"--Fastn:Bootstrap:AdminApiKey={adminKey}",
                $"--Fastn:PluginFolder={Path.Combine(dataDirectory, "connectors")}",
            ];
            var log = new CapturedLog();
            var app = FastnServer.Build(args, b =>
            {
                b.Logging.ClearProviders();
                b.Logging.AddProvider(log);
                b.Logging.SetMinimumLevel(LogLevel.Warning);
                configure?.Invoke(b);
            });
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
                await app.StartAsync(timeout.Token);
                return new FastnTestServer(app, new Uri(baseUrl + "/"), dataDirectory, adminKey, log);
            }
            catch (IOException) when (attempt < 3)
            {
                // The port was taken between choosing and binding it: try another.
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// A client for the REST API: admin key as Bearer, <c>x-fastn-space-tenantid</c> when <paramref name="tenantId"/>
    /// is given, base address set, redirects not followed. Disposed with the server.
    /// </summary>
    public HttpClient CreateClient(string? tenantId)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(100),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        if (tenantId is not null)
        {
            client.DefaultRequestHeaders.Add("x-fastn-space-tenantid", tenantId);
        }

        _clients.Add(client);
        return client;
    }

    /// <summary>A browser-like client (cookies kept, redirects not followed, no API key) for vendor consent pages.</summary>
    public HttpClient CreateBrowser()
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = BaseAddress,
        };
        _clients.Add(client);
        return client;
    }

    /// <summary>
    /// <c>POST /api/v1/connections/{connectionId}/actions/{action}</c> with <paramref name="input"/> as JSON (<c>{}</c> when null);
    /// returns the output, or fails the test with the problem+json body when the status is not 2xx.
    /// </summary>
    public async Task<JsonNode?> RunActionAsync(HttpClient client, string connectionId, string action, object? input)
    {
        ArgumentNullException.ThrowIfNull(client);
        var ct = TestContext.Current.CancellationToken;
        using var content = JsonBody(input ?? new JsonObject());
        using var response = await client.PostAsync($"api/v1/connections/{Uri.EscapeDataString(connectionId)}/actions/{Uri.EscapeDataString(action)}", content, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"action {action} on {connectionId} answered {(int)response.StatusCode} {response.StatusCode}: {body}");
        }

        return body.Length == 0 ? null : JsonNode.Parse(body);
    }

    /// <summary><c>POST /api/v1/connections</c> with credentials (API key, token, …); returns the new connection's id or fails with the problem body.</summary>
    public async Task<string> CreateConnectionAsync(HttpClient client, string connector, Dictionary<string, string> credentials, string? authMethod = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var ct = TestContext.Current.CancellationToken;
        using var response = await client.PostAsJsonAsync("api/v1/connections", new { connector, authMethod, credentials }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            Assert.Fail($"creating a {connector} connection answered {(int)response.StatusCode} {response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetString().ShouldNotBeNull();
    }

    /// <summary>
    /// The OAuth connect flow: <c>POST /api/v1/connect/{connector}</c> (with connection <paramref name="parameters"/>),
    /// then <paramref name="consent"/> plays the vendor simulation's pages from the authorization URL with a browser-like
    /// client and returns the URL the vendor redirected to (the server's <c>/oauth/callback</c>), which is then opened;
    /// returns the connection id the callback page shows (<c>id="connection-id"</c>).
    /// </summary>
    public async Task<string> ConnectOAuthAsync(HttpClient client, string connector, Func<HttpClient, Uri, Task<Uri>> consent, Dictionary<string, string>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(consent);
        var ct = TestContext.Current.CancellationToken;
        using var start = await client.PostAsJsonAsync($"api/v1/connect/{Uri.EscapeDataString(connector)}", new { parameters }, ct);
        var startBody = await start.Content.ReadAsStringAsync(ct);
        if (start.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"starting OAuth for {connector} answered {(int)start.StatusCode} {start.StatusCode}: {startBody}");
        }

        string authorizationUrl;
        using (var json = JsonDocument.Parse(startBody))
        {
            authorizationUrl = json.RootElement.GetProperty("authorizationUrl").GetString().ShouldNotBeNull();
        }

        var browser = CreateBrowser();
        var callback = await consent(browser, new Uri(authorizationUrl));
        if (!callback.IsAbsoluteUri)
        {
            callback = new Uri(new Uri(authorizationUrl), callback);
        }

        callback.GetLeftPart(UriPartial.Path).ShouldBe(new Uri(BaseAddress, "oauth/callback").ToString(), $"the {connector} consent did not end at Fastn's callback");
        using var page = await browser.GetAsync(callback, ct);
        var html = await page.Content.ReadAsStringAsync(ct);
        var match = ConnectionIdPattern().Match(html);
        if (page.StatusCode != HttpStatusCode.OK || !match.Success)
        {
            Assert.Fail($"the OAuth callback for {connector} answered {(int)page.StatusCode} without a connection id: {html}");
        }

        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            try
            {
                await App.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping took too long; disposing below releases what is left.
            }
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
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private static StringContent JsonBody(object input)
    {
        var text = input switch
        {
            JsonNode node => node.ToJsonString(),
            string raw => raw,
            _ => JsonSerializer.Serialize(input, input.GetType(), JsonSerializerOptions.Web),
        };
        return new StringContent(text, Encoding.UTF8, "application/json");
    }

    [GeneratedRegex("id=\"connection-id\"[^>]*>([^<]*)<")]
    private static partial Regex ConnectionIdPattern();

    /// <summary>Warnings and errors the server logged.</summary>
    private sealed class CapturedLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLog sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    sink._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
                }
            }
        }
    }
}
