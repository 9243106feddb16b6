/// One client connection: its socket, parser, pending output and timeouts.
///
/// Owned by one `EventLoop` and touched only on that loop's thread. A connection has at most
/// one request in flight: after a request is parsed nothing more is read until its response
/// has been written, so pipelined requests are answered strictly in order and a client that
/// pipelines without reading is held back by TCP flow control, not by our memory.
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
    private var servedRequests = 0
    private var phase = Phase.head
    private var phaseStartedAt: UInt64

    private static let continueBytes = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    /// How long a lingering close waits for the peer's FIN.
    private static let lingerNanoseconds: UInt64 = 2_000_000_000

    init(id: UInt64, socket: Socket, remoteAddress: String, loop: EventLoop,
         countsTowardLimit: Bool, now: UInt64) {
        self.id = id
        self.socket = socket
        self.loop = loop
        self.countsTowardLimit = countsTowardLimit
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
        if event.isReadable { mayHaveUnreadInput = true }
        pump(now: now)
    }

    /// The worker pool's answer to the request in flight.
    func deliver(_ bytes: [UInt8], keepAlive: Bool, now: UInt64) {
        guard state == .handling else { return }
        beginWriting(bytes, then: .responseComplete, close: !keepAlive || loop.isDraining || peerClosedInput)
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
        state = .closed
        loop.retire(self)
    }

    /// Advances the state machine as far as the socket allows without blocking.
    private func pump(now: UInt64) {
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
                return false
            case .continueExpected:
                beginWriting(Self.continueBytes, then: .resumeReading, close: false)
            case .request(let request):
                state = .handling
                loop.dispatch(request, from: self)
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
        let response = HTTPResponse(status: error.status, text: error.message + "\n")
        loop.logAccess(method: "-", path: "-", status: error.status, bodyBytes: response.body.count)
        beginWriting(response.serialized(keepAlive: false), then: .responseComplete, close: true)
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
