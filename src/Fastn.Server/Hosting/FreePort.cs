using System.Net;
using System.Net.Sockets;

namespace Fastn.Server.Hosting;

/// <summary>Finds a free loopback TCP port (for silo ports configured as 0).</summary>
public static class FreePort
{
    /// <summary>A port that was free a moment ago.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
