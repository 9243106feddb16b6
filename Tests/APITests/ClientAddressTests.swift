import HTTPCore
import Testing
@testable import API

/// Which client a request comes from: the peer, unless the peer is a trusted proxy, and
/// then only what that proxy (and proxies it trusts) wrote.
@Suite struct ClientAddressTests {
    static func request(peer: String, _ headers: [(String, String)] = []) throws -> HTTPRequest {
        try HTTPRequest(method: "POST", target: "/api/login/", headers: headers.map { (name: $0.0, value: $0.1) }, remoteAddress: peer)
    }

    static let proxied = try! ClientAddressResolver(trustedProxies: ["10.0.0.0/8, 192.168.1.7", "2001:db8:ffff::/48"])

    @Test(arguments: [
        ("192.0.2.1", "192.0.2.1"), ("0.0.0.0", "0.0.0.0"), ("255.255.255.255", "255.255.255.255"),
        ("::1", "::1"), ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"), ("2001:db8:0:1:0:0:0:0", "2001:db8:0:1::"),
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"), ("fe80::1%eth0", "fe80::1"), ("::ffff:192.0.2.9", "192.0.2.9"),
        ("::", "::"), ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"), ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
    ])
    func addressesParseToTheirCanonicalForm(text: String, canonical: String) throws {
        let address = try #require(IPAddress(text), "\(text)")
        #expect(address.description == canonical)
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1.2.3.4 ", "a.b.c.d", "1::2::3", ":::",
                      "1:2:3:4:5:6:7:8:9", "12345::1", "g::1", ":1::", "1.2.3.4:80", "unknown", "_hidden", "[::1]"])
    func malformedAddressesAreRefused(text: String) {
        #expect(IPAddress(text) == nil, "\(text)")
    }

    @Test func blocksContainTheirAddressesOnly() throws {
        let ten = try #require(CIDRBlock("10.0.0.0/8"))
        #expect(ten.contains(IPAddress("10.255.3.4")!))
        #expect(!ten.contains(IPAddress("11.0.0.1")!))
        #expect(!ten.contains(IPAddress("::ffff:11.0.0.1")!))
        let odd = try #require(CIDRBlock("192.168.1.128/25"))
        #expect(odd.contains(IPAddress("192.168.1.200")!) && !odd.contains(IPAddress("192.168.1.127")!))
        let v6 = try #require(CIDRBlock("2001:db8::/32"))
        #expect(v6.contains(IPAddress("2001:db8:1::9")!) && !v6.contains(IPAddress("2001:db9::1")!))
        #expect(!v6.contains(IPAddress("10.0.0.1")!), "never across families")
        #expect(try #require(CIDRBlock("0.0.0.0/0")).contains(IPAddress("203.0.113.1")!))
        for bad in ["10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "x/8", "10.0.0.0/8/8"] {
            #expect(CIDRBlock(bad) == nil, "\(bad)")
        }
    }

    /// What `uplyft serve` tells the HTTP server about shared front ends (the body budget's
    /// share): a peer is one when it is a listed proxy, in any of the forms a socket reports.
    @Test func trustedProxiesAreRecognisedByTheirPeerAddress() {
        for peer in ["10.1.2.3", "::ffff:10.1.2.3", "192.168.1.7", "2001:db8:ffff:1::9"] {
            #expect(Self.proxied.isTrustedProxy(peerAddress: peer), "\(peer)")
        }
        for peer in ["11.0.0.1", "192.168.1.8", "::ffff:192.168.1.8", "2001:db8:fffe::1", "", "unknown", "10.1.2.3:80"] {
            #expect(!Self.proxied.isTrustedProxy(peerAddress: peer), "\(peer)")
        }
        #expect(!(try! ClientAddressResolver(trustedProxies: [])).isTrustedProxy(peerAddress: "127.0.0.1"))
    }

    @Test func aBadTrustedProxySettingNamesTheEntry() {
        do {
            _ = try ClientAddressResolver(trustedProxies: ["10.0.0.0/8,proxy.internal"])
            Issue.record("accepted a host name")
        } catch {
            #expect(error.description.contains("proxy.internal"))
        }
        #expect(throws: ShopConfiguration.InvalidSetting.self) {
            try ShopConfiguration.fromEnvironment(["UPLYFT_TRUSTED_PROXIES": "10.0.0.0/40"])
        }
    }

    @Test func withoutTrustedProxiesTheHeadersAreIgnored() throws {
        let resolver = try ClientAddressResolver(trustedProxies: [])
        let spoofed = try Self.request(peer: "198.51.100.7", [("X-Forwarded-For", "203.0.113.1"), ("Forwarded", "for=203.0.113.2")])
        #expect(resolver.clientAddress(of: spoofed) == "198.51.100.7")
    }

    @Test func anUntrustedPeerIsTheClientWhateverItSends() throws {
        let spoofed = try Self.request(peer: "198.51.100.7", [("X-Forwarded-For", "203.0.113.1")])
        #expect(Self.proxied.clientAddress(of: spoofed) == "198.51.100.7")
    }

    @Test(arguments: [
        // The proxy appended the client; whatever the client sent before it is not believed.
        (["203.0.113.50"], "203.0.113.50"),
        (["1.1.1.1, 203.0.113.50"], "203.0.113.50"),
        (["garbage, 203.0.113.50"], "203.0.113.50"),
        // A chain of trusted proxies is walked past.
        (["203.0.113.50, 10.1.1.1, 192.168.1.7"], "203.0.113.50"),
        (["203.0.113.50", "10.1.1.1"], "203.0.113.50"),
        // Ports and brackets as some proxies write them.
        (["203.0.113.50:4711"], "203.0.113.50"),
        (["[2001:db8::5]:4711"], "2001:db8::5"),
        (["  203.0.113.50  "], "203.0.113.50"),
        // Every hop trusted: the farthest is as close to the client as is known.
        (["10.9.9.9, 10.1.1.1"], "10.9.9.9"),
        // Unreadable before the first untrusted hop: the proxy itself.
        (["203.0.113.50, unknown"], "10.0.0.2"),
        (["203.0.113.50, "], "10.0.0.2"),
        (["203.0.113.50, 10.1.1.1:99999"], "10.0.0.2"),
        ([""], "10.0.0.2"),
    ])
    func forwardedForFromATrustedProxyNamesTheClient(lines: [String], client: String) throws {
        let request = try Self.request(peer: "10.0.0.2", lines.map { ("X-Forwarded-For", $0) })
        #expect(Self.proxied.clientAddress(of: request) == client, "\(lines)")
    }

    @Test(arguments: [
        ("for=203.0.113.60", "203.0.113.60"),
        ("for=192.0.2.43, for=203.0.113.60;proto=https;by=10.0.0.2", "203.0.113.60"),
        ("For=\"[2001:db8:cafe::17]:4711\"", "2001:db8:cafe::17"),
        ("for=203.0.113.60, for=10.1.1.1", "203.0.113.60"),
        ("for=unknown", "10.0.0.2"),
        ("for=_hidden, for=10.1.1.1", "10.0.0.2"),
        ("proto=https", "10.0.0.2"),
        ("for=\"[2001:db8::1\"", "10.0.0.2"),
    ])
    func forwardedFromATrustedProxyNamesTheClient(line: String, client: String) throws {
        let request = try Self.request(peer: "10.0.0.2", [("Forwarded", line)])
        #expect(Self.proxied.clientAddress(of: request) == client, "\(line)")
    }

    @Test func xForwardedForIsPreferredOverForwarded() throws {
        let request = try Self.request(peer: "10.0.0.2", [("Forwarded", "for=203.0.113.1"), ("X-Forwarded-For", "203.0.113.2")])
        #expect(Self.proxied.clientAddress(of: request) == "203.0.113.2")
    }

    @Test func aTrustedProxyWithoutHeadersIsItsOwnClient() throws {
        #expect(Self.proxied.clientAddress(of: try Self.request(peer: "10.0.0.2")) == "10.0.0.2")
        #expect(Self.proxied.clientAddress(of: try Self.request(peer: "::ffff:10.0.0.2")) == "10.0.0.2")
    }

    /// IPv6 clients are counted by their /64, which one subscriber usually holds whole.
    @Test func throttleKeysGroupIPv6ByItsSlash64() throws {
        let resolver = try ClientAddressResolver(trustedProxies: [])
        let first = resolver.throttleKey(of: try Self.request(peer: "2001:db8:1:2:aaaa::1"))
        let second = resolver.throttleKey(of: try Self.request(peer: "2001:db8:1:2:bbbb::9"))
        let other = resolver.throttleKey(of: try Self.request(peer: "2001:db8:1:3::1"))
        #expect(first == "2001:db8:1:2::/64" && first == second && first != other)
        #expect(resolver.throttleKey(of: try Self.request(peer: "192.0.2.1")) == "192.0.2.1")
        #expect(resolver.throttleKey(of: try Self.request(peer: "")) == "")
    }
}
