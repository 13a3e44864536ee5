namespace Fastn.Client.Tests.Infrastructure;

/// <summary>One server shared by the client tests; each test uses its own tenant ids.</summary>
public sealed class ClientServerFixture : IAsyncLifetime
{
    public FastnServerHost Server { get; private set; } = null!;

    public static string NewTenant() => "t-" + Guid.NewGuid().ToString("N")[..12];

    public async ValueTask InitializeAsync() => Server = await FastnServerHost.StartAsync([TestConnectors.EchoConnector()]);

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

/// <summary>Client tests share one server and the Acme sandbox's fault queue, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ClientServerCollection : ICollectionFixture<ClientServerFixture>
{
    public const string Name = "ClientServer";
}
