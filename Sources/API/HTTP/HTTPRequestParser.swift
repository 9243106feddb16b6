/// Incremental HTTP/1.x request parser (RFC 9112): feed it bytes as they arrive, take complete
/// requests out one at a time.
///
/// The parser is strict where leniency lets two parties frame the same bytes differently
/// (request smuggling): lines must end in CRLF, no whitespace before a field's colon, no
/// obs-fold, one consistent Content-Length, and no Transfer-Encoding at all. Any error is
/// sticky: once the framing is in doubt no later byte on the connection can be trusted.
///
/// Limits keep one connection's memory bounded: the head (request line + fields) is at most
/// `maxHeaderBytes`, the body at most `maxBodyBytes`, so the buffer never holds more than
/// those plus whatever pipelined bytes were read alongside.
public struct HTTPRequestParser {
    public struct Limits: Sendable {
        /// Request line plus header fields, CRLFs included. 16 KiB fits real browsers' cookies
        /// with room to spare; larger heads get 431.
        public var maxHeaderBytes: Int = 16 * 1024
        /// RFC 9112 section 3 recommends supporting request lines of at least 8000 octets.
        public var maxRequestLineBytes: Int = 8 * 1024
        public var maxHeaderCount: Int = 100
        public var maxBodyBytes: Int = 1024 * 1024

        public init(maxHeaderBytes: Int = 16 * 1024, maxRequestLineBytes: Int = 8 * 1024,
                    maxHeaderCount: Int = 100, maxBodyBytes: Int = 1024 * 1024) {
            self.maxHeaderBytes = maxHeaderBytes
            self.maxRequestLineBytes = min(maxRequestLineBytes, maxHeaderBytes)
            self.maxHeaderCount = maxHeaderCount
            self.maxBodyBytes = maxBodyBytes
        }
    }

    public enum Event {
        /// A complete request, body included.
        case request(HTTPRequest)
        /// The head of a request with `Expect: 100-continue` was accepted and its body has not
        /// arrived yet: the server should send `100 Continue` now (RFC 9110 section 10.1.1).
        case continueExpected
    }

    public let limits: Limits
    private let remoteAddress: String
    private var buffer: [UInt8] = []
    /// Bytes before this index belong to requests already returned.
    private var readIndex = 0
    /// Where the search for the end of the head resumes, so slow clients cost linear time.
    private var headScanIndex = 0
    private var requestLineEnd: Int?
    /// The current request's head once parsed, while its body is still arriving.
    private var pendingHead: RequestHead?
    private var failure: HTTPParseError?

    public init(limits: Limits = Limits(), remoteAddress: String = "") {
        self.limits = limits
        self.remoteAddress = remoteAddress
    }

    /// True when part of a request has been received but not yet returned.
    public var hasPartialRequest: Bool { pendingHead != nil || readIndex < buffer.count }
    /// True while the head is complete and the body is still arriving.
    public var isReadingBody: Bool { pendingHead != nil }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
    }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next event from the buffered bytes, or nil when more bytes are needed.
    public mutating func next() throws(HTTPParseError) -> Event? {
        if let failure { throw failure }
        do {
            return try nextUnchecked()
        } catch {
            failure = error
            throw error
        }
    }

    /// Appends bytes and returns every request they complete, ignoring 100-continue events.
    /// Convenient for tests and for callers that already hold whole messages.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(HTTPParseError) -> [HTTPRequest] {
        append(bytes)
        var requests: [HTTPRequest] = []
        while let event = try next() {
            if case .request(let request) = event { requests.append(request) }
        }
        return requests
    }

    private mutating func nextUnchecked() throws(HTTPParseError) -> Event? {
        if pendingHead == nil {
            skipEmptyLinesBeforeRequest()
            guard let headEnd = try findEndOfHead() else {
                try checkIncompleteHeadLimits()
                return nil
            }
            let head = try buffer.withUnsafeBufferPointer { bytes throws(HTTPParseError) in
                try RequestHead(
                    bytes: UnsafeBufferPointer(rebasing: bytes[readIndex..<headEnd]),
                    requestLineLength: (requestLineEnd ?? headEnd) - readIndex, limits: limits)
            }
            readIndex = headEnd + 4
            pendingHead = head
            if head.expectsContinue && head.contentLength > buffer.count - readIndex {
                return .continueExpected
            }
        }
        guard let head = pendingHead, buffer.count - readIndex >= head.contentLength else { return nil }
        let bodyEnd = readIndex + head.contentLength
        let request = head.makeRequest(body: Array(buffer[readIndex..<bodyEnd]), remoteAddress: remoteAddress)
        pendingHead = nil
        consume(upTo: bodyEnd)
        return .request(request)
    }

    /// RFC 9112 section 2.2: a server SHOULD ignore at least one empty line before a
    /// request-line (some clients send a stray CRLF after a POST body).
    private mutating func skipEmptyLinesBeforeRequest() {
        while buffer.count - readIndex >= 2,
              buffer[readIndex] == UInt8(ascii: "\r"), buffer[readIndex + 1] == UInt8(ascii: "\n") {
            readIndex += 2
            headScanIndex = readIndex
            requestLineEnd = nil
        }
    }

    /// Index of the CRLFCRLF ending the head, scanning only bytes not scanned before.
    private mutating func findEndOfHead() throws(HTTPParseError) -> Int? {
        var index = max(headScanIndex, readIndex)
        defer { headScanIndex = index }
        let lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        while index < buffer.count {
            if buffer[index] == lineFeed {
                // A bare LF would be read as a line end by some parsers and not by others.
                guard index > readIndex, buffer[index - 1] == carriageReturn else {
                    throw .badRequest("line not terminated by CRLF")
                }
                if requestLineEnd == nil { requestLineEnd = index - 1 }
                if index - 3 >= readIndex, buffer[index - 2] == lineFeed, buffer[index - 3] == carriageReturn {
                    let headEnd = index - 3
                    index += 1
                    return headEnd
                }
            }
            index += 1
        }
        return nil
    }

    private func checkIncompleteHeadLimits() throws(HTTPParseError) {
        let buffered = buffer.count - readIndex
        // One byte of slack: a line of exactly the limit may have its CR here and its LF still
        // in flight, and must not be refused for how the bytes were segmented.
        if requestLineEnd == nil && buffered > limits.maxRequestLineBytes + 1 { throw .requestLineTooLong }
        if buffered > limits.maxHeaderBytes + 4 { throw .headersTooLarge }
    }

    private mutating func consume(upTo index: Int) {
        readIndex = index
        headScanIndex = index
        requestLineEnd = nil
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
            readIndex = 0
            headScanIndex = 0
        } else if readIndex >= 16 * 1024 && readIndex * 2 >= buffer.count {
            // Shift only when the dead prefix is large and at least half the buffer, so
            // pipelined small requests do not pay a copy each.
            buffer.removeFirst(readIndex)
            readIndex = 0
            headScanIndex = 0
        }
    }
}
