import Foundation
import Testing
@testable import HTTPCore

/// Starting and stopping a bare `HTTPServer` on 127.0.0.1 and a kernel-chosen port, for the
/// HTTP core's end-to-end tests.
enum HTTPTestServer {
    /// Starts a server with small pools, runs `body` with it and its port, then shuts it down.
    static func with(
        _ configure: (inout HTTPServerConfiguration) -> Void = { _ in },
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse,
        _ body: (HTTPServer, Int) throws -> Void
    ) throws {
        var configuration = HTTPServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.loops = 2
        configuration.workerCount = 4
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, handler: handler)
        let port = try server.start()
        defer { server.shutdown(timeoutSeconds: 5) }
        try body(server, port)
    }

    /// Waits for something another thread makes true (an event loop noticing a closed
    /// socket). Not a timing assertion: the bound only turns "never" into a failure instead
    /// of a hang, and is far above the milliseconds it takes.
    static func waitUntil(_ label: String, timeoutSeconds: Double = 10, _ condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while !condition() {
            if Date() >= deadline {
                Issue.record("never happened: \(label)")
                return
            }
            usleep(1000)
        }
    }
}
