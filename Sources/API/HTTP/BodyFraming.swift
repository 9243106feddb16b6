/// How a request's body is delimited (RFC 9112 section 6.3): by a Content-Length, or by the
/// chunked transfer coding; no body at all is a length of 0.
///
/// This is where request smuggling is decided. A proxy in front of the server and the server
/// itself must find the same end of every body, so every header combination that two
/// parsers could read differently is refused (and, being a parse error, closes the
/// connection) instead of resolved by a precedence rule:
/// - Transfer-Encoding together with Content-Length: 400. RFC 9112 section 6.1 lets a server
///   either refuse it or let Transfer-Encoding win; refusing leaves no room for a proxy that
///   let Content-Length win.
/// - Transfer-Encoding in an HTTP/1.0 request: 400 (section 6.1: the framing is faulty; a
///   1.0 hop may have forwarded the chunked bytes undecoded).
/// - A coding list whose last coding is not `chunked` (`identity`, `chunked, gzip`, a
///   misspelling such as `xchunked`): 400, because the body length cannot be determined
///   (section 6.3). `chunked` twice, or with parameters (section 7.1): 400.
/// - Any other coding before `chunked` (`gzip, chunked`): 501, we decode only chunked
///   (section 6.1: a coding the server does not understand SHOULD get 501).
/// - Content-Length that is not `1*DIGIT`, or a list of differing values: 400.
enum BodyFraming: Equatable {
    case contentLength(Int)
    case chunked

    /// `contentLengthValues` and `transferEncodingValues` are the values of every field line
    /// of those names, in order. Throws the status to answer with.
    init(contentLengthValues: [String], transferEncodingValues: [String], version: HTTPRequest.Version,
         maxBodyBytes: Int) throws(HTTPParseError) {
        if !transferEncodingValues.isEmpty {
            if version == .http1_0 {
                throw .badRequest("Transfer-Encoding is not allowed in an HTTP/1.0 request")
            }
            if !contentLengthValues.isEmpty {
                throw .badRequest("a request must not have both Transfer-Encoding and Content-Length")
            }
            try Self.checkTransferCodings(transferEncodingValues)
            self = .chunked
            return
        }
        var length: Int?
        for value in contentLengthValues {
            let parsed = try Self.parseContentLength(value)
            if let length, length != parsed { throw .badRequest("conflicting Content-Length values") }
            length = parsed
        }
        let declared = length ?? 0
        if declared > maxBodyBytes { throw .bodyTooLarge }
        self = .contentLength(declared)
    }

    /// `Transfer-Encoding = #transfer-coding` (RFC 9112 section 6.1), with the codings of all
    /// field lines in order. Empty list elements are skipped as RFC 9110 section 5.6.1
    /// requires; an element is a coding name (a token) with optional `;` parameters.
    private static func checkTransferCodings(_ values: [String]) throws(HTTPParseError) {
        var codings: [(name: String, hasParameters: Bool)] = []
        for value in values {
            for element in value.split(separator: ",", omittingEmptySubsequences: false) {
                let trimmed = element.trimmingSpaces()
                if trimmed.isEmpty { continue }
                let name = trimmed.prefix { $0 != ";" }.trimmingSpaces()
                guard !name.isEmpty, name.utf8.allSatisfy(HTTPSyntax.isTokenCharacter) else {
                    throw .badRequest("malformed Transfer-Encoding")
                }
                codings.append((name.lowercased(), name.utf8.count < trimmed.utf8.count))
            }
        }
        guard let last = codings.last, last.name == "chunked" else {
            throw .badRequest("Transfer-Encoding must end with chunked")
        }
        if last.hasParameters { throw .badRequest("the chunked coding takes no parameters") }
        if codings.dropLast().contains(where: { $0.name == "chunked" }) {
            throw .badRequest("chunked applied more than once")
        }
        if codings.count > 1 { throw .transferCodingNotImplemented }
    }

    /// `1*DIGIT`, or a list of identical ones ("5, 5"), which RFC 9112 section 6.3 allows a
    /// recipient to accept as that one value. Leading zeros are allowed by the grammar and do
    /// not count towards the size: "007" is 7.
    private static func parseContentLength(_ value: String) throws(HTTPParseError) -> Int {
        var result: Int?
        for element in value.split(separator: ",", omittingEmptySubsequences: false) {
            let digits = element.trimmingSpaces()
            guard !digits.isEmpty, digits.utf8.allSatisfy(HTTPSyntax.isDigit) else {
                throw .badRequest("invalid Content-Length")
            }
            let significant = digits.drop { $0 == "0" }
            // 18 digits always fit in an Int; no acceptable body is larger anyway.
            guard significant.utf8.count <= 18 else { throw .bodyTooLarge }
            let length = Int(significant) ?? 0
            if let result, result != length { throw .badRequest("conflicting Content-Length values") }
            result = length
        }
        guard let result else { throw .badRequest("invalid Content-Length") }
        return result
    }
}
