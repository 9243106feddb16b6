import Dispatch
import Foundation
import Synchronization
import TestSupport
import Testing
@testable import HTTPCore

/// End-to-end tests: a real server on 127.0.0.1, an ephemeral port, raw sockets.
@Suite struct HTTPServerTests {
    /// Echoes method, path and body; `/sleep` takes 100 ms to exercise ordering.
    static let echo: @Sendable (HTTPRequest) -> HTTPResponse = { request in
        if request.path == "/sleep" { usleep(100_000) }
        return HTTPResponse(text: "\(request.method) \(request.path) \(String(decoding: request.body, as: UTF8.self))")
    }

    private func withServer(
        _ configure: (inout HTTPServerConfiguration) -> Void = { _ in },
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse = echo,
        _ body: (HTTPServer, Int) throws -> Void
    ) throws {
        try HTTPTestServer.with(configure, handler: handler, body)
    }

    @Test func keepAliveServesTwoRequestsOnOneConnection() throws {
        try withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send("GET /one HTTP/1.1\r\nHost: t\r\n\r\n")
            let first = try client.readResponse()
            try client.send("POST /two HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nbody")
            let second = try client.readResponse()
            #expect(first.status == 200 && first.text == "GET /one ")
            #expect(first.header("Connection") == "keep-alive")
            #expect(first.header("Date") != nil)
            #expect(second.text == "POST /two body")
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send("GET /sleep HTTP/1.1\r\nHost: t\r\n\r\nGET /2 HTTP/1.1\r\nHost: t\r\n\r\n"
                            + "POST /3 HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\nx")
            let texts = try (0..<3).map { _ in try client.readResponse().text }
            #expect(texts == ["GET /sleep ", "GET /2 ", "POST /3 x"])
        }
    }

    @Test func expectContinueGetsAnInterimResponseBeforeTheBody() throws {
        try withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send("PUT /upload HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.status == 100)
            try client.send("hello")
            let final = try client.readResponse()
            #expect(final.status == 200 && final.text == "PUT /upload hello")
        }
    }

    /// Chunked bodies over the wire: with `Expect: 100-continue`, spread over several writes,
    /// and followed by pipelined requests on the same connection.
    @Test func chunkedBodiesAreDecodedAndPipelinedRequestsFollow() throws {
        try withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send("PUT /up HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n")
            #expect(try client.readResponse().status == 100)
            try client.send("5\r\nhello\r\n")
            try client.send("1;ext=1\r\n,\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n")
            #expect(try client.readResponse().text == "PUT /up hello, world")
            try client.send("POST /a HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nA\r\n0\r\n\r\n"
                            + "GET /b HTTP/1.1\r\nHost: t\r\n\r\n"
                            + "POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nCC\r\n0\r\n\r\n")
            let texts = try (0..<3).map { _ in try client.readResponse().text }
            #expect(texts == ["POST /a A", "GET /b ", "POST /c CC"])
        }
    }

    @Test func oversizedChunkedBodyIsRefusedAtTheChunkThatPassesTheLimit() throws {
        try withServer({ $0.maxBodyBytes = 1024 }) { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send("PUT / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n"
                            + String(repeating: "a", count: 1024) + "\r\n1\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(client.isClosedByServer())
        }
    }

    /// Durations come from configuration; none of them may trap (NaN did) or wrap.
    @Test func anyTimeoutConvertsWithoutTrapping() throws {
        #expect(MonotonicClock.nanoseconds(.nan) == 0)
        #expect(MonotonicClock.nanoseconds(-.infinity) == 0)
        #expect(MonotonicClock.nanoseconds(-1) == 0)
        #expect(MonotonicClock.nanoseconds(1.5) == 1_500_000_000)
        #expect(MonotonicClock.nanoseconds(.infinity) == 1_000_000_000_000_000_000)
        #expect(MonotonicClock.nanoseconds(.greatestFiniteMagnitude) == 1_000_000_000_000_000_000)
        // A server configured so still starts and serves.
        try withServer({ $0.idleTimeoutSeconds = .nan; $0.writeTimeoutSeconds = .infinity }) { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send("GET /t HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
    }

    @Test func oversizedBodyIsRefusedBeforeContinue() throws {
        try withServer({ $0.maxBodyBytes = 1024 }) { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send("PUT / HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 1025\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: t\r\nX-Big: \(String(repeating: "a", count: 20_000))\r\n\r\n", 431),
        ("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nhello", 400),
        ("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\n", 413),
        ("GARBAGE\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/3.0\r\nHost: t\r\n\r\n", 505),
        ("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\n", 413),
    ])
    func errorsAreAnsweredAndTheConnectionClosed(wire: String, status: Int) throws {
        try withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send(wire)
            let response = try client.readResponse()
            #expect(response.status == status)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func headGetsHeadersWithoutBodyAndHTTP10Closes() throws {
        try withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send("HEAD /h HTTP/1.0\r\n\r\n")
            let response = try client.readResponse(headRequest: true)
            #expect(response.status == 200)
            #expect(response.header("Content-Length") == "\("HEAD /h ".utf8.count)")
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())  // and no body bytes arrived before the close
        }
    }

    @Test func connectionCloseIsHonoured() throws {
        try withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            #expect(try client.readResponse().header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func slowHeadersGet408() throws {
        try withServer({ $0.headerTimeoutSeconds = 0.3 }) { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost:")
            let response = try client.readResponse()  // arrives once the timeout fires
            #expect(response.status == 408)
            #expect(client.isClosedByServer())
        }
    }

    @Test func concurrentClientsAllGetTheirOwnAnswers() throws {
        try withServer { _, port in
            let failures = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: 8) { clientIndex in
                do {
                    let client = try RawHTTPClient(port: port)
                    for requestIndex in 0..<25 {
                        let body = "c\(clientIndex)r\(requestIndex)"
                        try client.send("POST /p HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
                        if try client.readResponse().text != "POST /p \(body)" { failures.add(1, ordering: .relaxed) }
                    }
                } catch {
                    failures.add(1, ordering: .relaxed)
                }
            }
            #expect(failures.load(ordering: .relaxed) == 0)
        }
    }

    @Test func connectionsOverTheLimitGet503() throws {
        try withServer({ $0.maxConnections = 2 }) { _, port in
            // Prove both are admitted (a served request) before opening the third.
            let admitted = try (0..<2).map { _ in try RawHTTPClient(port: port) }
            for client in admitted {
                try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try client.readResponse().status == 200)
            }
            let rejected = try RawHTTPClient(port: port)
            try rejected.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try rejected.readResponse()
            #expect(response.status == 503)
            #expect(rejected.isClosedByServer())
            // The admitted connections still work.
            try admitted[0].send("GET /again HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try admitted[0].readResponse().text == "GET /again ")
        }
    }

    @Test func shutdownFinishesTheRequestInFlight() throws {
        let handlerStarted = DispatchSemaphore(value: 0)
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.loops = 2
        let server = HTTPServer(configuration: configuration) { request in
            handlerStarted.signal()
            usleep(300_000)
            return HTTPResponse(text: "finished \(request.path)")
        }
        let port = try server.start()
        let idle = try RawHTTPClient(port: port)
        let client = try RawHTTPClient(port: port)
        try client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        handlerStarted.wait()
        let shutdownDone = DispatchSemaphore(value: 0)
        Thread { server.shutdown(timeoutSeconds: 10); shutdownDone.signal() }.start()
        let response = try client.readResponse()
        #expect(response.status == 200 && response.text == "finished /slow")
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByServer())
        #expect(idle.isClosedByServer())  // idle keep-alive connections are closed, not waited for
        shutdownDone.wait()
        #expect(throws: (any Error).self) { try RawHTTPClient(port: port) }
    }

    @Test func accessLogSeesPathWithoutQuery() throws {
        let entries = Mutex<[HTTPServerConfiguration.AccessLogEntry]>([])
        try withServer({ configuration in
            configuration.accessLog = { batch in entries.withLock { $0.append(contentsOf: batch) } }
        }) { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send("GET /search?token=secret HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try client.readResponse()
        }
        let logged = entries.withLock { $0 }
        #expect(logged.count == 1)
        #expect(logged.first?.path == "/search")
        #expect(logged.first?.method == "GET")
        #expect(logged.first?.status == 200)
        #expect(logged.first?.bodyBytes == "GET /search ".utf8.count)
    }

    @Test func responseSerializationOwnsFraming() {
        let response = HTTPResponse(status: 204, headers: [("Content-Length", "99"), ("X-Evil", "a\r\nInjected: 1"), ("X-Ok", "1")])
        let text = String(decoding: response.serialized(keepAlive: true, date: "D"), as: UTF8.self)
        #expect(text == "HTTP/1.1 204 No Content\r\nX-Ok: 1\r\nDate: D\r\nConnection: keep-alive\r\n\r\n")
        let head = String(decoding: HTTPResponse(text: "hi").serialized(includeBody: false, keepAlive: false, date: "D"), as: UTF8.self)
        #expect(head == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\nDate: D\r\nConnection: close\r\n\r\n")
        #expect(HTTPDate.format(secondsSince1970: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}
