import Synchronization

/// One thread running epoll over its own listener and connections.
///
/// Requests go from here to the worker pool; responses come back through `complete`, which
/// queues them and wakes the loop through its eventfd. Timeouts are checked by a coarse
/// sweep a few times per shortest timeout rather than with per-connection timers: cheap,
/// and a timeout firing a fraction late is harmless.
///
/// `@unchecked Sendable`: everything except `completions` and `epoll.wake()` is touched only
/// on the loop's own thread (inside `run`); workers touch only those two, which are safe
/// across threads (a Mutex and an eventfd write).
final class EventLoop: @unchecked Sendable {
    struct Completion {
        let connectionDescriptor: Int32
        let connectionID: UInt64
        /// The serialized response; nil when the handler was skipped because the client had
        /// gone, and the connection is to be closed.
        let bytes: [UInt8]?
        let keepAlive: Bool
    }

    let context: ServerContext
    /// Shared by all connections of this loop: each read is consumed into a parser at once.
    let readBuffer: UnsafeMutableRawBufferPointer
    private(set) var isDraining = false
    private let epoll: Epoll
    private var listener: Socket?
    private var connections: [Int32: Connection] = [:]
    /// Sockets of connections closed during the current batch of events. Closing is deferred
    /// to the end of the batch so a new connection cannot reuse the descriptor number while
    /// the batch still holds events for the old one.
    private var retiredSockets: [Socket] = []
    private let completions = Mutex<[Completion]>([])
    /// Access-log entries of the current pass, written by `flushLog`; touched by this loop's thread only.
    var pendingLog: [HTTPServerConfiguration.AccessLogEntry] = []
    private var nextConnectionID: UInt64
    private let sweepIntervalNanoseconds: UInt64

    init(index: Int, listener: Socket, context: ServerContext) throws(SocketError) {
        self.context = context
        self.listener = listener
        self.epoll = try Epoll()
        self.readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
        // Loop index in the high bits keeps connection ids unique across loops, for logs.
        self.nextConnectionID = UInt64(index) << 48
        let configuration = context.configuration
        let shortestTimeout = [configuration.headerTimeoutSeconds, configuration.bodyTimeoutSeconds,
                               configuration.idleTimeoutSeconds, configuration.writeTimeoutSeconds].min() ?? 1
        // A quarter of the shortest timeout, between 10 ms and 250 ms.
        sweepIntervalNanoseconds = MonotonicClock.nanoseconds(min(max(shortestTimeout / 4, 0.01), 0.25))
        try epoll.addListener(listener.descriptor)
    }

    /// The loop's thread body; returns once shutdown has drained every connection.
    func run() {
        var nextSweep = MonotonicClock.now() &+ sweepIntervalNanoseconds
        let waitMilliseconds = Int32(max(1, sweepIntervalNanoseconds / 1_000_000))
        while true {
            let events = epoll.wait(timeoutMilliseconds: waitMilliseconds)
            let now = MonotonicClock.now()
            for event in events {
                if event.descriptor == epoll.wakeupDescriptor {
                    epoll.acknowledgeWakeup()
                    deliverCompletions(now: now)
                } else if let listener, event.descriptor == listener.descriptor {
                    acceptConnections(now: now)
                } else if let connection = connections[event.descriptor] {
                    connection.handle(event, now: now)
                }
            }
            if now >= nextSweep {
                expireConnections(now: now)
                nextSweep = now &+ sweepIntervalNanoseconds
            }
            if !isDraining && context.isShuttingDown.load(ordering: .acquiring) {
                beginDraining()
            }
            flushLog()
            if isDraining && (connections.isEmpty || now >= context.shutdownDeadline.load(ordering: .acquiring)) {
                for connection in Array(connections.values) { connection.close() }
                closeRetiredSockets()
                flushLog()
                return
            }
            closeRetiredSockets()
        }
    }

    /// Any thread: wakes the loop (for completions or shutdown).
    func wake() {
        epoll.wake()
    }

    /// Worker threads: hands a finished response back to the connection's loop.
    func complete(_ completion: Completion) {
        let wasEmpty = completions.withLock { queue in
            queue.append(completion)
            return queue.count == 1
        }
        // One wakeup per batch: if the queue was not empty, a wakeup is already pending.
        if wasEmpty { epoll.wake() }
    }

    /// Sends a parsed request to the worker pool; the answer comes back through `complete`.
    func dispatch(_ request: HTTPRequest, from connection: Connection) {
        let completionTarget = Completion.Target(descriptor: connection.socket.descriptor, connectionID: connection.id)
        context.workers.submit { [context, self] in
            let response = context.respond(to: request)
            complete(Completion(connectionDescriptor: completionTarget.descriptor,
                                connectionID: completionTarget.connectionID, bytes: response?.bytes,
                                keepAlive: response?.keepAlive ?? false))
        }
    }

    func retire(_ connection: Connection) {
        guard connections[connection.socket.descriptor] === connection else { return }
        connections[connection.socket.descriptor] = nil
        epoll.remove(connection.socket.descriptor)
        retiredSockets.append(connection.socket)
        if connection.countsTowardLimit {
            context.activeConnections.subtract(1, ordering: .relaxed)
        }
    }

    func logAccess(method: String, path: String, status: Int, bodyBytes: Int) {
        guard context.configuration.accessLog != nil else { return }
        pendingLog.append(HTTPServerConfiguration.AccessLogEntry(
            method: method, path: path, status: status, bodyBytes: bodyBytes, microseconds: 0, remoteAddress: ""))
    }

    /// Writes the access-log entries of this pass (requests answered on the loop, parse
    /// errors, refusals) in one call, so a loop serving many connections makes one write a
    /// pass instead of one a request (issue 16's profile: a tenth of a cached search's time).
    /// Called before the loop waits again, so a line follows its answer by microseconds.
    func flushLog() {
        guard !pendingLog.isEmpty else { return }
        context.configuration.accessLog?(pendingLog)
        pendingLog.removeAll(keepingCapacity: true)
    }

    /// After every thread that could call `wake` or `complete` has stopped.
    func releaseResources() {
        listener?.close()
        listener = nil
        epoll.close()
        readBuffer.deallocate()
    }

    private func acceptConnections(now: UInt64) {
        guard let listener else { return }
        // Bounded per wakeup so one loop under a connection flood still serves its others.
        for _ in 0..<256 {
            let accepted: (socket: Socket, remoteAddress: String, peer: PeerGroup)?
            do {
                accepted = try listener.accept()
            } catch {
                // EMFILE/ENFILE/ENOMEM: leave the connection queued; the next wakeup retries.
                return
            }
            guard let (socket, remoteAddress, peer) = accepted else { return }
            let admitted = context.activeConnections.add(1, ordering: .relaxed).newValue
                <= context.configuration.maxConnections
            if !admitted { context.activeConnections.subtract(1, ordering: .relaxed) }
            nextConnectionID += 1
            let connection = Connection(id: nextConnectionID, socket: socket, remoteAddress: remoteAddress, peer: peer,
                                        loop: self, countsTowardLimit: admitted, now: now)
            do {
                try epoll.addConnection(socket.descriptor)
            } catch {
                if admitted { context.activeConnections.subtract(1, ordering: .relaxed) }
                socket.close()
                continue
            }
            connections[socket.descriptor] = connection
            if !admitted {
                logAccess(method: "-", path: "-", status: 503, bodyBytes: 0)
            }
            connection.start(rejectingWith: admitted ? nil : context.serviceUnavailableResponse(), now: now)
        }
    }

    private func deliverCompletions(now: UInt64) {
        let batch = completions.withLock { queue in
            let taken = queue
            queue.removeAll(keepingCapacity: true)
            return taken
        }
        for completion in batch {
            // The connection may have closed (and its descriptor been reused) meanwhile.
            guard let connection = connections[completion.connectionDescriptor],
                  connection.id == completion.connectionID else { continue }
            connection.deliver(completion.bytes, keepAlive: completion.keepAlive, now: now)
        }
    }

    private func expireConnections(now: UInt64) {
        let expired = connections.values.filter { $0.deadline <= now }
        for connection in expired { connection.expire(now: now) }
    }

    /// Graceful shutdown: stop accepting, close connections that are between requests; the
    /// rest close after their response (see `Connection.finishWrite`).
    private func beginDraining() {
        isDraining = true
        if let listener {
            epoll.remove(listener.descriptor)
            listener.close()
            self.listener = nil
        }
        for connection in Array(connections.values) { connection.closeIfIdle() }
    }

    private func closeRetiredSockets() {
        for socket in retiredSockets { socket.close() }
        retiredSockets.removeAll(keepingCapacity: true)
    }
}

extension EventLoop.Completion {
    /// Which connection a response belongs to: the descriptor finds it, the id makes sure it
    /// is still the same connection.
    struct Target: Sendable {
        let descriptor: Int32
        let connectionID: UInt64
    }
}
