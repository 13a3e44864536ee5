using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.Http;

/// <summary>
/// Refuses connections to loopback, private, link-local and other non-public addresses, checked on the
/// address actually connected to (after DNS, for every connection a redirect opens), unless the host is
/// allowed in <see cref="OutboundHttpOptions.AllowedPrivateHosts"/>.
/// </summary>
public sealed class SsrfGuard(IOptionsMonitor<OutboundHttpOptions> options)
{
    /// <summary>The connect callback for <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var allowed = IsAllowedHost(host, port);
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException($"The host '{host}' did not resolve to any address.");
        }

        foreach (var address in addresses)
        {
            if (!allowed && !IsPublic(address))
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError,
                    $"Refused to connect to '{host}': it resolves to a non-public address ({Describe(address)}). " +
                    "If this is intended (a self-hosted app), add the host to Fastn:Http:AllowedPrivateHosts.");
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether the host (or host:port) is allowed to be private.</summary>
    public bool IsAllowedHost(string host, int port) =>
        options.CurrentValue.AllowedPrivateHosts.Any(a =>
            string.Equals(a, host, StringComparison.OrdinalIgnoreCase) || string.Equals(a, $"{host}:{port}", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether an address is routable on the public internet.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.Broadcast) || address.Equals(IPAddress.IPv6None))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC /* fc00::/7 unique local */);
        }

        var v4 = address.GetAddressBytes();
        return v4[0] switch
        {
            0 or 10 or 127 => false,
            100 when v4[1] >= 64 && v4[1] <= 127 => false, // carrier-grade NAT
            169 when v4[1] == 254 => false, // link-local, cloud metadata
            172 when v4[1] >= 16 && v4[1] <= 31 => false,
            192 when v4[1] == 168 => false,
            192 when v4[1] == 0 && v4[2] == 0 => false,
            198 when v4[1] == 18 || v4[1] == 19 => false,
            >= 224 => false, // multicast and reserved
            _ => true,
        };
    }

    private static string Describe(IPAddress address) => IPAddress.IsLoopback(address) ? "loopback" : "private or reserved range";
}
