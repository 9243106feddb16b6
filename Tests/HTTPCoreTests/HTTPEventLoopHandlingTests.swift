import Dispatch
import Foundation
import Synchronization
import TestSupport
import Testing
@testable import HTTPCore

/// Requests `HTTPServerConfiguration.runsOnEventLoop` accepts are answered by the loop that
/// read them; the rest, and a connection's pipelined requests beyond the per-wakeup bound,
/// by the worker pool. Each answer names the thread that ran its handler.
@Suite struct HTTPEventLoopHandlingTests {
    /// Answers with the name of the thread the handler runs on (`http-loop-N` or `http-worker-N`).
    static let threadName: @Sendable (HTTPRequest) -> HTTPResponse = { _ in
        HTTPResponse(text: Thread.current.name ?? "unnamed")
    }

    private func configureOnLoop(_ configuration: inout HTTPServerConfiguration) {
        configuration.runsOnEventLoop = { $0.path.hasPrefix("/fast/") }
    }

    @Test func onlyDeclaredRequestsRunOnTheLoop() throws {
        try HTTPTestServer.with(configureOnLoop, handler: Self.threadName) { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send("GET /fast/a HTTP/1.1\r\nHost: t\r\n\r\n")
            let fast = try client.readResponse()
            try client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
            let slow = try client.readResponse()
            try client.send("GET /fast/b HTTP/1.1\r\nHost: t\r\n\r\n")
            let fastAgain = try client.readResponse()
            #expect(fast.status == 200 && fast.text.hasPrefix("http-loop-"))
            #expect(slow.status == 200 && slow.text.hasPrefix("http-worker-"))
            #expect(fastAgain.text.hasPrefix("http-loop-"))
            #expect(fast.header("Connection") == "keep-alive" && fast.header("Content-Length") == "\(fast.body.count)")
        }
    }

    @Test func withoutTheSettingEveryRequestGoesToTheWorkers() throws {
        try HTTPTestServer.with(handler: Self.threadName) { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send("GET /fast/a HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().text.hasPrefix("http-worker-"))
        }
    }

    /// One client pipelining without pause must not keep its loop to itself: after
    /// `maxRequestsOnLoopPerWakeup` answers on the loop, the next request goes to a worker
    /// (which hands the loop back to its other connections). All are answered, in order.
    @Test func pipelinedRequestsOnTheLoopAreBoundedPerWakeup() throws {
        let configure: (inout HTTPServerConfiguration) -> Void = { configuration in
            configuration.runsOnEventLoop = { _ in true }
            configuration.maxRequestsOnLoopPerWakeup = 3
        }
        let handler: @Sendable (HTTPRequest) -> HTTPResponse = { request in
            HTTPResponse(text: "\(request.path) \(Thread.current.name ?? "unnamed")")
        }
        try HTTPTestServer.with(configure, handler: handler) { _, port in
            let client = try RawHTTPClient(port: port)
            // One write: the loop reads all ten requests in one wakeup.
            try client.send((0..<10).map { "GET /\($0) HTTP/1.1\r\nHost: t\r\n\r\n" }.joined())
            let answers = try (0..<10).map { _ in try client.readResponse().text }
            #expect(answers.map { $0.split(separator: " ")[0] } == (0..<10).map { "/\($0)"[...] })
            #expect(answers.prefix(3).allSatisfy { $0.hasSuffix(" http-loop-0") || $0.hasSuffix(" http-loop-1") })
            #expect(answers[3].contains(" http-worker-"))
        }
    }
}
