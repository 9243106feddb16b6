import Synchronization

/// One client connection: its socket, parser, pending output and timeouts.
///
/// Owned by one `EventLoop` and touched only on that loop's thread. A connection has at most
/// one request in flight: after a request is parsed nothing more is read until its response
/// has been written, so pipelined requests are answered strictly in order and a client that
/// pipelines without reading is held back by TCP flow control, not by our memory.
///
/// The body of the request being received or handled is held against the server-wide
/// `RequestBodyBudget`, under the connection's `PeerGroup`, from the moment it starts to
/// arrive until its answer is delivered or the connection closes, whichever path that takes
/// (answer, parse error, timeout, peer gone, shutdown): `close`, `deliver` and
/// `respondAndClose` each release it. A request without a body touches the budget not at all.
///
/// The request in flight carries a `ClientPresence`, marked gone when the peer resets the
/// connection (EPOLLERR/EPOLLHUP) or sends its FIN (EPOLLRDHUP) while the request is with
/// the workers. FIN counts as gone as it does for Go's net/http (which cancels the request's
/// context on it) and nginx (499): a client that half-closes yet still reads the answer is
/// indistinguishable at the TCP level from one that has closed, and it still gets the answer
/// of a handler that has already started; a queued one is skipped (`ServerContext.respond`).
///
/// The socket is registered edge-triggered once. `mayHaveUnreadInput` remembers an edge we
/// have not yet read to EAGAIN (because a request was in flight), so reading resumes after
/// the response without another epoll_ctl.
final class Connection {
    enum State {
        case reading
        /// A request is with the worker pool; waiting for `deliver`.
        case handling
        case writing
        /// Response sent with FIN; discarding input until the peer closes, so unread request
        /// bytes do not make the kernel answer with RST and destroy the response in flight.
        case lingering
        case closed
    }

    /// What the timeout clock is measuring; a change of phase restarts it.
    private enum Phase {
        case head, body, idle, handling, writing, lingering
    }

    private enum AfterWrite {
        /// An interim `100 Continue` was written; keep reading the body.
        case resumeReading
        case responseComplete
    }

    let id: UInt64
    let socket: Socket
    let countsTowardLimit: Bool
    /// Whom this connection's bodies are counted under in the budget's per-peer share.
    let peer: PeerGroup
    private let remoteAddress: String
    private(set) var state: State = .reading
    private(set) var deadline: UInt64 = .max
    private unowned let loop: EventLoop
    private var parser: HTTPRequestParser
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var afterWrite = AfterWrite.responseComplete
    private var closeAfterWrite = false
    private var mayHaveUnreadInput = true
    private var peerClosedInput = false
    /// The peer's FIN has been seen (EPOLLRDHUP); bytes sent before it may still be unread.
    private var peerShutDown = false
    private var servedRequests = 0
    /// Requests answered on the loop in the current `pump`, for `maxRequestsOnLoopPerWakeup`.
    private var requestsOnLoopThisWakeup = 0
    /// This connection's share of the server's body budget.
    private var reservedBodyBytes = 0
    /// Whether the peer is a shared front end (`HTTPServerConfiguration.isSharedFrontEnd`),
    /// exempt from the per-peer share. Asked when the first body starts, not at accept, so
    /// connections that never send a body never pay for the question.
    private lazy var isSharedFrontEnd: Bool = loop.context.configuration.isSharedFrontEnd?(remoteAddress) ?? false
    /// The presence of the request with the workers, until it is answered or marked gone.
    private var inFlightClient: ClientPresence?
    private var phase = Phase.head
    private var phaseStartedAt: UInt64

    private static let continueBytes = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    /// How long a lingering close waits for the peer's FIN.
    private static let lingerNanoseconds: UInt64 = 2_000_000_000

    init(id: UInt64, socket: Socket, remoteAddress: String, peer: PeerGroup, loop: EventLoop,
         countsTowardLimit: Bool, now: UInt64) {
        self.id = id
        self.socket = socket
        self.loop = loop
        self.countsTowardLimit = countsTowardLimit
        self.peer = peer
        self.remoteAddress = remoteAddress
        self.parser = HTTPRequestParser(limits: loop.context.configuration.parserLimits, remoteAddress: remoteAddress)
        self.phaseStartedAt = now
    }

    /// Starts the connection: reads whatever already arrived, or, for a connection over the
    /// limit, answers 503 and closes.
    func start(rejectingWith rejection: [UInt8]?, now: UInt64) {
        if let rejection {
            beginWriting(rejection, then: .responseComplete, close: true)
        }
        pump(now: now)
    }

    func handle(_ event: Epoll.Event, now: UInt64) {
        if event.isHangUp {
            close()
            return
        }
        if event.isPeerShutdown {
            peerShutDown = true
            markClientGone()
        }
        if event.isReadable { mayHaveUnreadInput = true }
        pump(now: now)
    }

    /// The worker pool's answer to the request in flight; nil when its handler was skipped
    /// because the client had gone, and the connection is closed.
    func deliver(_ bytes: [UInt8]?, keepAlive: Bool, now: UInt64) {
        guard state == .handling else { return }
        finishHandling(bytes, keepAlive: keepAlive)
        pump(now: now)
    }

    /// Called by the loop's timer sweep once `deadline` has passed.
    func expire(now: UInt64) {
        switch phase {
        case .body:
            respondWithError(HTTPParseError(status: 408, message: "request body not received in time"))
            pump(now: now)
        case .head where parser.hasPartialRequest:
            respondWithError(HTTPParseError(status: 408, message: "request not received in time"))
            pump(now: now)
        default:
            // Idle keep-alive, a client that never sent anything, a stalled write or linger.
            close()
        }
    }

    /// For graceful shutdown: closes the connection if it is between requests.
    func closeIfIdle() {
        if state == .reading && !parser.hasPartialRequest { close() }
    }

    func close() {
        guard state != .closed else { return }
        markClientGone()
        releaseBodyBytes()
        state = .closed
        loop.retire(self)
    }

    /// The answer to the request in flight, from the workers or the loop: written next, or,
    /// when nil (its handler was skipped because the client had gone), the connection closes.
    private func finishHandling(_ bytes: [UInt8]?, keepAlive: Bool) {
        inFlightClient = nil
        releaseBodyBytes()
        guard let bytes else {
            close()
            return
        }
        beginWriting(bytes, then: .responseComplete,
                     close: !keepAlive || loop.isDraining || peerClosedInput || peerShutDown)
    }

    /// Advances the state machine as far as the socket allows without blocking.
    private func pump(now: UInt64) {
        requestsOnLoopThisWakeup = 0
        pumping: while true {
            switch state {
            case .reading:
                if processBufferedInput() { continue }
                guard mayHaveUnreadInput else { break pumping }
                readIntoParser()
            case .writing:
                guard flushOutput() else { break pumping }
                finishWrite()
            case .lingering:
                discardInput()
                break pumping
            case .handling, .closed:
                break pumping
            }
        }
        refreshDeadline(now: now)
    }

    /// Takes the next request or interim event out of the parser. True when state changed.
    private func processBufferedInput() -> Bool {
        do {
            switch try parser.next() {
            case nil:
                // A body may have started or grown: hold it against the budget now, before
                // more of it is read.
                return !reserveBodyBytes(parser.committedBodyBytes)
            case .continueExpected:
                // Invite the body only if there is room for it.
                guard reserveBodyBytes(parser.committedBodyBytes) else { return true }
                beginWriting(Self.continueBytes, then: .resumeReading, close: false)
            case .request(let request):
                guard reserveBodyBytes(request.body.count) else { return true }
                state = .handling
                inFlightClient = request.client
                if peerShutDown { markClientGone() }
                if requestsOnLoopThisWakeup < loop.context.configuration.maxRequestsOnLoopPerWakeup,
                   loop.context.configuration.runsOnEventLoop?(request) == true {
                    // Declared short and non-blocking: answered here, without the two
                    // thread hand-offs of the worker pool.
                    requestsOnLoopThisWakeup += 1
                    let response = loop.context.respond(to: request, log: &loop.pendingLog)
                    finishHandling(response?.bytes, keepAlive: response?.keepAlive ?? false)
                } else {
                    loop.dispatch(request, from: self)
                }
            }
        } catch {
            respondWithError(error)
        }
        return true
    }

    private func readIntoParser() {
        let buffer = loop.readBuffer
        switch socket.read(into: buffer) {
        case .transferred(let count):
            parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        case .wouldBlock:
            mayHaveUnreadInput = false
        case .endOfStream, .failed:
            // Between requests this is a normal close; mid-request there is no one to answer.
            peerClosedInput = true
            close()
        }
    }

    private func respondWithError(_ error: HTTPParseError) {
        respondAndClose(status: error.status, message: error.message)
    }

    /// Answers the request being received without a handler and closes: the rest of the
    /// stream is not read as requests, and the body is no longer held.
    private func respondAndClose(status: Int, message: String, headers: [(name: String, value: String)] = []) {
        releaseBodyBytes()
        let response = HTTPResponse(status: status, text: message + "\n", headers: headers)
        loop.logAccess(method: "-", path: "-", status: status, bodyBytes: response.body.count)
        beginWriting(response.serialized(keepAlive: false), then: .responseComplete, close: true)
    }

    /// Grows this connection's reservation in the server's body budget to `total` bytes.
    /// False when the budget, or this peer's share of it, has no room: this request alone is
    /// refused, with 503 and Retry-After, and its connection closed; every other connection
    /// carries on. Returns before touching the budget (and its lock) when nothing is to be
    /// added: every request without a body, and a body whose bytes are already reserved.
    private func reserveBodyBytes(_ total: Int) -> Bool {
        let additional = total - reservedBodyBytes
        guard additional > 0 else { return true }
        let message: String
        switch loop.context.bodyBudget.reserve(additional, for: peer, exemptFromShare: isSharedFrontEnd) {
        case .reserved:
            reservedBodyBytes = total
            return true
        case .peerShareExhausted:
            message = "too many request bodies from your address are still arriving; retry shortly"
        case .budgetExhausted:
            message = "server busy receiving other requests; retry shortly"
        }
        respondAndClose(status: 503, message: message, headers: [("Retry-After", "1")])
        return false
    }

    private func releaseBodyBytes() {
        guard reservedBodyBytes > 0 else { return }
        loop.context.bodyBudget.release(reservedBodyBytes, for: peer)
        reservedBodyBytes = 0
    }

    /// Tells the handler of the request in flight, if any, that nobody will read its answer.
    private func markClientGone() {
        guard let client = inFlightClient else { return }
        inFlightClient = nil
        client.markGone()
        loop.context.requestsAbandonedByClients.add(1, ordering: .relaxed)
    }

    private func beginWriting(_ bytes: [UInt8], then next: AfterWrite, close: Bool) {
        output = bytes
        outputOffset = 0
        afterWrite = next
        closeAfterWrite = close
        state = .writing
    }

    /// Writes pending output. True when all of it is written; false when the socket is full
    /// (EPOLLOUT will resume us) or the connection died.
    private func flushOutput() -> Bool {
        while outputOffset < output.count {
            let result = output.withUnsafeBytes { bytes in
                socket.write(UnsafeRawBufferPointer(rebasing: bytes[outputOffset...]))
            }
            switch result {
            case .transferred(let count):
                outputOffset += count
            case .wouldBlock:
                return false
            case .endOfStream, .failed:
                close()
                return false
            }
        }
        output = []
        outputOffset = 0
        return true
    }

    private func finishWrite() {
        switch afterWrite {
        case .resumeReading:
            state = .reading
        case .responseComplete:
            servedRequests += 1
            if closeAfterWrite {
                beginLingeringClose()
            } else if loop.isDraining && !parser.hasPartialRequest {
                close()
            } else {
                state = .reading
            }
        }
    }

    private func beginLingeringClose() {
        socket.shutdownWriting()
        if peerClosedInput {
            close()
        } else {
            state = .lingering
        }
    }

    private func discardInput() {
        let buffer = loop.readBuffer
        while true {
            switch socket.read(into: buffer) {
            case .transferred:
                continue
            case .wouldBlock:
                mayHaveUnreadInput = false
                return
            case .endOfStream, .failed:
                close()
                return
            }
        }
    }

    private func refreshDeadline(now: UInt64) {
        let configuration = loop.context.configuration
        let newPhase: Phase
        switch state {
        case .reading:
            if parser.isReadingBody {
                newPhase = .body
            } else if parser.hasPartialRequest || servedRequests == 0 {
                // The first request's clock starts at accept: a client that connects and
                // sends nothing is as much a slowloris as one that trickles bytes.
                newPhase = .head
            } else {
                newPhase = .idle
            }
        case .handling: newPhase = .handling
        case .writing: newPhase = .writing
        case .lingering: newPhase = .lingering
        case .closed: return
        }
        if newPhase != phase {
            phase = newPhase
            phaseStartedAt = now
        }
        let timeout: UInt64
        switch phase {
        case .head: timeout = MonotonicClock.nanoseconds(configuration.headerTimeoutSeconds)
        case .body: timeout = MonotonicClock.nanoseconds(configuration.bodyTimeoutSeconds)
        case .idle: timeout = MonotonicClock.nanoseconds(configuration.idleTimeoutSeconds)
        case .writing: timeout = MonotonicClock.nanoseconds(configuration.writeTimeoutSeconds)
        case .lingering: timeout = Self.lingerNanoseconds
        case .handling: deadline = .max; return
        }
        deadline = phaseStartedAt &+ timeout
    }
}
