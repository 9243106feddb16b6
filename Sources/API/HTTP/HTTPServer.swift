import Foundation
import Glibc
import Synchronization

/// An HTTP/1.1 server on POSIX sockets: one epoll event loop per core, each with its own
/// SO_REUSEPORT listener, and a bounded worker pool running the handler. Starting on a port
/// something already listens on fails (`HTTPServerError.addressInUse`) instead of sharing it.
///
/// Data path: bytes -> `Connection` (read buffer, `HTTPRequestParser`) -> worker pool ->
/// handler -> `HTTPResponse` serialized on the worker -> loop (eventfd) -> non-blocking
/// write, resumed on EPOLLOUT. Requests `HTTPServerConfiguration.runsOnEventLoop` declares
/// short and non-blocking skip the pool: the loop runs the handler and writes at once. The handler sees only `HTTPRequest`; it never sees a socket.
public final class HTTPServer: Sendable {
    private enum Lifecycle {
        case idle
        case starting
        case running(context: ServerContext, loops: [EventLoop])
        case stopping
        /// Keeps the context so its counters can still be read.
        case stopped(context: ServerContext)
    }

    private let configuration: HTTPServerConfiguration
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse
    private let lifecycle = Mutex(Lifecycle.idle)
    private let loopsFinished = DispatchGroup()
    /// Entered by `start`, left when `shutdown` has released everything; `wait` waits on it.
    private let serving = DispatchGroup()

    public init(configuration: HTTPServerConfiguration,
                handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        self.configuration = configuration
        self.handler = handler
    }

    /// Binds and starts the loops; returns the bound port (the kernel's pick for port 0).
    @discardableResult
    public func start() throws -> Int {
        // Writes use MSG_NOSIGNAL already; this covers any other write to a closed peer.
        signal(SIGPIPE, SIG_IGN)
        try lifecycle.withLock { state in
            guard case .idle = state else { throw HTTPServerError.alreadyStarted }
            state = .starting
        }
        let loopCount = max(1, configuration.loops)
        var listeners: [Socket] = []
        var context: ServerContext?
        var loops: [EventLoop] = []
        do {
            guard (0...65535).contains(configuration.port) else {
                throw HTTPServerError.invalidPort(configuration.port)
            }
            // Every listener used to set SO_REUSEPORT before binding, so a second server on
            // a busy port started without complaint and took half its connections. The first
            // listener now binds without it, which fails if anyone already listens there,
            // and turns it on only afterwards for our own other listeners. No window is left
            // for another uplyft to slip in: from our bind on, the port is ours, and a later
            // server's first bind (without SO_REUSEPORT) always conflicts with it. Only a
            // program of the same user that binds with SO_REUSEPORT from the start could
            // still join, as it could join any such group.
            let first = try Self.firstListener(host: configuration.host, port: configuration.port)
            listeners.append(first)
            // Later listeners join the first one's port, which matters when port is 0.
            let port = try first.localPort()
            for _ in 1..<loopCount {
                listeners.append(try Socket.listen(host: configuration.host, port: port, sharing: .joinsGroup))
            }
            let sharedContext = ServerContext(configuration: configuration, handler: handler)
            context = sharedContext
            for (index, listener) in listeners.enumerated() {
                loops.append(try EventLoop(index: index, listener: listener, context: sharedContext))
            }
            lifecycle.withLock { [loops] in $0 = .running(context: sharedContext, loops: loops) }
            serving.enter()
            for (index, loop) in loops.enumerated() {
                loopsFinished.enter()
                let thread = Thread { [loopsFinished] in
                    loop.run()
                    loopsFinished.leave()
                }
                thread.name = "http-loop-\(index)"
                thread.start()
            }
            return port
        } catch {
            // Only socket and epoll setup can fail, all before any loop thread starts.
            context?.workers.stopAndWait()
            for loop in loops { loop.releaseResources() }  // closes its listener too
            for listener in listeners.dropFirst(loops.count) { listener.close() }
            lifecycle.withLock { $0 = .idle }
            throw error
        }
    }

    /// Binds, serves, and returns only after `shutdown` (from another thread or a signal
    /// handler's task) has finished.
    public func run() throws {
        try start()
        wait()
    }

    /// Blocks until the server has shut down. Returns at once if it never started.
    public func wait() {
        serving.wait()
    }

    /// Graceful shutdown: stop accepting, close idle connections, let requests in flight
    /// finish and their responses be written (with `Connection: close`), then release every
    /// thread and descriptor. Whatever is still open after `timeoutSeconds` is closed.
    /// Blocks until done; safe to call more than once.
    public func shutdown(timeoutSeconds: Double = 30) {
        let running: (ServerContext, [EventLoop])? = lifecycle.withLock { state in
            guard case .running(let context, let loops) = state else { return nil }
            state = .stopping
            return (context, loops)
        }
        guard let (context, loops) = running else {
            wait()
            return
        }
        context.shutdownDeadline.store(MonotonicClock.now() &+ MonotonicClock.nanoseconds(timeoutSeconds),
                                       ordering: .releasing)
        context.isShuttingDown.store(true, ordering: .releasing)
        for loop in loops { loop.wake() }
        loopsFinished.wait()
        // Handlers whose connections died may still be running; they finish, then the loops'
        // eventfds can be closed without a late wakeup writing into a reused descriptor.
        context.workers.stopAndWait()
        for loop in loops { loop.releaseResources() }
        lifecycle.withLock { $0 = .stopped(context: context) }
        serving.leave()
    }

    /// The listener that founds the SO_REUSEPORT group (see `start`), with EADDRINUSE made
    /// into an error that names the address.
    private static func firstListener(host: String, port: Int) throws -> Socket {
        do {
            return try Socket.listen(host: host, port: port, sharing: .foundsGroup)
        } catch {
            if error.isAddressInUse { throw HTTPServerError.addressInUse(host: host, port: port) }
            throw error
        }
    }

    /// Request body bytes held right now against `maxBufferedBodyBytes`; 0 before start.
    var bufferedRequestBodyBytes: Int {
        currentContext?.bodyBudget.reservedBytes ?? 0
    }

    /// Request body bytes held right now by the connections of `peer`; 0 before start.
    func bufferedRequestBodyBytes(for peer: PeerGroup) -> Int {
        currentContext?.bodyBudget.reservedBytes(for: peer) ?? 0
    }

    /// Peers holding any request body bytes right now; 0 once every body has ended.
    var peersHoldingRequestBodyBytes: Int {
        currentContext?.bodyBudget.peersHoldingBytes ?? 0
    }

    /// Requests whose client went away while they were with the workers, since start.
    var requestsAbandonedByClients: Int {
        currentContext?.requestsAbandonedByClients.load(ordering: .relaxed) ?? 0
    }

    private var currentContext: ServerContext? {
        lifecycle.withLock { state in
            switch state {
            case .running(let context, _), .stopped(let context): return context
            case .idle, .starting, .stopping: return nil
            }
        }
    }
}

public enum HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    case alreadyStarted
    /// Something already listens on the address: another server, or another copy of this one.
    case addressInUse(host: String, port: Int)
    case invalidPort(Int)

    public var description: String {
        switch self {
        case .alreadyStarted:
            return "the server has already been started"
        case .addressInUse(let host, let port):
            return "cannot listen on \(host):\(port): the port is already in use (is another server running there?); stop it or choose another port"
        case .invalidPort(let port):
            return "port \(port) is not between 0 and 65535"
        }
    }
}
