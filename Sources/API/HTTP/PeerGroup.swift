/// The addresses a server counts as one peer when it limits what each peer may hold (the
/// body budget's share, `HTTPServerConfiguration.maxBufferedBodyBytesPerPeer`): one IPv4
/// address, or one IPv6 /64 network.
///
/// Why a /64: a subscriber is routinely given a whole /64 or more (RFC 6177) and may pick any
/// address in it (privacy addresses, RFC 8981), so a limit per IPv6 address would be a limit
/// per attempt. uplyft's throttles key IPv6 clients the same way (`IPAddress.throttleKey`).
///
/// Two IPv6 forms carry an IPv4 address and are counted as that address, not as their /64:
/// - IPv4-mapped, `::ffff:a.b.c.d` (RFC 4291 section 2.5.5.2): a dual-stack listener (bound
///   to `::`) sees every IPv4 peer in this form. As /64s they would all be `::/64`, one peer
///   for the whole IPv4 internet, and one client could refuse every other IPv4 client.
/// - NAT64's well-known prefix, `64:ff9b::a.b.c.d` (RFC 6052): a server behind a stateless
///   translator (SIIT-DC, RFC 7755) sees IPv4 clients in this form, and again one /64 for all.
///
/// Built from the socket address at accept (`Socket.accept`), from bytes in network order,
/// with no text parsing: a hash key of one 64-bit word and a family tag.
struct PeerGroup: Hashable, Sendable {
    private enum Family: UInt8 {
        case ipv4, ipv6, unknown
    }

    private let family: Family
    /// The IPv4 address, or the IPv6 network's upper 64 bits; 0 for `unknown`.
    private let bits: UInt64

    private init(family: Family, bits: UInt64) {
        self.family = family
        self.bits = bits
    }

    /// A peer whose address could not be read (never on TCP over IP); all such peers are one.
    static let unknown = PeerGroup(family: .unknown, bits: 0)

    /// One IPv4 address (`address` in host order: 192.0.2.1 is 0xC000_0201).
    init(ipv4 address: UInt32) {
        self.init(family: .ipv4, bits: UInt64(address))
    }

    /// From an address's bytes in network order: 4 for IPv4, 16 for IPv6; other counts give
    /// `unknown`.
    init(addressBytes bytes: some Collection<UInt8>) {
        func bigEndian<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64 {
            bytes.reduce(0) { $0 << 8 | UInt64($1) }
        }
        switch bytes.count {
        case 4:
            self.init(ipv4: UInt32(bigEndian(bytes)))
        case 16:
            let upper = bigEndian(bytes.prefix(8))
            let lower = bigEndian(bytes.dropFirst(8))
            let embeddedIPv4 = UInt32(truncatingIfNeeded: lower)
            if upper == 0 && lower >> 32 == 0xffff {
                self.init(ipv4: embeddedIPv4)
            } else if upper == Self.nat64WellKnownPrefixUpper && lower >> 32 == 0 {
                self.init(ipv4: embeddedIPv4)
            } else {
                self.init(family: .ipv6, bits: upper)
            }
        default:
            self = .unknown
        }
    }

    /// The upper half of 64:ff9b::/96; the lower half's first 32 bits are zero too.
    private static let nat64WellKnownPrefixUpper: UInt64 = 0x0064_ff9b_0000_0000
}
