import Foundation
import HTTPCore

/// JSON responses out, the same way for every route, and the one test of a request's JSON
/// media type (`RequestBodyDecoder` reads the bodies).
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

    /// A response whose body is JSON text already written (`JSONWriter`).
    static func make(status: Int = 200, json body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: body)
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
}
