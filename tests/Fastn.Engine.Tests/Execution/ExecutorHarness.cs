using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Authentication;
using Fastn.Engine.Connections;
using Fastn.Engine.Execution;
using Fastn.Engine.Http;
using Fastn.Engine.Registry;
using Fastn.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fastn.Engine.Tests.Execution;

/// <summary>
/// A real <see cref="ActionExecutor"/> over the real outbound pipeline, with an in-memory connection
/// (credentials and a scripted refresh), a call log that keeps its records, and logs kept as text.
/// </summary>
internal sealed class ExecutorHarness : IAsyncDisposable
{
    public static readonly TenantInfo Tenant = new("ws_test", "tenant-1");
    private readonly ServiceProvider _services;

    private ExecutorHarness(ServiceProvider services, FakeBroker broker, CallLog log, LogSink logs)
    {
        _services = services;
        Broker = broker;
        Calls = log.Records;
        Logs = logs.Lines;
        Executor = services.GetRequiredService<ActionExecutor>();
    }

    public ActionExecutor Executor { get; }

    public FakeBroker Broker { get; }

    public ConcurrentQueue<ActionCallRecord> Calls { get; }

    public ConcurrentQueue<string> Logs { get; }

    public static ExecutorHarness Create(ConnectorDefinition definition, AuthCredentials credentials, TimeProvider? time = null,
        IEnumerable<Uri>? allowedHosts = null, Action<OutboundHttpOptions>? outbound = null)
    {
        var registry = new ConnectorRegistry();
        registry.Add(definition);
        var broker = new FakeBroker(new ConnectionInfo("conn_1", Tenant, definition.Name, credentials.MethodId, ConnectionState.Active, null), credentials);
        var log = new CallLog();
        var logs = new LogSink();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddConnectorHttp();
        services.Configure<OutboundHttpOptions>(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            foreach (var host in allowedHosts ?? [])
            {
                o.AllowedPrivateHosts.Add($"{host.Host}:{host.Port}");
            }

            outbound?.Invoke(o);
        });
        services.AddSingleton(registry);
        services.AddSingleton<ICredentialBroker>(broker);
        services.AddSingleton<IActionCallLog>(log);
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton<IIdGenerator>(sp => new UlidIdGenerator(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ConnectionRateLimiters>();
        services.AddSingleton<ActionExecutor>();
        return new ExecutorHarness(services.BuildServiceProvider(), broker, log, logs);
    }

    public static JsonObject AnyObject => new() { ["type"] = "object" };

    public Task<ActionCallResult> CallAsync(string action, JsonNode? input = null, CancellationToken cancellationToken = default) =>
        Executor.ExecuteAsync(new ActionCallRequest(Tenant, "conn_1", action, input ?? new JsonObject(), ActionCaller.Rest),
            cancellationToken == default ? TestContext.Current.CancellationToken : cancellationToken);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    /// <summary>One connection; a refresh answers with <see cref="Refreshed"/>.</summary>
    internal sealed class FakeBroker(ConnectionInfo connection, AuthCredentials credentials) : ICredentialBroker
    {
        public AuthCredentials? Refreshed { get; set; }

        public int Refreshes { get; private set; }

        public Task<OpenedConnection?> OpenAsync(TenantInfo tenant, string connectionId, CancellationToken cancellationToken) =>
            Task.FromResult(tenant == connection.Tenant && connectionId == connection.Id ? new OpenedConnection(connection, credentials) : null);

        public Task<AuthCredentials> RefreshAsync(ConnectionInfo connection, string? staleAccessToken, CancellationToken cancellationToken)
        {
            Refreshes++;
            return Task.FromResult(Refreshed ?? throw new InvalidOperationException("The test scripted no refresh."));
        }
    }

    private sealed class CallLog : IActionCallLog
    {
        public ConcurrentQueue<ActionCallRecord> Records { get; } = new();

        public Task RecordAsync(ActionCallRecord record, CancellationToken cancellationToken)
        {
            Records.Enqueue(record);
            return Task.CompletedTask;
        }
    }

    private sealed class LogSink : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Sink(this);

        public void Dispose()
        {
        }

        private sealed class Sink(LogSink owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
        }
    }
}
