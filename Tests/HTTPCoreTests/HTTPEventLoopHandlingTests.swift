import Foundation
import Glibc
import Synchronization
import TestSupport
import Testing
@testable import HTTPCore

/// Requests `HTTPServerConfiguration.runsOnEventLoop` accepts are answered by the loop that
/// read them; the rest, and a connection's pipelined requests beyond the per-wakeup bound,
/// by the worker pool. The predicate is asked on the loop's thread, so it records the loop
/// threads; each answer says whether its handler ran on one of them.
@Suite struct HTTPEventLoopHandlingTests {
    /// Threads `runsOnEventLoop` has been asked on: the event loops.
    final class LoopThreads: Sendable {
        private let threads = Mutex<Set<UInt>>([])

        func noteCurrent() { threads.withLock { _ = $0.insert(UInt(pthread_self())) } }
        var containsCurrent: Bool { threads.withLock { $0.contains(UInt(pthread_self())) } }

        /// Answers `PATH loop` or `PATH worker`.
        var handler: @Sendable (HTTPRequest) -> HTTPResponse {
            { [self] request in HTTPResponse(text: "\(request.path) \(containsCurrent ? "loop" : "worker")") }
        }
    }

    @Test func onlyDeclaredRequestsRunOnTheLoop() throws {
        let loops = LoopThreads()
        let configure: (inout HTTPServerConfiguration) -> Void = { configuration in
            configuration.runsOnEventLoop = { request in
                loops.noteCurrent()
                return request.path.hasPrefix("/fast/")
            }
        }
        try HTTPTestServer.with(configure, handler: loops.handler) { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send("GET /fast/a HTTP/1.1\r\nHost: t\r\n\r\n")
            let fast = try client.readResponse()
            try client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
            let slow = try client.readResponse()
            try client.send("GET /fast/b HTTP/1.1\r\nHost: t\r\n\r\n")
            let fastAgain = try client.readResponse()
            #expect(fast.status == 200 && fast.text == "/fast/a loop")
            #expect(slow.status == 200 && slow.text == "/slow worker")
            #expect(fastAgain.text == "/fast/b loop")
            #expect(fast.header("Connection") == "keep-alive" && fast.header("Content-Length") == "\(fast.body.count)")
        }
    }

    /// One client pipelining without pause must not keep its loop to itself: after
    /// `maxRequestsOnLoopPerWakeup` answers on the loop, the next request goes to a worker
    /// (which hands the loop back to its other connections). All are answered, in order.
    @Test func pipelinedRequestsOnTheLoopAreBoundedPerWakeup() throws {
        let loops = LoopThreads()
        let configure: (inout HTTPServerConfiguration) -> Void = { configuration in
            configuration.runsOnEventLoop = { _ in
                loops.noteCurrent()
                return true
            }
            configuration.maxRequestsOnLoopPerWakeup = 3
        }
        try HTTPTestServer.with(configure, handler: loops.handler) { _, port in
            let client = try RawHTTPClient(port: port)
            // One write: the loop reads all ten requests in one wakeup.
            try client.send((0..<10).map { "GET /\($0) HTTP/1.1\r\nHost: t\r\n\r\n" }.joined())
            let answers = try (0..<10).map { _ in try client.readResponse().text }
            #expect(answers.map { $0.split(separator: " ")[0] } == (0..<10).map { "/\($0)"[...] })
            #expect(answers.prefix(3).allSatisfy { $0.hasSuffix(" loop") })
            #expect(answers[3].hasSuffix(" worker"))
        }
    }

    /// A loop writes the access-log entries of one pass together (one write instead of one a
    /// request, issue 16), each answer once and in order; worker answers come one at a time.
    @Test func theLoopLogsAPassInOneBatch() throws {
        let loops = LoopThreads()
        let batches = Mutex<[[String]]>([])
        let configure: (inout HTTPServerConfiguration) -> Void = { configuration in
            configuration.runsOnEventLoop = { request in
                loops.noteCurrent()
                return request.path != "/slow"
            }
            configuration.accessLog = { batch in batches.withLock { $0.append(batch.map(\.path)) } }
        }
        try HTTPTestServer.with(configure, handler: loops.handler) { _, port in
            let client = try RawHTTPClient(port: port)
            // One write: the loop reads all five requests in one wakeup and answers them there.
            try client.send((0..<5).map { "GET /\($0) HTTP/1.1\r\nHost: t\r\n\r\n" }.joined())
            let answers = try (0..<5).map { _ in try client.readResponse().text }
            #expect(answers.allSatisfy { $0.hasSuffix(" loop") })
            try client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().text == "/slow worker")
        }
        // The server has stopped: every entry has been handed over.
        let logged = batches.withLock { $0 }
        #expect(logged.first == ["/0", "/1", "/2", "/3", "/4"], "\(logged)")
        #expect(logged.dropFirst().map { $0 } == [["/slow"]], "\(logged)")
    }
}
