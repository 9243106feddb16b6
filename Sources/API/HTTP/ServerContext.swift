import Synchronization

/// State shared by a running server's loops and workers: configuration, the handler, the
/// worker pool and the counters that span loops.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let handler: @Sendable (HTTPRequest) -> HTTPResponse
    let workers: WorkerPool
    /// Admitted connections across all loops, for `maxConnections`.
    let activeConnections = Atomic<Int>(0)
    let isShuttingDown = Atomic<Bool>(false)
    /// Monotonic time after which a draining loop closes whatever is left.
    let shutdownDeadline = Atomic<UInt64>(.max)

    init(configuration: HTTPServerConfiguration, handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        self.configuration = configuration
        self.handler = handler
        self.workers = WorkerPool(threadCount: configuration.workerCount, name: "http-worker")
    }

    /// Runs on a worker thread: calls the handler and serializes its response there, so the
    /// event loops only move bytes.
    func respond(to request: HTTPRequest) -> (bytes: [UInt8], keepAlive: Bool) {
        let started = MonotonicClock.now()
        let response = handler(request)
        let keepAlive = request.wantsKeepAlive && !response.requestsClose
            && !isShuttingDown.load(ordering: .relaxed)
        let includeBody = request.method != "HEAD"
        let bytes = response.serialized(includeBody: includeBody, keepAlive: keepAlive)
        if let accessLog = configuration.accessLog {
            let elapsedMicroseconds = Int((MonotonicClock.now() &- started) / 1000)
            accessLog(HTTPServerConfiguration.AccessLogEntry(
                method: request.method, path: request.path, status: response.status,
                bodyBytes: includeBody ? response.body.count : 0, microseconds: elapsedMicroseconds,
                remoteAddress: request.remoteAddress))
        }
        return (bytes, keepAlive)
    }

    func serviceUnavailableResponse() -> [UInt8] {
        HTTPResponse(status: 503, text: "server is at its connection limit\n", headers: [("Retry-After", "1")])
            .serialized(keepAlive: false)
    }
}
