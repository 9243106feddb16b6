import Glibc
import Synchronization
import TestSupport
import Testing
@testable import HTTPCore

/// The server-wide bound on buffered request bodies (`maxBufferedBodyBytes`) and each peer's
/// share of it (`maxBufferedBodyBytesPerPeer`): bodies that would pass either get 503 at
/// once while other connections and other peers are served, and every way a body can end
/// (answered, refused, timed out, abandoned, shut down) gives its bytes back, to the total
/// and to its peer. Peers are loopback addresses (all of 127/8 reaches the server on Linux).
@Suite struct HTTPBodyBudgetTests {
    /// Three bodies of the largest size fill the budget; one fills a peer's share (the
    /// default share, an eighth of the total, is raised to one body of the largest size).
    static func smallBudget(_ configuration: inout HTTPServerConfiguration) {
        configuration.maxBodyBytes = 1000
        configuration.maxBufferedBodyBytes = 3000
    }

    /// A peer's group from its address as text, for reading the per-peer counts. The text
    /// is read by the C library's `inet_pton`, as the server's own peers are read by the kernel.
    static func peer(_ address: String) -> PeerGroup {
        var ipv4 = in_addr()
        if inet_pton(AF_INET, address, &ipv4) == 1 { return PeerGroup(addressBytes: withUnsafeBytes(of: ipv4) { Array($0) }) }
        var ipv6 = in6_addr()
        guard inet_pton(AF_INET6, address, &ipv6) == 1 else { preconditionFailure("not an IP address: \(address)") }
        return PeerGroup(addressBytes: withUnsafeBytes(of: ipv6) { Array($0) })
    }

    static let echoLength: @Sendable (HTTPRequest) -> HTTPResponse = { request in
        HTTPResponse(text: "\(request.path) \(request.body.count)")
    }

    /// Sends a head announcing `length` bytes with `Expect: 100-continue` from `source` and
    /// reads the answer: 100 once the body's bytes are reserved, or the refusal.
    static func announceBody(port: Int, path: String, length: Int = 1000, from source: String = "127.0.0.1",
                             host: String = "127.0.0.1") throws -> (client: RawHTTPClient, answer: RawHTTPClient.Response) {
        let client = try RawHTTPClient(port: port, host: host, sourceAddress: source)
        try client.send("POST \(path) HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: \(length)\r\n\r\n")
        return (client, try client.readResponse())
    }

    /// `announceBody`, expecting the body to be taken (100 Continue).
    static func startSlowBody(port: Int, path: String, length: Int = 1000, from source: String = "127.0.0.1",
                              host: String = "127.0.0.1") throws -> RawHTTPClient {
        let (client, interim) = try announceBody(port: port, path: path, length: length, from: source, host: host)
        #expect(interim.status == 100, "\(path) from \(source): \(interim.status) \(interim.text)")
        return client
    }

    @Test func bodiesBeyondTheBudgetGet503WhileOthersAreServed() throws {
        try HTTPTestServer.with(Self.smallBudget, handler: Self.echoLength) { server, port in
            let sources = ["127.0.0.1", "127.0.0.2", "127.0.0.3"]
            let slow = try sources.enumerated().map { try Self.startSlowBody(port: port, path: "/slow-\($0)", from: $1) }
            #expect(server.bufferedRequestBodyBytes == 3000)
            for source in sources { #expect(server.bufferedRequestBodyBytes(for: Self.peer(source)) == 1000) }

            // A fourth body from a fourth peer, announced or already sent, large or small:
            // refused at once, for the total (the peer holds nothing).
            for wire in ["POST /big HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n",
                         "POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello",
                         "POST /chunked HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"] {
                let refused = try RawHTTPClient(port: port, sourceAddress: "127.0.0.4")
                try refused.send(wire)
                let response = try refused.readResponse()
                #expect(response.status == 503, "\(wire.debugDescription)")
                #expect(response.text.hasPrefix("server busy"), "\(response.text)")
                #expect(response.header("Retry-After") == "1")
                #expect(refused.isClosedByServer())
            }
            // Requests without a body, on other connections, are served as usual.
            let reader = try RawHTTPClient(port: port)
            try reader.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try reader.readResponse().status == 200)
            #expect(server.bufferedRequestBodyBytes == 3000, "refused bodies reserve nothing")
            #expect(server.bufferedRequestBodyBytes(for: Self.peer("127.0.0.4")) == 0)

            // The slow bodies finish and are answered; the budget is whole again.
            for (index, client) in slow.enumerated() {
                try client.send([UInt8](repeating: UInt8(ascii: "x"), count: 1000))
                #expect(try client.readResponse().text == "/slow-\(index) 1000")
            }
            #expect(server.bufferedRequestBodyBytes == 0)
            #expect(server.peersHoldingRequestBodyBytes == 0)
            let again = try RawHTTPClient(port: port, sourceAddress: "127.0.0.4")
            try again.send("POST /again HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n" + String(repeating: "y", count: 1000))
            #expect(try again.readResponse().text == "/again 1000")
            #expect(server.bufferedRequestBodyBytes == 0)
            #expect(server.peersHoldingRequestBodyBytes == 0)
        }
    }

    // MARK: - Each peer's share

    /// Room for four bodies of the largest size, two of them from any one peer.
    static func twoBodiesPerPeer(_ configuration: inout HTTPServerConfiguration) {
        configuration.maxBodyBytes = 1000
        configuration.maxBufferedBodyBytes = 4000
        configuration.maxBufferedBodyBytesPerPeer = 2000
    }

    /// One address cannot take the whole budget: once its bodies hold its share, its next
    /// body (announced, sent whole, chunked) gets 503 at once while another address's bodies
    /// are still taken, and its requests without a body are still served.
    @Test func aPeerBeyondItsShareIsRefusedWhileOtherPeersBodiesAreTaken() throws {
        try HTTPTestServer.with(Self.twoBodiesPerPeer, handler: Self.echoLength) { server, port in
            let greedy = try (0..<2).map { try Self.startSlowBody(port: port, path: "/greedy-\($0)", from: "127.0.0.1") }
            #expect(server.bufferedRequestBodyBytes(for: Self.peer("127.0.0.1")) == 2000)
            for wire in ["POST /big HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n",
                         "POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello",
                         "POST /chunked HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"] {
                let refused = try RawHTTPClient(port: port, sourceAddress: "127.0.0.1")
                try refused.send(wire)
                let response = try refused.readResponse()
                #expect(response.status == 503, "\(wire.debugDescription)")
                #expect(response.text.contains("from your address"), "\(response.text)")
                #expect(response.header("Retry-After") == "1")
                #expect(refused.isClosedByServer())
            }
            let reader = try RawHTTPClient(port: port, sourceAddress: "127.0.0.1")
            try reader.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try reader.readResponse().status == 200, "the greedy peer's body-less requests are served")

            // Another peer: a slow body of its own and a whole one, while the greedy peer holds its share.
            let other = try Self.startSlowBody(port: port, path: "/other-slow", from: "127.0.0.2")
            let whole = try RawHTTPClient(port: port, sourceAddress: "127.0.0.2")
            try whole.send("POST /other HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello")
            #expect(try whole.readResponse().text == "/other 5")
            #expect(server.bufferedRequestBodyBytes(for: Self.peer("127.0.0.1")) == 2000, "refusals reserve nothing")
            #expect(server.bufferedRequestBodyBytes(for: Self.peer("127.0.0.2")) == 1000)
            #expect(server.bufferedRequestBodyBytes == 3000)

            for (index, client) in greedy.enumerated() {
                try client.send([UInt8](repeating: UInt8(ascii: "x"), count: 1000))
                #expect(try client.readResponse().text == "/greedy-\(index) 1000")
            }
            try other.send([UInt8](repeating: UInt8(ascii: "o"), count: 1000))
            #expect(try other.readResponse().text == "/other-slow 1000")
            #expect(server.bufferedRequestBodyBytes == 0)
            #expect(server.peersHoldingRequestBodyBytes == 0)
        }
    }

    /// A shared front end (a proxy every client comes through) is not held to one peer's
    /// share, only to the total, which then refuses everyone alike. The hook is asked with
    /// the peer's address, and only for connections that send a body.
    @Test func aSharedFrontEndMayPassTheShareUpToTheTotal() throws {
        let asked = Mutex<[String]>([])
        try HTTPTestServer.with({ configuration in
            Self.twoBodiesPerPeer(&configuration)
            configuration.isSharedFrontEnd = { address in
                asked.withLock { $0.append(address) }
                return address == "127.0.0.1"
            }
        }, handler: Self.echoLength) { server, port in
            let reader = try RawHTTPClient(port: port, sourceAddress: "127.0.0.3")
            try reader.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try reader.readResponse().status == 200)
            #expect(asked.withLock { $0 }.isEmpty, "a connection without a body is not asked about")

            let proxied = try (0..<4).map { try Self.startSlowBody(port: port, path: "/proxied-\($0)", from: "127.0.0.1") }
            #expect(server.bufferedRequestBodyBytes(for: Self.peer("127.0.0.1")) == 4000)
            let beyondTotal = try Self.announceBody(port: port, path: "/fifth", from: "127.0.0.1").answer
            #expect(beyondTotal.status == 503 && beyondTotal.text.hasPrefix("server busy"), "\(beyondTotal.text)")
            let otherPeer = try Self.announceBody(port: port, path: "/other", from: "127.0.0.2").answer
            #expect(otherPeer.status == 503 && otherPeer.text.hasPrefix("server busy"), "\(otherPeer.text)")
            #expect(Set(asked.withLock { $0 }) == ["127.0.0.1", "127.0.0.2"])

            for client in proxied { client.close() }
            HTTPTestServer.waitUntil("the proxy's bodies are released") {
                server.bufferedRequestBodyBytes == 0 && server.peersHoldingRequestBodyBytes == 0
            }
        }
    }

    /// Whether this machine has IPv6 at all (a kernel booted with ipv6.disable=1 or a
    /// container without it has no ::1): the two IPv6 tests need it, and say so when skipped.
    static let hasIPv6Loopback: Bool = {
        let descriptor = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_addr = in6addr_loopback
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
        } == 0
    }()

    /// A dual-stack listener sees IPv4 peers as `::ffff:a.b.c.d`; each is still its own
    /// peer (as IPv6 /64s they would all be `::/64`, one share for every IPv4 client), and
    /// the front-end hook gets the address as the socket reports it.
    @Test(.enabled(if: hasIPv6Loopback, "no IPv6 on this machine"))
    func ipv4PeersOfAnIPv6ListenerAreTheirOwnPeers() throws {
        try HTTPTestServer.with({ configuration in
            Self.twoBodiesPerPeer(&configuration)
            configuration.host = "::ffff:127.0.0.1"
        }, handler: Self.echoLength) { server, port in
            let greedy = try (0..<2).map { try Self.startSlowBody(port: port, path: "/greedy-\($0)", from: "127.0.0.1") }
            #expect(try Self.announceBody(port: port, path: "/third", from: "127.0.0.1").answer.status == 503)
            let other = try Self.startSlowBody(port: port, path: "/other", from: "127.0.0.2")
            #expect(server.bufferedRequestBodyBytes(for: Self.peer("127.0.0.1")) == 2000)
            #expect(server.bufferedRequestBodyBytes(for: Self.peer("127.0.0.2")) == 1000)
            for client in greedy + [other] { client.close() }
            HTTPTestServer.waitUntil("the bodies are released") { server.peersHoldingRequestBodyBytes == 0 }
        }
    }

    /// Over IPv6 the share is per /64, end to end on ::1 (the only IPv6 loopback address,
    /// so one peer; several addresses of one /64 are checked on the budget itself below).
    @Test(.enabled(if: hasIPv6Loopback, "no IPv6 on this machine"))
    func anIPv6PeerIsHeldToItsSlash64sShare() throws {
        try HTTPTestServer.with({ configuration in
            Self.twoBodiesPerPeer(&configuration)
            configuration.host = "::1"
        }, handler: Self.echoLength) { server, port in
            let held = try (0..<2).map { try Self.startSlowBody(port: port, path: "/v6-\($0)", from: "::1", host: "::1") }
            #expect(try Self.announceBody(port: port, path: "/third", from: "::1", host: "::1").answer.status == 503)
            #expect(server.bufferedRequestBodyBytes(for: Self.peer("::1")) == 2000)
            #expect(server.bufferedRequestBodyBytes(for: Self.peer("::2")) == 2000, "::1 and ::2 are one /64")
            for client in held { client.close() }
            HTTPTestServer.waitUntil("the bodies are released") { server.peersHoldingRequestBodyBytes == 0 }
        }
    }

    /// One host may use any address of its /64: all of them share one share.
    @Test func addressesOfOneSlash64ShareOneShare() {
        let budget = RequestBodyBudget(limitBytes: 4000, limitBytesPerPeer: 2000)
        #expect(budget.reserve(1000, for: Self.peer("2001:db8:1:2::1"), exemptFromShare: false) == .reserved)
        #expect(budget.reserve(1000, for: Self.peer("2001:db8:1:2:ffff:ffff:ffff:fffe"), exemptFromShare: false) == .reserved)
        #expect(budget.reserve(1, for: Self.peer("2001:db8:1:2:a:b:c:d"), exemptFromShare: false) == .peerShareExhausted,
                "a third address of the same /64 finds the share taken")
        #expect(budget.reserve(1000, for: Self.peer("2001:db8:1:3::1"), exemptFromShare: false) == .reserved,
                "the next /64 is another peer")
        #expect(budget.reservedBytes(for: Self.peer("2001:db8:1:2::42")) == 2000)
        budget.release(1000, for: Self.peer("2001:db8:1:2::1"))
        budget.release(1000, for: Self.peer("2001:db8:1:2::2"))
        budget.release(1000, for: Self.peer("2001:db8:1:3::1"))
        #expect(budget.reservedBytes == 0 && budget.peersHoldingBytes == 0)
    }

    /// The default share: an eighth of the total, at least one body of the largest size, at
    /// most the total.
    @Test func theDefaultShareIsAnEighthOfTheTotal() {
        var configuration = HTTPServerConfiguration()
        #expect(configuration.bufferedBodyBytesPerPeer == 8 * 1024 * 1024)
        configuration.maxBufferedBodyBytes = 2 * 1024 * 1024
        #expect(configuration.bufferedBodyBytesPerPeer == 1024 * 1024, "never below maxBodyBytes")
        configuration.maxBufferedBodyBytes = 1000
        #expect(configuration.bufferedBodyBytesPerPeer == 1000, "never above the total")
        configuration.maxBufferedBodyBytesPerPeer = 300
        #expect(configuration.bufferedBodyBytesPerPeer == 300, "an explicit share is kept")
    }

    /// A chunked body is counted chunk by chunk, each chunk from its size line on.
    @Test func chunkedBodiesAreCountedAsTheyGrow() throws {
        try HTTPTestServer.with({ configuration in
            configuration.maxBodyBytes = 4000
            configuration.maxBufferedBodyBytes = 3000
        }, handler: Self.echoLength) { server, port in
            let fits = try RawHTTPClient(port: port)
            let chunk = "3e8\r\n" + String(repeating: "c", count: 1000) + "\r\n"
            try fits.send("POST /fits HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk + chunk + "0\r\n\r\n")
            #expect(try fits.readResponse().text == "/fits 3000")
            #expect(server.bufferedRequestBodyBytes == 0)

            // Under maxBodyBytes, but the fourth chunk's size line passes the budget.
            let grows = try RawHTTPClient(port: port)
            try grows.send("POST /grows HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk + chunk + "1\r\n")
            let response = try grows.readResponse()
            #expect(response.status == 503)
            #expect(grows.isClosedByServer())
            #expect(server.bufferedRequestBodyBytes == 0)
            #expect(server.peersHoldingRequestBodyBytes == 0)
        }
    }

    /// Bodies that never finish give their bytes back too: timed out (408), refused mid-way
    /// (a parse error), or abandoned by their client.
    @Test func unfinishedBodiesGiveTheirBytesBack() throws {
        try HTTPTestServer.with({ configuration in
            Self.smallBudget(&configuration)
            configuration.bodyTimeoutSeconds = 0.5
        }, handler: Self.echoLength) { server, port in
            let timingOut = try (1...2).map { try Self.startSlowBody(port: port, path: "/slow-\($0)", from: "127.0.0.\($0)") }
            #expect(server.bufferedRequestBodyBytes(for: Self.peer("127.0.0.2")) == 1000)
            for client in timingOut {
                #expect(try client.readResponse().status == 408)
            }
            #expect(server.bufferedRequestBodyBytes == 0)
            #expect(server.peersHoldingRequestBodyBytes == 0)

            let malformed = try RawHTTPClient(port: port)
            try malformed.send("POST /bad HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n")
            try malformed.send(String(repeating: "m", count: 1000) + "XX")
            #expect(try malformed.readResponse().status == 400)
            #expect(server.bufferedRequestBodyBytes == 0)
            #expect(server.peersHoldingRequestBodyBytes == 0)

            let abandoned = try Self.startSlowBody(port: port, path: "/abandoned", from: "127.0.0.3")
            #expect(server.bufferedRequestBodyBytes(for: Self.peer("127.0.0.3")) == 1000)
            abandoned.close()
            HTTPTestServer.waitUntil("the abandoned body is released") {
                server.bufferedRequestBodyBytes == 0 && server.peersHoldingRequestBodyBytes == 0
            }
            #expect(server.bufferedRequestBodyBytes(for: Self.peer("127.0.0.3")) == 0)
        }
    }

    @Test func shutdownGivesBackTheBytesOfBodiesStillArriving() throws {
        var configuration = HTTPServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.loops = 2
        Self.smallBudget(&configuration)
        let server = HTTPServer(configuration: configuration, handler: Self.echoLength)
        let port = try server.start()
        let slow = try (1...2).map { try Self.startSlowBody(port: port, path: "/slow-\($0)", from: "127.0.0.\($0)") }
        #expect(server.bufferedRequestBodyBytes == 2000)
        #expect(server.peersHoldingRequestBodyBytes == 2)
        server.shutdown(timeoutSeconds: 0.2)
        #expect(server.bufferedRequestBodyBytes == 0)
        #expect(server.peersHoldingRequestBodyBytes == 0)
        #expect(slow.allSatisfy { $0.isClosedByServer() })
    }

    @Test func reservationsNeverPassTheLimit() {
        let budget = RequestBodyBudget(limitBytes: 100, limitBytesPerPeer: 100)
        let peer = Self.peer("192.0.2.1")
        #expect(budget.reserve(60, for: peer, exemptFromShare: false) == .reserved)
        #expect(budget.reserve(41, for: peer, exemptFromShare: false) == .peerShareExhausted)
        #expect(budget.reserve(41, for: Self.peer("192.0.2.2"), exemptFromShare: false) == .budgetExhausted)
        #expect(budget.reserve(40, for: peer, exemptFromShare: false) == .reserved)
        #expect(budget.reserve(1, for: peer, exemptFromShare: true) == .budgetExhausted)
        #expect(budget.reserve(.max, for: Self.peer("192.0.2.3"), exemptFromShare: true) == .budgetExhausted,
                "no overflow on a huge request")
        budget.release(100, for: peer)
        #expect(budget.reservedBytes == 0 && budget.peersHoldingBytes == 0)
        #expect(budget.reserve(0, for: peer, exemptFromShare: false) == .reserved)
        #expect(budget.reserve(-1, for: peer, exemptFromShare: false) != .reserved)
        #expect(budget.peersHoldingBytes == 0, "an empty reservation leaves no entry")
    }
}
