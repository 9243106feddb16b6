/// One parsed HTTP/1.x request, as handed to the application's handler.
///
/// Produced by `HTTPRequestParser`; knows nothing about sockets, so handlers can be unit-tested
/// by building requests directly with the memberwise-style initializer.
public struct HTTPRequest: Sendable {
    public enum Version: Sendable, Equatable {
        case http1_0
        case http1_1
    }

    /// The method token exactly as sent (methods are case-sensitive: `get` is not `GET`).
    public var method: String
    /// The request-target exactly as sent, including any query string.
    public var target: String
    /// The percent-decoded path without the query. `%2F` decodes to `/`, so routes must not
    /// treat the decoded path as a list of raw segments when that distinction matters.
    public var path: String
    /// Query parameters in order, percent-decoded with `+` read as a space.
    public var query: [(name: String, value: String)]
    public var version: Version
    /// Header fields in the order received. Names are lowercased (they are case-insensitive,
    /// RFC 9110 section 5.1); values have surrounding whitespace removed.
    public var headers: [(name: String, value: String)]
    /// The body as sent, with the chunked transfer coding (if used) removed; trailer fields
    /// are discarded. `transfer-encoding` stays in `headers` as received.
    public var body: [UInt8]
    /// The peer's IP address, e.g. `127.0.0.1` or `::1`; empty when unknown.
    public var remoteAddress: String
    /// Marked gone by the server when the client resets or closes the connection (its FIN
    /// counts) before the response is written. A handler with expensive or queued work (a
    /// password hash) checks `client.isGone` and drops it: nobody will read the answer. A
    /// request still queued when its client goes is never handed to the handler at all.
    public var client: ClientPresence

    public init(
        method: String,
        target: String,
        version: Version = .http1_1,
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = [],
        remoteAddress: String = "",
        client: ClientPresence = ClientPresence()
    ) throws(HTTPParseError) {
        let parts = try RequestTarget(target)
        self.init(
            method: method, target: target, path: parts.path, query: parts.query, version: version,
            lowercasedHeaders: headers.map { (name: $0.name.lowercased(), value: $0.value) },
            body: body, remoteAddress: remoteAddress, client: client)
    }

    init(
        method: String, target: String, path: String, query: [(name: String, value: String)],
        version: Version, lowercasedHeaders: [(name: String, value: String)], body: [UInt8],
        remoteAddress: String, client: ClientPresence = ClientPresence()
    ) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = lowercasedHeaders
        self.body = body
        self.remoteAddress = remoteAddress
        self.client = client
    }

    /// The field's value, case-insensitively; several lines of the same field are joined with
    /// ", " as RFC 9110 section 5.3 allows. Nil when absent.
    public func header(_ name: String) -> String? {
        // Names are compared in place, not lowercased into new strings: every middleware asks
        // for a header or two on every request (issue 16's profile).
        guard let first = headers.firstIndex(where: { HTTPSyntax.namesEqual($0.name, name) }) else { return nil }
        guard headers[(first + 1)...].contains(where: { HTTPSyntax.namesEqual($0.name, name) }) else { return headers[first].value }
        return headerValues(name).joined(separator: ", ")
    }

    /// Every line of the field, in order, case-insensitively.
    public func headerValues(_ name: String) -> [String] {
        headers.compactMap { HTTPSyntax.namesEqual($0.name, name) ? $0.value : nil }
    }

    /// The first query parameter with this exact (decoded) name.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// The value of the first cookie with this exact name from any `Cookie` line
    /// (RFC 6265 section 5.4: `name=value` pairs separated by "; "). Surrounding double quotes
    /// are removed; no percent-decoding is applied, as cookies carry no encoding of their own.
    public func cookie(_ name: String) -> String? {
        for line in headerValues("cookie") {
            for pair in line.split(separator: ";") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let cookieName = pair[..<equals].trimmingSpaces()
                guard cookieName == name else { continue }
                var value = pair[pair.index(after: equals)...].trimmingSpaces()
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                    value = String(value.dropFirst().dropLast())
                }
                return value
            }
        }
        return nil
    }

    /// Whether the client allows the connection to stay open after this request
    /// (RFC 9112 section 9.3: 1.1 persists unless "close"; 1.0 only with "keep-alive").
    public var wantsKeepAlive: Bool {
        let tokens = headerValues("connection").flatMap { line in
            line.split(separator: ",").map { $0.trimmingSpaces().lowercased() }
        }
        switch version {
        case .http1_1: return !tokens.contains("close")
        case .http1_0: return tokens.contains("keep-alive") && !tokens.contains("close")
        }
    }
}

extension Substring {
    /// The text without the spaces and tabs around it: optional whitespace (OWS, RFC 9110
    /// section 5.6.3) around a field value's parts, for code that splits a field itself.
    public func trimmingSpaces() -> String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
