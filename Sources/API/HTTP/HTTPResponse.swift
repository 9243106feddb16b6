/// A response as returned by a handler: status, header fields and a complete body.
///
/// Handlers set only their own fields; the server owns framing and adds `Content-Length`,
/// `Date` and `Connection` on serialization (any handler-set copies of those, and of
/// `Transfer-Encoding`, are dropped so framing cannot be contradicted).
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A `text/plain; charset=utf-8` response.
    public init(status: Int = 200, text: String, headers: [(name: String, value: String)] = []) {
        self.init(status: status,
                  headers: [("Content-Type", "text/plain; charset=utf-8")] + headers,
                  body: Array(text.utf8))
    }

    /// An `application/json` response from already-encoded bytes.
    public init(status: Int = 200, json: [UInt8], headers: [(name: String, value: String)] = []) {
        self.init(status: status, headers: [("Content-Type", "application/json")] + headers, body: json)
    }

    /// A `text/html; charset=utf-8` response.
    public init(status: Int = 200, html: String, headers: [(name: String, value: String)] = []) {
        self.init(status: status,
                  headers: [("Content-Type", "text/html; charset=utf-8")] + headers,
                  body: Array(html.utf8))
    }

    /// The value of the first field with this name, case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { HTTPSyntax.namesEqual($0.name, name) }?.value
    }

    /// Whether the handler asked for the connection to be closed after this response.
    var requestsClose: Bool {
        headers.contains { HTTPSyntax.namesEqual($0.name, "connection") && $0.value.lowercased().contains("close") }
    }

    /// The bytes on the wire. `includeBody` is false for HEAD, which gets the same
    /// Content-Length as GET would (RFC 9110 section 9.3.2). 1xx, 204 and 304 carry no
    /// body and no Content-Length (RFC 9110 section 8.6).
    public func serialized(includeBody: Bool = true, keepAlive: Bool, date: String = HTTPDate.now()) -> [UInt8] {
        let statusForbidsBody = (100..<200).contains(status) || status == 204 || status == 304
        // Built as bytes into one buffer sized up front: this runs once per response, and
        // String concatenation with a conversion at the end cost a copy and several growths.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
                              + (includeBody && !statusForbidsBody ? body.count : 0))
        bytes.append(contentsOf: "HTTP/1.1 ".utf8)
        bytes.append(contentsOf: String(status).utf8)
        bytes.append(0x20)
        bytes.append(contentsOf: HTTPResponse.reasonPhrase(for: status).utf8)
        bytes.append(contentsOf: Self.lineEnd)
        for (name, value) in headers where Self.isSafeToForward(name: name, value: value) {
            bytes.append(contentsOf: name.utf8)
            bytes.append(contentsOf: Self.fieldSeparator)
            bytes.append(contentsOf: value.utf8)
            bytes.append(contentsOf: Self.lineEnd)
        }
        if !statusForbidsBody {
            bytes.append(contentsOf: "Content-Length: ".utf8)
            bytes.append(contentsOf: String(body.count).utf8)
            bytes.append(contentsOf: Self.lineEnd)
        }
        bytes.append(contentsOf: "Date: ".utf8)
        bytes.append(contentsOf: date.utf8)
        bytes.append(contentsOf: Self.lineEnd)
        bytes.append(contentsOf: keepAlive ? "Connection: keep-alive\r\n\r\n".utf8 : "Connection: close\r\n\r\n".utf8)
        if includeBody && !statusForbidsBody { bytes.append(contentsOf: body) }
        return bytes
    }

    private static let lineEnd: [UInt8] = [0x0D, 0x0A]
    private static let fieldSeparator: [UInt8] = [0x3A, 0x20]

    /// Drops fields the server owns, and any whose name or value could break the head apart
    /// (CR or LF in a value would let a handler that echoes input inject headers).
    private static func isSafeToForward(name: String, value: String) -> Bool {
        for owned in ["content-length", "connection", "transfer-encoding", "date"]
        where HTTPSyntax.namesEqual(name, owned) { return false }
        return !name.isEmpty && name.utf8.allSatisfy(HTTPSyntax.isTokenCharacter)
            && value.utf8.allSatisfy(HTTPSyntax.isFieldValueCharacter)
    }

    /// RFC 9110 section 15 reason phrases; clients ignore them, humans reading logs do not.
    public static func reasonPhrase(for status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 101: return "Switching Protocols"
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        case 204: return "No Content"
        case 206: return "Partial Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 303: return "See Other"
        case 304: return "Not Modified"
        case 307: return "Temporary Redirect"
        case 308: return "Permanent Redirect"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 406: return "Not Acceptable"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 411: return "Length Required"
        case 412: return "Precondition Failed"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 415: return "Unsupported Media Type"
        case 416: return "Range Not Satisfiable"
        case 417: return "Expectation Failed"
        case 422: return "Unprocessable Content"
        case 426: return "Upgrade Required"
        case 428: return "Precondition Required"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        case 505: return "HTTP Version Not Supported"
        default:
            switch status / 100 {
            case 1: return "Informational"
            case 2: return "Success"
            case 3: return "Redirection"
            case 4: return "Client Error"
            default: return "Server Error"
            }
        }
    }
}
