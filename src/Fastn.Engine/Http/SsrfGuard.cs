using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.Http;

/// <summary>
/// Refuses connections to loopback, private, link-local and other non-public addresses, checked on the
/// address actually connected to (after DNS, for every connection a redirect opens), unless the host is
/// allowed in <see cref="OutboundHttpOptions.AllowedPrivateHosts"/>.
/// </summary>
internal sealed class SsrfGuard(IOptionsMonitor<OutboundHttpOptions> options)
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

    /// <summary>
    /// Whether an address is routable on the public internet: not in any block of the IANA IPv4 and IPv6
    /// special-purpose address registries that is not globally reachable, nor multicast, reserved or
    /// outside IPv6 global unicast. Addresses that embed an IPv4 address (mapped, NAT64, 6to4) are judged
    /// by the embedded address, because that is where the packets end up.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !NonPublicV4.Any(n => n.Contains(address));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        var bytes = address.GetAddressBytes();
        if (Nat64WellKnown.Contains(address))
        {
            return IsPublic(new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (SixToFour.Contains(address))
        {
            return IsPublic(new IPAddress(bytes.AsSpan(2, 4)));
        }

        // Only 2000::/3 is allocated as global unicast; the rest of the space is loopback, unspecified,
        // IPv4-compatible, local-use NAT64, discard, segment routing (5f00::/16), unique local, link-local,
        // site-local, multicast or reserved.
        return GlobalUnicastV6.Contains(address) && !NonPublicV6.Any(n => n.Contains(address));
    }

    // IANA IPv4 special-purpose registry (blocks not globally reachable), plus multicast and the reserved
    // 240/4. 192.0.0.0/24 is refused as a whole: its globally reachable /32s are PCP and TURN anycast, not apps.
    private static readonly IPNetwork[] NonPublicV4 = Networks(
        "0.0.0.0/8", // "this network"
        "10.0.0.0/8", // private
        "100.64.0.0/10", // shared address space (carrier-grade NAT)
        "127.0.0.0/8", // loopback
        "169.254.0.0/16", // link-local, cloud metadata
        "172.16.0.0/12", // private
        "192.0.0.0/24", // IETF protocol assignments
        "192.0.2.0/24", // documentation (TEST-NET-1)
        "192.88.99.0/24", // deprecated 6to4 relay anycast
        "192.168.0.0/16", // private
        "198.18.0.0/15", // benchmarking
        "198.51.100.0/24", // documentation (TEST-NET-2)
        "203.0.113.0/24", // documentation (TEST-NET-3)
        "224.0.0.0/4", // multicast
        "240.0.0.0/4"); // reserved, including 255.255.255.255 broadcast

    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");
    private static readonly IPNetwork Nat64WellKnown = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    // IANA IPv6 special-purpose registry blocks inside 2000::/3 that are not globally reachable.
    // 2001::/23 is refused as a whole: its globally reachable parts are anycast services (PCP, TURN, AS112, AMT), not apps.
    private static readonly IPNetwork[] NonPublicV6 = Networks(
        "2001::/23", // IETF protocol assignments: Teredo, benchmarking, ORCHID
        "2001:db8::/32", // documentation
        "3fff::/20"); // documentation

    private static IPNetwork[] Networks(params string[] cidrs) => [.. cidrs.Select(c => IPNetwork.Parse(c))];

    private static string Describe(IPAddress address) => IPAddress.IsLoopback(address) ? "loopback" : "private or reserved range";
}
