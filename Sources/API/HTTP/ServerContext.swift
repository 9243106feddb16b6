import Synchronization

/// State shared by a running server's loops and workers: configuration, the handler, the
/// worker pool and the counters that span loops.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let handler: @Sendable (HTTPRequest) -> HTTPResponse
    let workers: WorkerPool
    /// Admitted connections across all loops, for `maxConnections`.
    let activeConnections = Atomic<Int>(0)
    /// Request bodies held across all loops, for `maxBufferedBodyBytes` and its per-peer share.
    let bodyBudget: RequestBodyBudget
    /// Requests whose client went away before their response was written (for tests and
    /// monitoring; each is also in the access log, as 499 if its handler was skipped).
    let requestsAbandonedByClients = Atomic<Int>(0)
    let isShuttingDown = Atomic<Bool>(false)
    /// Monotonic time after which a draining loop closes whatever is left.
    let shutdownDeadline = Atomic<UInt64>(.max)

    /// nginx's status for "client closed the request"; logged, never sent.
    static let clientClosedRequestStatus = 499

    init(configuration: HTTPServerConfiguration, handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        self.configuration = configuration
        self.handler = handler
        self.bodyBudget = RequestBodyBudget(limitBytes: configuration.maxBufferedBodyBytes,
                                            limitBytesPerPeer: configuration.bufferedBodyBytesPerPeer)
        self.workers = WorkerPool(threadCount: configuration.workerCount, name: "http-worker")
    }

    /// Runs on a worker thread (or on the loop, for requests `runsOnEventLoop` accepts):
    /// calls the handler and serializes its response there, so the event loops only move
    /// bytes. Nil, without calling the handler, when the client has
    /// already gone: a queued request nobody will read the answer to is not worth running
    /// (a burst of requests sent and abandoned must not occupy the workers after the fact).
    func respond(to request: HTTPRequest) -> (bytes: [UInt8], keepAlive: Bool)? {
        var log: [HTTPServerConfiguration.AccessLogEntry] = []
        let answer = respond(to: request, log: &log)
        if !log.isEmpty { configuration.accessLog?(log) }
        return answer
    }

    /// `respond(to:)` with the access-log entry appended to `log` instead of written: an event
    /// loop gathers the entries of a whole pass and writes them at once (`EventLoop.flushLog`).
    func respond(to request: HTTPRequest, log: inout [HTTPServerConfiguration.AccessLogEntry]) -> (bytes: [UInt8], keepAlive: Bool)? {
        if request.client.isGone {
            log.append(entry(request, status: Self.clientClosedRequestStatus, bodyBytes: 0, microseconds: 0))
            return nil
        }
        let started = MonotonicClock.now()
        let response = handler(request)
        // A client that has gone (or half-closed) sends nothing more: do not promise to wait.
        let keepAlive = request.wantsKeepAlive && !response.requestsClose
            && !isShuttingDown.load(ordering: .relaxed) && !request.client.isGone
        let includeBody = request.method != "HEAD"
        let bytes = response.serialized(includeBody: includeBody, keepAlive: keepAlive)
        let elapsedMicroseconds = Int((MonotonicClock.now() &- started) / 1000)
        if configuration.accessLog != nil {
            log.append(entry(request, status: response.status, bodyBytes: includeBody ? response.body.count : 0,
                             microseconds: elapsedMicroseconds))
        }
        return (bytes, keepAlive)
    }

    func serviceUnavailableResponse() -> [UInt8] {
        HTTPResponse(status: 503, text: "server is at its connection limit\n", headers: [("Retry-After", "1")])
            .serialized(keepAlive: false)
    }

    private func entry(_ request: HTTPRequest, status: Int, bodyBytes: Int, microseconds: Int) -> HTTPServerConfiguration.AccessLogEntry {
        HTTPServerConfiguration.AccessLogEntry(method: request.method, path: request.path, status: status, bodyBytes: bodyBytes,
                                               microseconds: microseconds, remoteAddress: request.remoteAddress)
    }
}
