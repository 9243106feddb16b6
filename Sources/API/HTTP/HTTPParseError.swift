/// Why a request could not be accepted: the status code to answer with and a short message
/// for the response body. After any of these the server closes the connection, because the
/// rest of the byte stream can no longer be framed reliably.
public struct HTTPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public let status: Int
    public let message: String

    public init(status: Int, message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { "\(status) \(message)" }

    static func badRequest(_ message: String) -> HTTPParseError {
        HTTPParseError(status: 400, message: message)
    }
    static let requestLineTooLong = HTTPParseError(status: 414, message: "request line too long")
    static let headersTooLarge = HTTPParseError(status: 431, message: "request header fields too large")
    static let tooManyHeaders = HTTPParseError(status: 431, message: "too many header fields")
    static let bodyTooLarge = HTTPParseError(status: 413, message: "request body too large")
    static let trailerTooLarge = HTTPParseError(status: 431, message: "chunked trailer section too large")
    static let tooManyTrailerFields = HTTPParseError(status: 431, message: "too many trailer fields")
    static let transferCodingNotImplemented = HTTPParseError(
        status: 501, message: "only the chunked transfer coding is supported in requests")
    static let versionNotSupported = HTTPParseError(status: 505, message: "only HTTP/1.0 and HTTP/1.1 are supported")
    static let expectationFailed = HTTPParseError(status: 417, message: "only the 100-continue expectation is supported")
}
