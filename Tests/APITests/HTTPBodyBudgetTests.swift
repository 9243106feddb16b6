import Testing
@testable import API

/// The server-wide bound on buffered request bodies (`maxBufferedBodyBytes`): bodies that
/// would pass it get 503 at once while other connections are served, and every way a body
/// can end (answered, refused, timed out, abandoned, shut down) gives its bytes back.
@Suite struct HTTPBodyBudgetTests {
    /// Three bodies of the largest size fill the budget.
    static func smallBudget(_ configuration: inout HTTPServerConfiguration) {
        configuration.maxBodyBytes = 1000
        configuration.maxBufferedBodyBytes = 3000
    }

    static let echoLength: @Sendable (HTTPRequest) -> HTTPResponse = { request in
        HTTPResponse(text: "\(request.path) \(request.body.count)")
    }

    /// Sends a head announcing `length` bytes with `Expect: 100-continue` and waits for the
    /// interim answer, which the server sends only once the body's bytes are reserved.
    static func startSlowBody(port: Int, path: String, length: Int = 1000) throws -> RawHTTPClient {
        let client = try RawHTTPClient(port: port)
        try client.send("POST \(path) HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: \(length)\r\n\r\n")
        let interim = try client.readResponse()
        #expect(interim.status == 100, "\(path)")
        return client
    }

    @Test func bodiesBeyondTheBudgetGet503WhileOthersAreServed() throws {
        try HTTPTestServer.with(Self.smallBudget, handler: Self.echoLength) { server, port in
            let slow = try (0..<3).map { try Self.startSlowBody(port: port, path: "/slow-\($0)") }
            #expect(server.bufferedRequestBodyBytes == 3000)

            // A fourth body, announced or already sent, large or small: refused at once.
            for wire in ["POST /big HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n",
                         "POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello",
                         "POST /chunked HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"] {
                let refused = try RawHTTPClient(port: port)
                try refused.send(wire)
                let response = try refused.readResponse()
                #expect(response.status == 503, "\(wire.debugDescription)")
                #expect(response.header("Retry-After") == "1")
                #expect(refused.isClosedByServer())
            }
            // Requests without a body, on other connections, are served as usual.
            let reader = try RawHTTPClient(port: port)
            try reader.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try reader.readResponse().status == 200)
            #expect(server.bufferedRequestBodyBytes == 3000, "refused bodies reserve nothing")

            // The slow bodies finish and are answered; the budget is whole again.
            for (index, client) in slow.enumerated() {
                try client.send([UInt8](repeating: UInt8(ascii: "x"), count: 1000))
                #expect(try client.readResponse().text == "/slow-\(index) 1000")
            }
            #expect(server.bufferedRequestBodyBytes == 0)
            let again = try RawHTTPClient(port: port)
            try again.send("POST /again HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n" + String(repeating: "y", count: 1000))
            #expect(try again.readResponse().text == "/again 1000")
            #expect(server.bufferedRequestBodyBytes == 0)
        }
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
        }
    }

    /// Bodies that never finish give their bytes back too: timed out (408), refused mid-way
    /// (a parse error), or abandoned by their client.
    @Test func unfinishedBodiesGiveTheirBytesBack() throws {
        try HTTPTestServer.with({ configuration in
            Self.smallBudget(&configuration)
            configuration.bodyTimeoutSeconds = 0.5
        }, handler: Self.echoLength) { server, port in
            let timingOut = try (0..<2).map { try Self.startSlowBody(port: port, path: "/slow-\($0)") }
            for client in timingOut {
                #expect(try client.readResponse().status == 408)
            }
            #expect(server.bufferedRequestBodyBytes == 0)

            let malformed = try RawHTTPClient(port: port)
            try malformed.send("POST /bad HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n")
            try malformed.send(String(repeating: "m", count: 1000) + "XX")
            #expect(try malformed.readResponse().status == 400)
            #expect(server.bufferedRequestBodyBytes == 0)

            let abandoned = try Self.startSlowBody(port: port, path: "/abandoned")
            #expect(server.bufferedRequestBodyBytes == 1000)
            abandoned.close()
            HTTPTestServer.waitUntil("the abandoned body is released") { server.bufferedRequestBodyBytes == 0 }
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
        let slow = try (0..<2).map { try Self.startSlowBody(port: port, path: "/slow-\($0)") }
        #expect(server.bufferedRequestBodyBytes == 2000)
        server.shutdown(timeoutSeconds: 0.2)
        #expect(server.bufferedRequestBodyBytes == 0)
        #expect(slow.allSatisfy { $0.isClosedByServer() })
    }

    @Test func reservationsNeverPassTheLimit() {
        let budget = RequestBodyBudget(limitBytes: 100)
        #expect(budget.reserve(60))
        #expect(!budget.reserve(41))
        #expect(budget.reserve(40))
        #expect(!budget.reserve(1))
        #expect(!budget.reserve(.max), "no overflow on a huge request")
        budget.release(100)
        #expect(budget.reservedBytes == 0)
        #expect(budget.reserve(0))
        #expect(!budget.reserve(-1))
    }
}
