import TestSupport
import Testing
@testable import HTTPCore

/// Starting on a port that is already in use fails with an error naming the address, instead
/// of sharing the port through SO_REUSEPORT and taking part of another server's connections.
@Suite struct HTTPServerStartTests {
    static func answering(_ name: String) -> @Sendable (HTTPRequest) -> HTTPResponse {
        { _ in HTTPResponse(text: name) }
    }

    static func configuration(port: Int) -> HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = port
        configuration.loops = 2
        configuration.workerCount = 2
        return configuration
    }

    /// Starts a server that must fail; if it starts anyway, stops it before failing the test.
    static func expectAddressInUse(port: Int, handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        let server = HTTPServer(configuration: configuration(port: port), handler: handler)
        do {
            try server.start()
            server.shutdown(timeoutSeconds: 1)
            Issue.record("a second server started on busy port \(port)")
        } catch {
            #expect(error as? HTTPServerError == .addressInUse(host: "127.0.0.1", port: port))
            let message = "\(error)"
            #expect(message.contains("127.0.0.1:\(port)") && message.contains("already in use"), "\(message)")
        }
    }

    @Test func aSecondServerOnTheSamePortFailsAndTheFirstKeepsEveryConnection() throws {
        try HTTPTestServer.with({ $0.loops = 2 }, handler: Self.answering("first")) { _, port in
            Self.expectAddressInUse(port: port, handler: Self.answering("second"))
            // Were the second one listening too, the kernel would hand it about half of these.
            for index in 0..<32 {
                let client = try RawHTTPClient(port: port)
                try client.send("GET /\(index) HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                #expect(try client.readResponse().text == "first", "connection \(index)")
            }
        }
    }

    @Test func aPortHeldByAnotherProgramIsRefusedWhetherItSharesOrNot() throws {
        for sharing in [Socket.PortSharing.exclusive, .joinsGroup] {
            let other = try Socket.listen(host: "127.0.0.1", port: 0, sharing: sharing)
            defer { other.close() }
            Self.expectAddressInUse(port: try other.localPort(), handler: Self.answering("second"))
        }
    }

    /// The port is free again once a refused start has cleaned up, and after a shutdown.
    @Test func aFailedStartLeavesNothingBound() throws {
        let first = HTTPServer(configuration: Self.configuration(port: 0), handler: Self.answering("first"))
        let port = try first.start()
        Self.expectAddressInUse(port: port, handler: Self.answering("second"))
        first.shutdown(timeoutSeconds: 1)
        let again = HTTPServer(configuration: Self.configuration(port: port), handler: Self.answering("again"))
        #expect(try again.start() == port)
        let client = try RawHTTPClient(port: port)
        try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().text == "again")
        again.shutdown(timeoutSeconds: 1)
    }

    @Test(arguments: [-1, 65536, Int.max, Int.min])
    func portsOutOfRangeAreRefused(port: Int) {
        let server = HTTPServer(configuration: Self.configuration(port: port), handler: Self.answering("x"))
        #expect(throws: HTTPServerError.invalidPort(port)) { try server.start() }
    }
}
