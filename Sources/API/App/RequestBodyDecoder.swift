import Foundation
import HTTPCore

/// Turns a request's bytes into its route's `RequestBody`, or into the 4xx that says why not.
///
/// In order: the request must say `Content-Type: application/json` (`JSONResponse.isJSON`),
/// with or without a body; anything else, a missing type included, is 415: a cross-site page
/// can send `text/plain` or form bodies, or none, without the browser asking first (CORS
/// "simple requests"), but never `application/json`, so this keeps other sites from making
/// their visitors' browsers register, sign in or chat. An empty body is read as `{}`; the body must be JSON in UTF-8
/// (RFC 8259 section 8.1) holding an object (400 `invalid_json`); no field may appear twice
/// (400 `duplicate_field`: parsers disagree on which copy counts, so a proxy that checked one
/// copy could let the other through); then each field is checked by the body's own
/// `init(from:)` through `BodyFields` (400 `missing_field` or `invalid_field`). Every field
/// error names the field in its message and in `error.field`.
enum RequestBodyDecoder {
    static func decode<Body: RequestBody>(_ type: Body.Type, from request: HTTPRequest) throws(APIError) -> Body {
        guard JSONResponse.isJSON(request.header("Content-Type")) else {
            throw APIError(status: 415, code: "unsupported_media_type",
                           message: "Send the body as JSON with the header Content-Type: application/json.")
        }
        let bytes = request.body.isEmpty ? Array("{}".utf8) : request.body
        // UTF-16 and UTF-32 text has NUL bytes, and JSON in UTF-8 has none (a NUL inside a
        // string must be escaped): refused here, since JSONDecoder would guess the encoding.
        guard !bytes.contains(0) else { throw .badRequest("The body is not JSON in UTF-8.", code: "invalid_json") }
        let decoded: Result<Body, BodyFieldError>
        do {
            decoded = .success(try JSONDecoder().decode(Body.self, from: Data(bytes)))
        } catch let error as BodyFieldError {
            decoded = .failure(error)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw .badRequest("The body is not valid JSON.", code: "invalid_json")
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw .badRequest("The body must be a JSON object.", code: "invalid_json")
        } catch DecodingError.valueNotFound(_, let context) where context.codingPath.isEmpty {
            throw .badRequest("The body must be a JSON object.", code: "invalid_json")
        } catch {
            // A body type that reads a field without `BodyFields`: still a 400 naming it.
            let field = Self.fieldName(of: error) ?? "body"
            var failure = APIError.badRequest("\"\(field)\" has the wrong type or value.", code: "invalid_field")
            failure.field = field
            throw failure
        }
        // The body parsed, so a repeated field is reported before what its fields hold.
        if let repeated = JSONObjectKeys.firstRepeatedKey(in: bytes) { throw duplicate(repeated) }
        switch decoded {
        case .success(let body): return body
        case .failure(let error): throw error.apiError
        }
    }

    private static func duplicate(_ field: String) -> APIError {
        var error = APIError.badRequest("\"\(field)\" appears more than once; send each field once.", code: "duplicate_field")
        error.field = field
        return error
    }

    private static func fieldName(of error: any Error) -> String? {
        guard let error = error as? DecodingError else { return nil }
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        @unknown default: return nil
        }
        return path.first?.stringValue
    }
}
