import Foundation

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

    /// The request body as a JSON object of strings (what every POST here takes), or a 400
    /// naming what is wrong.
    static func object(of request: HTTPRequest) throws(APIError) -> [String: Any] {
        guard !request.body.isEmpty else { return [:] }
        if let type = request.header("Content-Type"), !type.lowercased().hasPrefix("application/json") {
            throw APIError(status: 415, code: "unsupported_media_type", message: "Send the body as application/json.")
        }
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(request.body)), let object = parsed as? [String: Any] else {
            throw .badRequest("The body is not a JSON object.", code: "invalid_json")
        }
        return object
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
