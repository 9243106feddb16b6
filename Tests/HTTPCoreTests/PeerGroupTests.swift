import Testing
@testable import HTTPCore

/// Which addresses count as one peer for the body budget's share: an IPv4 address, an IPv6
/// /64, and IPv4 addresses in IPv6 clothing as themselves.
@Suite struct PeerGroupTests {
    /// The 16 bytes of an IPv6 address written as eight groups.
    static func ipv6(_ groups: [UInt16]) -> [UInt8] {
        groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
    }

    @Test func anIPv4AddressIsItsOwnPeer() {
        let one = PeerGroup(addressBytes: [192, 0, 2, 1] as [UInt8])
        #expect(one == PeerGroup(ipv4: 0xC000_0201))
        #expect(one != PeerGroup(addressBytes: [192, 0, 2, 2] as [UInt8]))
        #expect(one != PeerGroup(addressBytes: [193, 0, 2, 1] as [UInt8]))
    }

    @Test func anIPv6PeerIsItsSlash64() {
        let first = PeerGroup(addressBytes: Self.ipv6([0x2001, 0xdb8, 1, 2, 0, 0, 0, 1]))
        #expect(first == PeerGroup(addressBytes: Self.ipv6([0x2001, 0xdb8, 1, 2, 0xffff, 0xffff, 0xffff, 0xffff])))
        #expect(first == PeerGroup(addressBytes: Self.ipv6([0x2001, 0xdb8, 1, 2, 0x1234, 0, 0, 0])))
        #expect(first != PeerGroup(addressBytes: Self.ipv6([0x2001, 0xdb8, 1, 3, 0, 0, 0, 1])), "the next /64")
        #expect(first != PeerGroup(addressBytes: Self.ipv6([0x2001, 0xdb9, 1, 2, 0, 0, 0, 1])))
    }

    /// `::ffff:192.0.2.1` (a dual-stack socket's IPv4 peer) and `64:ff9b::192.0.2.1` (NAT64's
    /// well-known prefix) are 192.0.2.1; as /64s all of IPv4 would be one peer.
    @Test func ipv4InIPv6FormIsTheIPv4Address() {
        let plain = PeerGroup(addressBytes: [192, 0, 2, 1] as [UInt8])
        let mapped = PeerGroup(addressBytes: Self.ipv6([0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]))
        let nat64 = PeerGroup(addressBytes: Self.ipv6([0x64, 0xff9b, 0, 0, 0, 0, 0xc000, 0x0201]))
        #expect(mapped == plain)
        #expect(nat64 == plain)
        #expect(mapped != PeerGroup(addressBytes: Self.ipv6([0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0202])),
                "two mapped IPv4 peers are two peers, not ::/64")
        // Near misses stay IPv6 /64s.
        let nearMapped = PeerGroup(addressBytes: Self.ipv6([0, 0, 0, 0, 0, 0xfffe, 0xc000, 0x0201]))
        #expect(nearMapped != plain)
        #expect(nearMapped == PeerGroup(addressBytes: Self.ipv6([0, 0, 0, 0, 0, 0, 0, 1])), "::/64, with ::1")
        let localNAT64 = PeerGroup(addressBytes: Self.ipv6([0x64, 0xff9b, 1, 0, 0, 0, 0xc000, 0x0201]))
        #expect(localNAT64 != plain, "64:ff9b:1::/48 embeds IPv4 at a prefix-dependent place: left as IPv6")
    }

    @Test func familiesNeverMeet() {
        // 0.0.0.1 and ::1 (which is ::/64) share no group, nor does an IPv4 address with an
        // IPv6 network whose upper bits happen to equal it.
        #expect(PeerGroup(addressBytes: [0, 0, 0, 1] as [UInt8]) != PeerGroup(addressBytes: Self.ipv6([0, 0, 0, 0, 0, 0, 0, 1])))
        #expect(PeerGroup(ipv4: 0) != PeerGroup(addressBytes: Self.ipv6([0, 0, 0, 0, 0, 0, 0, 1])))
        #expect(PeerGroup(addressBytes: [] as [UInt8]) == .unknown)
        #expect(PeerGroup(addressBytes: [1, 2, 3] as [UInt8]) == .unknown)
        #expect(PeerGroup.unknown != PeerGroup(ipv4: 0))
    }
}
