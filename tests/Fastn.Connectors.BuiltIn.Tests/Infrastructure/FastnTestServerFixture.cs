namespace Fastn.Connectors.BuiltIn.Tests.Infrastructure;

/// <summary>
/// One <see cref="FastnTestServer"/> shared by a test class (<c>IClassFixture&lt;FastnTestServerFixture&gt;</c>) or a
/// collection. Tests sharing it should use their own tenant ids so they do not see each other's connections.
/// </summary>
public sealed class FastnTestServerFixture : IAsyncLifetime
{
    private FastnTestServer? _server;

    public FastnTestServer Server => _server ?? throw new InvalidOperationException("The server is not started yet.");

    public async ValueTask InitializeAsync() => _server = await FastnTestServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
