/// The request line and header fields of one request (RFC 9112 sections 3 and 5), validated,
/// with the framing decisions derived from them: how the body is delimited and 100-continue.
struct RequestHead {
    let method: String
    let target: RequestTarget
    let rawTarget: String
    let version: HTTPRequest.Version
    let headers: [(name: String, value: String)]
    let framing: BodyFraming
    /// Whether to send `100 Continue` before the body (never for a body of length 0).
    let expectsContinue: Bool

    /// `bytes` is the head without its final CRLFCRLF; it contains no bare LF (the parser
    /// already checked) but may contain bare CRs, which are rejected here.
    init(bytes: UnsafeBufferPointer<UInt8>, requestLineLength: Int,
         limits: HTTPRequestParser.Limits) throws(HTTPParseError) {
        if requestLineLength > limits.maxRequestLineBytes { throw .requestLineTooLong }
        if bytes.count > limits.maxHeaderBytes { throw .headersTooLarge }

        var lines = HeadLines(bytes: bytes)
        guard let requestLine = lines.next() else { throw .badRequest("empty request line") }
        let (method, rawTarget, version) = try Self.parseRequestLine(requestLine)
        self.method = method
        self.rawTarget = rawTarget
        self.version = version
        self.target = try RequestTarget(rawTarget)

        var headers: [(name: String, value: String)] = []
        while let line = lines.next() {
            if headers.count == limits.maxHeaderCount { throw .tooManyHeaders }
            headers.append(try Self.parseFieldLine(line))
        }
        self.headers = headers

        var hostCount = 0
        var contentLengthValues: [String] = []
        var transferEncodingValues: [String] = []
        var expectsContinue = false
        for (name, value) in headers {
            switch name {
            case "host":
                hostCount += 1
            case "transfer-encoding":
                transferEncodingValues.append(value)
            case "content-length":
                contentLengthValues.append(value)
            case "expect":
                guard value.lowercased() == "100-continue" else { throw .expectationFailed }
                // RFC 9110 section 10.1.1: a 100-continue expectation in an HTTP/1.0 request
                // MUST be ignored (1.0 clients cannot handle a 1xx response).
                expectsContinue = version == .http1_1
            default:
                break
            }
        }
        // RFC 9112 section 3.2: 400 for an HTTP/1.1 request without Host, and for any
        // request with more than one.
        if version == .http1_1 && hostCount == 0 { throw .badRequest("missing Host header") }
        if hostCount > 1 { throw .badRequest("more than one Host header") }
        let framing = try BodyFraming(
            contentLengthValues: contentLengthValues, transferEncodingValues: transferEncodingValues,
            version: version, maxBodyBytes: limits.maxBodyBytes)
        self.framing = framing
        self.expectsContinue = expectsContinue && framing != .contentLength(0)
    }

    func makeRequest(body: [UInt8], remoteAddress: String) -> HTTPRequest {
        HTTPRequest(
            method: method, target: rawTarget, path: target.path, query: target.query,
            version: version, lowercasedHeaders: headers, body: body, remoteAddress: remoteAddress)
    }

    /// `method SP request-target SP HTTP-version`, single spaces, nothing else.
    private static func parseRequestLine(
        _ line: UnsafeBufferPointer<UInt8>
    ) throws(HTTPParseError) -> (String, String, HTTPRequest.Version) {
        let space = UInt8(ascii: " ")
        guard let firstSpace = line.firstIndex(of: space) else { throw .badRequest("malformed request line") }
        let methodBytes = UnsafeBufferPointer(rebasing: line[..<firstSpace])
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(HTTPSyntax.isTokenCharacter) else {
            throw .badRequest("malformed method")
        }
        let rest = line[(firstSpace + 1)...]
        guard let secondSpace = rest.firstIndex(of: space) else { throw .badRequest("malformed request line") }
        let targetBytes = line[(firstSpace + 1)..<secondSpace]
        // Visible ASCII only: no spaces, controls or raw non-ASCII in a request-target.
        guard !targetBytes.isEmpty, targetBytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .badRequest("malformed request-target")
        }
        let versionBytes = Array(line[(secondSpace + 1)...])
        let version = try parseVersion(versionBytes)
        return (String(decoding: methodBytes, as: UTF8.self),
                String(decoding: targetBytes, as: UTF8.self), version)
    }

    /// `HTTP/x.y` with single digits (RFC 9112 section 2.3). Well-formed but other than 1.0 or
    /// 1.1 gets 505; anything else is a malformed line.
    private static func parseVersion(_ bytes: [UInt8]) throws(HTTPParseError) -> HTTPRequest.Version {
        let prefix = Array("HTTP/".utf8)
        guard bytes.count == 8, Array(bytes[0..<5]) == prefix,
              HTTPSyntax.isDigit(bytes[5]), bytes[6] == UInt8(ascii: "."), HTTPSyntax.isDigit(bytes[7]) else {
            throw .badRequest("malformed HTTP version")
        }
        switch (bytes[5], bytes[7]) {
        case (UInt8(ascii: "1"), UInt8(ascii: "1")): return .http1_1
        case (UInt8(ascii: "1"), UInt8(ascii: "0")): return .http1_0
        default: throw .versionNotSupported
        }
    }

    /// `field-name ":" OWS field-value OWS` (RFC 9112 section 5); also used for the field
    /// lines of a chunked body's trailer section.
    static func parseFieldLine(
        _ line: UnsafeBufferPointer<UInt8>
    ) throws(HTTPParseError) -> (name: String, value: String) {
        guard let first = line.first else { throw .badRequest("empty header line") }
        // obs-fold (RFC 9112 section 5.2): a server MAY reject it with 400; unfolding it would
        // be one more place to disagree with a proxy.
        if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            throw .badRequest("obsolete line folding is not accepted")
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw .badRequest("header line without a colon")
        }
        let nameBytes = line[..<colon]
        guard !nameBytes.isEmpty else { throw .badRequest("empty header name") }
        for byte in nameBytes where !HTTPSyntax.isTokenCharacter(byte) {
            // RFC 9112 section 5.1: whitespace between name and colon MUST be rejected with 400.
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                throw .badRequest("whitespace before colon in header field")
            }
            throw .badRequest("invalid character in header name")
        }
        var valueStart = colon + 1
        var valueEnd = line.endIndex
        while valueStart < valueEnd, HTTPSyntax.isWhitespace(line[valueStart]) { valueStart += 1 }
        while valueEnd > valueStart, HTTPSyntax.isWhitespace(line[valueEnd - 1]) { valueEnd -= 1 }
        let valueBytes = line[valueStart..<valueEnd]
        guard valueBytes.allSatisfy(HTTPSyntax.isFieldValueCharacter) else {
            throw .badRequest("invalid character in header value")
        }
        let lowercasedName = nameBytes.map(HTTPSyntax.lowercased)
        return (String(decoding: lowercasedName, as: UTF8.self), String(decoding: valueBytes, as: UTF8.self))
    }
}

/// Splits a head into lines at CRLF. The parser guarantees every LF is preceded by CR.
private struct HeadLines {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func next() -> UnsafeBufferPointer<UInt8>? {
        guard position <= bytes.count, !(position == bytes.count && position > 0) else { return nil }
        var end = position
        while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
        let lineEnd = end < bytes.count ? end - 1 : end  // drop the CR before LF
        let line = UnsafeBufferPointer(rebasing: bytes[position..<lineEnd])
        position = end + 1
        return line
    }
}
