import Foundation
import HTTPCore

/// An error the API answers with: an HTTP status, a stable machine-readable code and a
/// message for people, sent as `{"error": {"code": ..., "message": ...}}`.
struct APIError: Error, Equatable {
    let status: Int
    let code: String
    let message: String
    /// Extra response headers (Retry-After, WWW-Authenticate).
    var headers: [(String, String)] = []

    static func == (lhs: APIError, rhs: APIError) -> Bool {
        lhs.status == rhs.status && lhs.code == rhs.code && lhs.message == rhs.message
    }

    static func badRequest(_ message: String, code: String = "bad_request") -> APIError {
        APIError(status: 400, code: code, message: message)
    }
    static func unauthorized(_ message: String, code: String = "not_authenticated") -> APIError {
        APIError(status: 401, code: code, message: message, headers: [("WWW-Authenticate", "Bearer")])
    }
    static func forbidden(_ message: String, code: String = "forbidden") -> APIError {
        APIError(status: 403, code: code, message: message)
    }
    static func notFound(_ message: String = "No such resource.") -> APIError {
        APIError(status: 404, code: "not_found", message: message)
    }
    /// 429 with Retry-After: a throttle refused the attempt before any work was done.
    static func tooManyRequests(_ message: String, retryAfterSeconds: Int64) -> APIError {
        APIError(status: 429, code: "throttled", message: message, headers: [("Retry-After", String(retryAfterSeconds))])
    }
    /// 503 with Retry-After: the server has no room for this now; the request was not run.
    static func serviceUnavailable(_ message: String, code: String, retryAfterSeconds: Int64) -> APIError {
        APIError(status: 503, code: code, message: message, headers: [("Retry-After", String(retryAfterSeconds))])
    }
    static func internalError(_ message: String = "The server could not complete the request.") -> APIError {
        APIError(status: 500, code: "internal_error", message: message)
    }

    var response: HTTPResponse {
        var response = JSONResponse.make(status: status, ["error": ["code": code, "message": message]])
        response.headers.append(contentsOf: headers)
        return response
    }
}
