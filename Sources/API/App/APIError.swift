import Foundation
import HTTPCore
import Store

/// An error the API answers with: an HTTP status, a stable machine-readable code and a
/// message for people, sent as `{"error": {"code": ..., "message": ...}}`, with `"field"`
/// naming the request body's field when one is at fault.
struct APIError: Error, Equatable {
    let status: Int
    let code: String
    let message: String
    /// The request body's field the error is about (`RequestBodyDecoder`), for clients that
    /// point at it; nil when the error is about no one field.
    var field: String?
    /// Extra response headers (Retry-After, WWW-Authenticate).
    var headers: [(String, String)] = []

    static func == (lhs: APIError, rhs: APIError) -> Bool {
        lhs.status == rhs.status && lhs.code == rhs.code && lhs.message == rhs.message && lhs.field == rhs.field
    }

    static func badRequest(_ message: String, code: String = "bad_request") -> APIError {
        APIError(status: 400, code: code, message: message)
    }
    /// The protection space named in every challenge (RFC 9110 section 11.5).
    static let realm = "uplyft"

    /// 401 with the bare challenge RFC 6750 section 3 asks for when no token was sent:
    /// `Bearer realm="uplyft"`.
    static func unauthorized(_ message: String, code: String = "not_authenticated") -> APIError {
        APIError(status: 401, code: code, message: message, headers: [("WWW-Authenticate", "Bearer realm=\"\(realm)\"")])
    }

    /// 401 for a bearer token that was sent but is not valid (bad signature, expired, its
    /// account or session gone): the challenge says so, RFC 6750 section 3.1 `invalid_token`,
    /// with `message` as `error_description` (its characters limited to those the RFC allows).
    static func invalidBearerToken(_ message: String, code: String) -> APIError {
        let description = String(message.unicodeScalars.filter { scalar in
            (0x20...0x7E).contains(scalar.value) && scalar != "\"" && scalar != "\\"
        }.map(Character.init))
        return APIError(status: 401, code: code, message: message, headers: [
            ("WWW-Authenticate", "Bearer realm=\"\(realm)\", error=\"invalid_token\", error_description=\"\(description)\""),
        ])
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
    /// 503 with Retry-After: the shop's database could not be reached (PostgreSQL down or
    /// restarting, every pooled connection busy); nothing of the request was written.
    static func databaseUnavailable(_ message: String = "The shop's database is unavailable; try again shortly.") -> APIError {
        serviceUnavailable(message, code: "database_unavailable", retryAfterSeconds: 5)
    }
    /// A store failure as the API answers it: `databaseUnavailable` when the database could
    /// not be reached, else 500 with `message` (the details are for the log, not the client).
    static func store(_ error: StoreError, otherwise message: String = "The server could not complete the request.") -> APIError {
        error.isUnavailable ? databaseUnavailable() : internalError(message)
    }

    var response: HTTPResponse {
        var body = ["code": code, "message": message]
        if let field { body["field"] = field }
        var response = JSONResponse.make(status: status, ["error": body])
        response.headers.append(contentsOf: headers)
        return response
    }
}

extension APIError: DocumentedJSON {
    static let schemaName = "Error"
    static let schema = JSONSchema.object(properties: [
        ("error", .object(properties: [
            ("code", .string), ("message", .string),
            ("field", .keywords(["type": "string", "description": "The request body field at fault, when one is"])),
        ], required: ["code", "message"])),
    ], required: ["error"])
}
