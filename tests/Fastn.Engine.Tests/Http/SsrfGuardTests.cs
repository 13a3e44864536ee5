using System.Net;
using Fastn.Engine.Http;

namespace Fastn.Engine.Tests.Http;

/// <summary>
/// The SSRF guard's address classification, table-driven from the IANA IPv4 and IPv6 special-purpose
/// address registries (plus multicast and reserved space): the first and last address of every block,
/// and the public addresses just outside the blocks' edges.
/// </summary>
public sealed class SsrfGuardTests
{
    public static TheoryData<string, string> NonPublicAddresses => new()
    {
        // IPv4 special-purpose registry
        { "0.0.0.0", "this network 0.0.0.0/8" },
        { "0.1.2.3", "this network 0.0.0.0/8" },
        { "0.255.255.255", "this network 0.0.0.0/8" },
        { "10.0.0.0", "private 10.0.0.0/8" },
        { "10.255.255.255", "private 10.0.0.0/8" },
        { "100.64.0.0", "shared address space 100.64.0.0/10" },
        { "100.100.100.200", "shared address space 100.64.0.0/10 (cloud metadata)" },
        { "100.127.255.255", "shared address space 100.64.0.0/10" },
        { "127.0.0.0", "loopback 127.0.0.0/8" },
        { "127.0.0.1", "loopback 127.0.0.0/8" },
        { "127.0.0.2", "loopback 127.0.0.0/8" },
        { "127.1.2.3", "loopback 127.0.0.0/8" },
        { "127.255.255.255", "loopback 127.0.0.0/8" },
        { "169.254.0.0", "link-local 169.254.0.0/16" },
        { "169.254.169.254", "link-local 169.254.0.0/16 (cloud metadata)" },
        { "169.254.255.255", "link-local 169.254.0.0/16" },
        { "172.16.0.0", "private 172.16.0.0/12" },
        { "172.31.255.255", "private 172.16.0.0/12" },
        { "192.0.0.0", "IETF protocol assignments 192.0.0.0/24" },
        { "192.0.0.8", "IPv4 dummy address 192.0.0.8/32" },
        { "192.0.0.9", "IETF protocol assignments 192.0.0.0/24" },
        { "192.0.0.170", "NAT64/DNS64 discovery 192.0.0.170/32" },
        { "192.0.0.255", "IETF protocol assignments 192.0.0.0/24" },
        { "192.0.2.0", "documentation TEST-NET-1 192.0.2.0/24" },
        { "192.0.2.255", "documentation TEST-NET-1 192.0.2.0/24" },
        { "192.88.99.1", "deprecated 6to4 relay anycast 192.88.99.0/24" },
        { "192.168.0.0", "private 192.168.0.0/16" },
        { "192.168.255.255", "private 192.168.0.0/16" },
        { "198.18.0.0", "benchmarking 198.18.0.0/15" },
        { "198.19.255.255", "benchmarking 198.18.0.0/15" },
        { "198.51.100.0", "documentation TEST-NET-2 198.51.100.0/24" },
        { "198.51.100.255", "documentation TEST-NET-2 198.51.100.0/24" },
        { "203.0.113.0", "documentation TEST-NET-3 203.0.113.0/24" },
        { "203.0.113.255", "documentation TEST-NET-3 203.0.113.0/24" },
        { "224.0.0.0", "multicast 224.0.0.0/4" },
        { "224.0.0.251", "multicast 224.0.0.0/4 (mDNS)" },
        { "239.255.255.255", "multicast 224.0.0.0/4" },
        { "240.0.0.0", "reserved 240.0.0.0/4" },
        { "254.255.255.255", "reserved 240.0.0.0/4" },
        { "255.255.255.255", "limited broadcast 255.255.255.255/32" },

        // IPv6 special-purpose registry
        { "::", "unspecified ::/128" },
        { "::1", "loopback ::1/128" },
        { "::2", "reserved ::/8" },
        { "::10.0.0.1", "deprecated IPv4-compatible ::/96" },
        { "::8.8.8.8", "deprecated IPv4-compatible ::/96" },
        { "::ffff:0.0.0.0", "IPv4-mapped ::ffff:0:0/96 of 0.0.0.0/8" },
        { "::ffff:127.0.0.1", "IPv4-mapped ::ffff:0:0/96 of loopback" },
        { "::ffff:127.0.0.2", "IPv4-mapped ::ffff:0:0/96 of loopback" },
        { "::ffff:10.0.0.1", "IPv4-mapped ::ffff:0:0/96 of private" },
        { "::ffff:169.254.169.254", "IPv4-mapped ::ffff:0:0/96 of link-local" },
        { "::ffff:224.0.0.1", "IPv4-mapped ::ffff:0:0/96 of multicast" },
        { "::ffff:0:10.0.0.1", "IPv4-translated ::ffff:0:0:0/96" },
        { "64:ff9b::7f00:1", "NAT64 64:ff9b::/96 embedding loopback 127.0.0.1" },
        { "64:ff9b::a00:1", "NAT64 64:ff9b::/96 embedding private 10.0.0.1" },
        { "64:ff9b::a9fe:a9fe", "NAT64 64:ff9b::/96 embedding link-local 169.254.169.254" },
        { "64:ff9b::c0a8:101", "NAT64 64:ff9b::/96 embedding private 192.168.1.1" },
        { "64:ff9b:1::", "local-use NAT64 64:ff9b:1::/48" },
        { "64:ff9b:1::808:808", "local-use NAT64 64:ff9b:1::/48" },
        { "64:ff9b:1:ffff:ffff:ffff:ffff:ffff", "local-use NAT64 64:ff9b:1::/48" },
        { "100::", "discard-only 100::/64" },
        { "100::ffff:ffff:ffff:ffff", "discard-only 100::/64" },
        { "100:0:0:1::1", "dummy IPv6 prefix 100:0:0:1::/64" },
        { "2001::", "Teredo 2001::/32" },
        { "2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo 2001::/32" },
        { "2001:1::1", "IETF protocol assignments 2001::/23 (PCP anycast)" },
        { "2001:2::", "benchmarking 2001:2::/48" },
        { "2001:2:0:ffff:ffff:ffff:ffff:ffff", "benchmarking 2001:2::/48" },
        { "2001:10::1", "deprecated ORCHID 2001:10::/28" },
        { "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", "IETF protocol assignments 2001::/23" },
        { "2001:db8::", "documentation 2001:db8::/32" },
        { "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "documentation 2001:db8::/32" },
        { "2002:7f00:1::", "6to4 2002::/16 embedding loopback" },
        { "2002:a00:1::1", "6to4 2002::/16 embedding private 10.0.0.1" },
        { "2002:a9fe:a9fe::", "6to4 2002::/16 embedding link-local" },
        { "3fff::", "documentation 3fff::/20" },
        { "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", "documentation 3fff::/20" },
        { "5f00::", "segment routing SIDs 5f00::/16" },
        { "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "segment routing SIDs 5f00::/16" },
        { "fc00::", "unique local fc00::/7" },
        { "fc00::1", "unique local fc00::/7" },
        { "fd00::1", "unique local fc00::/7" },
        { "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "unique local fc00::/7" },
        { "fe80::", "link-local fe80::/10" },
        { "fe80::1", "link-local fe80::/10" },
        { "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "link-local fe80::/10" },
        { "fec0::1", "deprecated site-local fec0::/10" },
        { "ff00::", "multicast ff00::/8" },
        { "ff02::1", "multicast ff00::/8 (all nodes)" },
        { "ff05::1:3", "multicast ff00::/8 (DHCP servers)" },
        { "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "multicast ff00::/8" },
        { "4000::1", "unallocated outside 2000::/3" },
        { "e000::1", "unallocated outside 2000::/3" },
    };

    public static TheoryData<string, string> PublicAddresses => new()
    {
        { "1.0.0.0", "just above 0.0.0.0/8" },
        { "8.8.8.8", "public DNS" },
        { "9.255.255.255", "just below 10.0.0.0/8" },
        { "11.0.0.0", "just above 10.0.0.0/8" },
        { "100.63.255.255", "just below 100.64.0.0/10" },
        { "100.128.0.0", "just above 100.64.0.0/10" },
        { "126.255.255.255", "just below 127.0.0.0/8" },
        { "128.0.0.0", "just above 127.0.0.0/8" },
        { "169.253.255.255", "just below 169.254.0.0/16" },
        { "169.255.0.0", "just above 169.254.0.0/16" },
        { "172.15.255.255", "just below 172.16.0.0/12" },
        { "172.32.0.0", "just above 172.16.0.0/12" },
        { "191.255.255.255", "just below 192.0.0.0/24" },
        { "192.0.1.0", "between 192.0.0.0/24 and 192.0.2.0/24" },
        { "192.0.3.0", "just above 192.0.2.0/24" },
        { "192.31.196.1", "AS112-v4 192.31.196.0/24, globally reachable" },
        { "192.52.193.1", "AMT 192.52.193.0/24, globally reachable" },
        { "192.88.98.255", "just below 192.88.99.0/24" },
        { "192.88.100.0", "just above 192.88.99.0/24" },
        { "192.167.255.255", "just below 192.168.0.0/16" },
        { "192.169.0.0", "just above 192.168.0.0/16" },
        { "192.175.48.1", "AS112 direct delegation 192.175.48.0/24, globally reachable" },
        { "198.17.255.255", "just below 198.18.0.0/15" },
        { "198.20.0.0", "just above 198.18.0.0/15" },
        { "198.51.99.255", "just below 198.51.100.0/24" },
        { "198.51.101.0", "just above 198.51.100.0/24" },
        { "203.0.112.255", "just below 203.0.113.0/24" },
        { "203.0.114.0", "just above 203.0.113.0/24" },
        { "223.255.255.255", "just below 224.0.0.0/4" },
        { "::ffff:8.8.8.8", "IPv4-mapped public" },
        { "64:ff9b::808:808", "NAT64 64:ff9b::/96 embedding public 8.8.8.8" },
        { "2000::", "start of 2000::/3" },
        { "2001:200::", "just above 2001::/23" },
        { "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "just below 2001:db8::/32" },
        { "2001:db9::", "just above 2001:db8::/32" },
        { "2001:4860:4860::8888", "public DNS" },
        { "2002:808:808::1", "6to4 2002::/16 embedding public 8.8.8.8" },
        { "2606:4700::1111", "public DNS" },
        { "2620:4f:8000::1", "AS112 direct delegation 2620:4f:8000::/48, globally reachable" },
        { "3ffe:ffff::1", "just below 3fff::/20" },
        { "3fff:1000::", "just above 3fff::/20" },
        { "3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "end of 2000::/3" },
    };

    [Theory]
    [MemberData(nameof(NonPublicAddresses))]
    public void IsPublic_SpecialPurposeAddress_IsFalse(string address, string block) =>
        SsrfGuard.IsPublic(IPAddress.Parse(address)).ShouldBeFalse($"{address} is in {block}");

    [Theory]
    [MemberData(nameof(PublicAddresses))]
    public void IsPublic_GloballyRoutableAddress_IsTrue(string address, string why) =>
        SsrfGuard.IsPublic(IPAddress.Parse(address)).ShouldBeTrue($"{address} is {why}");

    [Fact]
    public void IsPublic_ScopedLinkLocal_IsFalse() =>
        SsrfGuard.IsPublic(IPAddress.Parse("fe80::1%2")).ShouldBeFalse();
}
