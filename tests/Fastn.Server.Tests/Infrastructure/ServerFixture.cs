namespace Fastn.Server.Tests.Infrastructure;

/// <summary>
/// One SQLite-backed server (with the Acme sandbox and two stub API-key connectors) shared by the platform-core
/// tests. Each test works with its own tenant ids, so tests do not see each other's connections.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public FastnTestServer Server { get; private set; } = null!;

    public StubApp Stub { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Stub = await StubApp.StartAsync();
        Server = await FastnTestServer.StartAsync(new FastnTestServerOptions
        {
            Connectors = [StubConnectors.QueryKey(Stub.BaseUrl), StubConnectors.HeaderKey(Stub.BaseUrl)],
            AllowedPrivateHosts = [Stub.Authority],
            // 100 concurrent calls must not trip the sandbox's own per-token rate limit.
            Settings = new Dictionary<string, string> { ["Fastn:Sandbox:Acme:RateLimitPermits"] = "10000" },
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Stub is not null)
        {
            await Stub.DisposeAsync();
        }
    }
}

/// <summary>
/// Server tests run one at a time: they share a server, the Acme sandbox's fault queue and its counters.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "Server";
}
