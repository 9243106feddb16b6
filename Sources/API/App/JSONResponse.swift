import Foundation
import HTTPCore

/// JSON request bodies in and JSON responses out, the same way for every route.
enum JSONResponse {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }()

    /// A response whose body is `value` encoded as JSON (keys in snake_case, sorted, so
    /// responses are byte-for-byte stable).
    static func make<Value: Encodable>(status: Int = 200, _ value: Value) -> HTTPResponse {
        do {
            let body = try encoder.encode(value)
            return HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(body))
        } catch {
            return HTTPResponse(status: 500, headers: [("Content-Type", "application/json")],
                                body: Array(#"{"error":{"code":"internal_error","message":"response could not be encoded"}}"#.utf8))
        }
    }

    /// The request body as a JSON object (what every POST here takes), or a 400 naming what
    /// is wrong. The request must say `Content-Type: application/json` (a `charset` other
    /// than UTF-8 is refused, RFC 8259 section 8.1), with or without a body; an empty body is
    /// `{}`. Anything else, a missing type included, is 415: a cross-site page can send
    /// `text/plain` or form bodies, or none, without the browser asking first (CORS "simple
    /// requests"), but never `application/json`, so this keeps other sites from making their
    /// visitors' browsers register, sign in or chat.
    static func object(of request: HTTPRequest) throws(APIError) -> [String: Any] {
        guard isJSON(request.header("Content-Type")) else {
            throw APIError(status: 415, code: "unsupported_media_type",
                           message: "Send the body as JSON with the header Content-Type: application/json.")
        }
        guard !request.body.isEmpty else { return [:] }
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(request.body)), let object = parsed as? [String: Any] else {
            throw .badRequest("The body is not a JSON object.", code: "invalid_json")
        }
        return object
    }

    /// Whether a Content-Type value is `application/json`, with at most a UTF-8 charset
    /// parameter (RFC 9110 section 8.3.1: type and subtype are case-insensitive, parameters
    /// follow `;`). Several field lines arrive joined with ", " and are refused.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let parts = contentType.split(separator: ";", omittingEmptySubsequences: false)
        guard parts[0].trimmingSpaces().lowercased() == "application/json" else { return false }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return false }
            let name = pair[0].trimmingSpaces().lowercased()
            var value = pair[1].trimmingSpaces().lowercased()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard name == "charset", value == "utf-8" || value == "utf8" else { return false }
        }
        return true
    }

    /// A required non-empty string field of a JSON body.
    static func string(_ object: [String: Any], _ field: String, maxLength: Int = 1024) throws(APIError) -> String {
        guard let value = object[field] else { throw .badRequest("\"\(field)\" is required.", code: "missing_field") }
        guard let text = value as? String else { throw .badRequest("\"\(field)\" must be a string.", code: "invalid_field") }
        guard !text.isEmpty else { throw .badRequest("\"\(field)\" must not be empty.", code: "missing_field") }
        guard text.utf8.count <= maxLength else {
            throw .badRequest("\"\(field)\" is longer than \(maxLength) bytes.", code: "invalid_field")
        }
        return text
    }
}
