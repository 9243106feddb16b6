import Dispatch
import Synchronization
import TestSupport
import Testing
@testable import HTTPCore

/// The client-gone signal: a request's `ClientPresence` is marked when its client closes or
/// resets the connection while the request is with the workers, and a queued request whose
/// client has gone is never handed to the handler (logged as 499).
@Suite struct HTTPClientPresenceTests {
    /// A handler that blocks on `/block` until released, and records every path it handles.
    final class BlockingHandler: Sendable {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let handledPaths = Mutex<[String]>([])
        let blockedClient = Mutex<ClientPresence?>(nil)

        func handle(_ request: HTTPRequest) -> HTTPResponse {
            handledPaths.withLock { $0.append(request.path) }
            if request.path == "/block" {
                blockedClient.withLock { $0 = request.client }
                started.signal()
                release.wait()
            }
            return HTTPResponse(text: "handled \(request.path)")
        }
    }

    enum Departure: String, CaseIterable, Sendable {
        case close, reset
    }

    @Test(arguments: Departure.allCases)
    func aClientLeavingWhileItsHandlerRunsMarksTheRequestGone(_ departure: Departure) throws {
        let handler = BlockingHandler()
        try HTTPTestServer.with(handler: handler.handle) { server, port in
            let client = try RawHTTPClient(port: port)
            try client.send("GET /block HTTP/1.1\r\nHost: t\r\n\r\n")
            handler.started.wait()
            let presence = try #require(handler.blockedClient.withLock { $0 })
            #expect(!presence.isGone)
            switch departure {
            case .close: client.close()
            case .reset: client.reset()
            }
            HTTPTestServer.waitUntil("the presence is marked gone") { presence.isGone }
            #expect(server.requestsAbandonedByClients == 1)
            handler.release.signal()
            // The server goes on serving others.
            let other = try RawHTTPClient(port: port)
            try other.send("GET /other HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try other.readResponse().text == "handled /other")
        }
    }

    /// With one worker busy, requests queue; those whose clients close before a worker gets
    /// to them are skipped: no handler call, a 499 line in the access log.
    @Test func queuedRequestsWhoseClientsLeftAreNeverHandled() throws {
        let handler = BlockingHandler()
        let log = Mutex<[HTTPServerConfiguration.AccessLogEntry]>([])
        try HTTPTestServer.with({ configuration in
            configuration.workerCount = 1
            configuration.accessLog = { batch in log.withLock { $0.append(contentsOf: batch) } }
        }, handler: handler.handle) { server, port in
            let blocker = try RawHTTPClient(port: port)
            try blocker.send("GET /block HTTP/1.1\r\nHost: t\r\n\r\n")
            handler.started.wait()

            let abandoned = 5
            for index in 0..<abandoned {
                let client = try RawHTTPClient(port: port)
                try client.send("POST /queued-\(index) HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi")
                client.close()
            }
            // Every one of them reached the queue and had its client marked gone.
            HTTPTestServer.waitUntil("all five marked gone") { server.requestsAbandonedByClients == abandoned }

            handler.release.signal()
            #expect(try blocker.readResponse().text == "handled /block")
            // One worker, first in first out: by the time this is answered, the abandoned
            // jobs ahead of it have all been taken off the queue.
            let after = try RawHTTPClient(port: port)
            try after.send("GET /after HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try after.readResponse().text == "handled /after")

            #expect(handler.handledPaths.withLock { $0 } == ["/block", "/after"])
            let skipped = log.withLock { $0 }.filter { $0.status == 499 }
            #expect(Set(skipped.map(\.path)) == Set((0..<abandoned).map { "/queued-\($0)" }))
            #expect(skipped.allSatisfy { $0.method == "POST" && $0.bodyBytes == 0 })
        }
    }

    /// A client that half-closes (FIN) after its request is taken to have gone, like Go's
    /// net/http does, but a handler that has already started still has its answer written.
    @Test func aHalfClosedClientStillGetsTheAnswerOfAStartedHandler() throws {
        let handler = BlockingHandler()
        try HTTPTestServer.with(handler: handler.handle) { server, port in
            let client = try RawHTTPClient(port: port)
            try client.send("GET /block HTTP/1.1\r\nHost: t\r\n\r\n")
            handler.started.wait()
            let presence = try #require(handler.blockedClient.withLock { $0 })
            client.shutdownWriting()
            HTTPTestServer.waitUntil("the presence is marked gone") { presence.isGone }
            handler.release.signal()
            let response = try client.readResponse()
            #expect(response.text == "handled /block")
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func aRequestBuiltDirectlyStaysPresentUntilMarked() throws {
        let request = try HTTPRequest(method: "GET", target: "/")
        #expect(!request.client.isGone)
        request.client.markGone()
        #expect(request.client.isGone)
    }
}
