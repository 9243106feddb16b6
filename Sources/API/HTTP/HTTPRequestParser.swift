/// Incremental HTTP/1.x request parser (RFC 9112): feed it bytes as they arrive, take complete
/// requests out one at a time.
///
/// The parser is strict where leniency lets two parties frame the same bytes differently
/// (request smuggling): lines must end in CRLF, no whitespace before a field's colon, no
/// obs-fold, one consistent Content-Length, and Transfer-Encoding only as `chunked` alone
/// (`BodyFraming` lists what is refused and why; `ChunkedBodyDecoder` decodes the body). Any
/// error is sticky: once the framing is in doubt no later byte on the connection can be
/// trusted.
///
/// Limits keep one connection's memory bounded: the head (request line + fields) is at most
/// `maxHeaderBytes`, the body at most `maxBodyBytes`, so the buffer never holds more than
/// those plus whatever pipelined bytes were read alongside (a chunked body's framing is
/// dropped as it is decoded). Across connections, bodies are bounded by the server's
/// `RequestBodyBudget`, using `committedBodyBytes`.
public struct HTTPRequestParser {
    public struct Limits: Sendable {
        /// Request line plus header fields, CRLFs included. 16 KiB fits real browsers' cookies
        /// with room to spare; larger heads get 431. Also bounds a chunked body's trailer section.
        public let maxHeaderBytes: Int
        /// RFC 9112 section 3 recommends supporting request lines of at least 8000 octets.
        public let maxRequestLineBytes: Int
        public let maxHeaderCount: Int
        /// The body after any chunked coding is removed.
        public let maxBodyBytes: Int
        /// Chunk extensions in one chunked body, in total (RFC 9112 section 7.1.1 asks servers
        /// to bound them). No client we know sends any; 4 KiB leaves room for padding.
        public let maxChunkExtensionBytes: Int

        /// Every limit is clamped to 0...2^40, so sums of a limit and a few bytes never overflow.
        public init(maxHeaderBytes: Int = 16 * 1024, maxRequestLineBytes: Int = 8 * 1024,
                    maxHeaderCount: Int = 100, maxBodyBytes: Int = 1024 * 1024,
                    maxChunkExtensionBytes: Int = 4 * 1024) {
            func clamped(_ value: Int) -> Int { min(max(0, value), 1 << 40) }
            self.maxHeaderBytes = clamped(maxHeaderBytes)
            self.maxRequestLineBytes = clamped(min(maxRequestLineBytes, maxHeaderBytes))
            self.maxHeaderCount = clamped(maxHeaderCount)
            self.maxBodyBytes = clamped(maxBodyBytes)
            self.maxChunkExtensionBytes = clamped(maxChunkExtensionBytes)
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
    /// The body so far when `pendingHead` is framed by the chunked coding.
    private var chunkedBody: ChunkedBodyDecoder
    private var failure: HTTPParseError?

    public init(limits: Limits = Limits(), remoteAddress: String = "") {
        self.limits = limits
        self.remoteAddress = remoteAddress
        self.chunkedBody = ChunkedBodyDecoder(limits: limits)
    }

    /// True when part of a request has been received but not yet returned.
    public var hasPartialRequest: Bool { pendingHead != nil || readIndex < buffer.count }
    /// True while the head is complete and the body is still arriving.
    public var isReadingBody: Bool { pendingHead != nil }

    /// Body bytes the request being received has committed the server to hold: its declared
    /// Content-Length from the moment its head is parsed, or for a chunked body the bytes
    /// decoded plus the rest of the current chunk. 0 between requests.
    public var committedBodyBytes: Int {
        switch pendingHead?.framing {
        case .contentLength(let length): return length
        case .chunked: return chunkedBody.committedBodyBytes
        case nil: return 0
        }
    }

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
            if head.framing == .chunked { chunkedBody = ChunkedBodyDecoder(limits: limits) }
            // A client that has started sending the body is no longer waiting for 100 Continue.
            if head.expectsContinue && buffer.count == readIndex { return .continueExpected }
        }
        guard let head = pendingHead else { return nil }
        let body: [UInt8]
        switch head.framing {
        case .contentLength(let length):
            guard buffer.count - readIndex >= length else { return nil }
            body = Array(buffer[readIndex..<(readIndex + length)])
            readIndex += length
        case .chunked:
            var index = readIndex
            let complete = try buffer.withUnsafeBufferPointer { bytes throws(HTTPParseError) in
                try chunkedBody.decode(bytes, index: &index)
            }
            readIndex = index
            guard complete else {
                discardConsumedBytes()
                return nil
            }
            body = chunkedBody.body
            // Drop the decoder's reference so `body` is the array's only owner.
            chunkedBody = ChunkedBodyDecoder(limits: limits)
        }
        let request = head.makeRequest(body: body, remoteAddress: remoteAddress)
        pendingHead = nil
        consume(upTo: readIndex)
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
        if requestLineEnd == nil && buffered - 1 > limits.maxRequestLineBytes { throw .requestLineTooLong }
        if buffered - 4 > limits.maxHeaderBytes { throw .headersTooLarge }
    }

    private mutating func consume(upTo index: Int) {
        readIndex = index
        headScanIndex = index
        requestLineEnd = nil
        discardConsumedBytes()
    }

    /// Frees the bytes before `readIndex` (requests returned, chunk framing decoded).
    private mutating func discardConsumedBytes() {
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
