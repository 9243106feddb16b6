import Foundation

/// Everything tunable about `HTTPServer`. Defaults suit the uplyft API on a small machine.
public struct HTTPServerConfiguration: Sendable {
    /// One line of the access log. `path` is the decoded path without the query string, so
    /// tokens passed as query parameters never reach the log.
    public struct AccessLogEntry: Sendable {
        public let method: String
        public let path: String
        public let status: Int
        /// Body bytes of the response (0 for HEAD).
        public let bodyBytes: Int
        /// From the request being fully received to its response being ready to write.
        public let microseconds: Int
        public let remoteAddress: String
    }

    public var host: String = "127.0.0.1"
    /// 0 lets the kernel choose; `HTTPServer.start()` returns the chosen port.
    public var port: Int = 8080
    /// Event loops, each on its own thread with its own listener (SO_REUSEPORT).
    public var loops: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Threads running handlers. Handlers may block (password hashing ~0.2 s), so there are
    /// more workers than cores; the bound keeps a burst of slow requests from creating
    /// unbounded threads. Requests beyond it wait in a queue (at most one per connection).
    public var workerCount: Int = max(4, 4 * ProcessInfo.processInfo.activeProcessorCount)
    /// Open connections across all loops; connections beyond it get 503 and are closed.
    public var maxConnections: Int = 10_000
    public var maxHeaderBytes: Int = 16 * 1024
    public var maxHeaderCount: Int = 100
    public var maxBodyBytes: Int = 1024 * 1024
    /// Request body bytes held in memory across all connections, from the moment a body
    /// starts to arrive until its handler has answered (`RequestBodyBudget`). A body that
    /// would pass it gets 503 with Retry-After and its connection is closed; other
    /// connections carry on. 64 MiB is 64 bodies of the largest size at once, several times
    /// what the worker pool can handle at a time, and thousands of uplyft's real bodies
    /// (JSON of a few KiB); without it 10,000 connections could hold 10 GiB before any
    /// handler (so before any authentication) ran. Keep it at least `maxBodyBytes`, or
    /// bodies of the largest size are always refused.
    ///
    /// Unfinished request heads are not counted here: each is at most `maxHeaderBytes` and
    /// lives at most `headerTimeoutSeconds`, so all of them together are bounded by
    /// `maxConnections` x `maxHeaderBytes` (160 MiB at the defaults; measured on the release
    /// build: 900 unfinished 16 KiB heads added 14 KiB of RSS each). Counting them too would
    /// let a slowloris flood, already bounded by the head timeout, also refuse every body.
    /// Measured with the default budget: 300 connections each sending 1 MiB - 1 byte of a
    /// 1 MiB body added 65 MiB (64 held, 236 refused with 503) where they added 304 MiB.
    public var maxBufferedBodyBytes: Int = 64 * 1024 * 1024
    /// The part of `maxBufferedBodyBytes` the connections of one peer may hold together: one
    /// IPv4 address, or one IPv6 /64, since one host can pick any address of its /64
    /// (`PeerGroup`). Beyond it that peer's body gets 503 with Retry-After while other
    /// peers' bodies are still taken. Without it one address filled the whole budget (70
    /// slow 1 MiB bodies) and every other client's POST got 503. nil (the default) is an
    /// eighth of the total, so at least 8 peers are needed to fill it, but never less than
    /// `maxBodyBytes` (one body of the largest size must always fit) nor more than the total:
    /// 8 MiB at the defaults. Peers for which `isSharedFrontEnd` is true are exempt.
    public var maxBufferedBodyBytesPerPeer: Int?
    /// Says, from a peer's address as text (as in `HTTPRequest.remoteAddress`), whether it
    /// is a shared front end: a reverse proxy or load balancer whose connections carry many
    /// clients' requests. Such a peer is exempt from `maxBufferedBodyBytesPerPeer` (behind a
    /// proxy every client has its address, and a share for all of them would let one slow
    /// client refuse the rest) but not from `maxBufferedBodyBytes`. Asked at most once per
    /// connection, on the event loop, when the first body on it starts to arrive (never for
    /// connections without a body): keep it quick and thread-safe. nil: no peer is one.
    public var isSharedFrontEnd: (@Sendable (String) -> Bool)?
    /// From the first byte of a request (or from accept) to the end of its head: the
    /// slowloris defence, so it is not extended by each trickled byte. Expiry answers 408.
    public var headerTimeoutSeconds: Double = 10
    /// From the end of the head to the end of the body. Expiry answers 408.
    public var bodyTimeoutSeconds: Double = 30
    /// How long a keep-alive connection may sit between requests before it is closed.
    public var idleTimeoutSeconds: Double = 60
    /// How long writing one response may take before the connection is dropped (a client
    /// that stops reading would otherwise pin its buffers forever).
    public var writeTimeoutSeconds: Double = 30
    /// Says whether a request's handler is short and never blocks (no lock held across I/O,
    /// no database, no password hashing, no waiting on another thread), so the event loop
    /// that read the request runs the handler itself instead of handing it to a worker and
    /// waking the loop again with the answer: two thread wake-ups saved per request. Asked on
    /// the loop for every complete request: keep it quick and thread-safe. Whatever it
    /// accepts stalls the loop's other connections while it runs, so accept only handlers
    /// bounded in CPU time. A connection's pipelined requests run on the loop at most
    /// `maxRequestsOnLoopPerWakeup` in a row; the next one goes to the workers, so one
    /// client cannot keep its loop to itself. nil (the default): every request goes to
    /// the workers.
    public var runsOnEventLoop: (@Sendable (HTTPRequest) -> Bool)?
    /// See `runsOnEventLoop`.
    public var maxRequestsOnLoopPerWakeup: Int = 8
    /// Called with the entries of answered requests, in order, each entry once: one at a time
    /// from worker threads (handled requests), and from each event loop the entries of one
    /// pass together (parse errors, timeouts, requests `runsOnEventLoop` accepted), written
    /// just after those answers. Must be thread-safe and quick.
    public var accessLog: (@Sendable ([AccessLogEntry]) -> Void)?

    public init() {}

    /// `maxBufferedBodyBytesPerPeer`, or its default when nil.
    var bufferedBodyBytesPerPeer: Int {
        if let maxBufferedBodyBytesPerPeer { return maxBufferedBodyBytesPerPeer }
        return min(maxBufferedBodyBytes, max(maxBufferedBodyBytes / 8, maxBodyBytes))
    }

    var parserLimits: HTTPRequestParser.Limits {
        HTTPRequestParser.Limits(maxHeaderBytes: maxHeaderBytes, maxHeaderCount: maxHeaderCount,
                                 maxBodyBytes: maxBodyBytes)
    }
}
