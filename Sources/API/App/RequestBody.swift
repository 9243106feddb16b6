import Foundation

/// A JSON request body as a type: what a POST route takes, decoded by `RequestBodyDecoder`
/// before the route's handler runs.
///
/// A body lists its fields once, in `fields`; its `init(from:)` reads each through
/// `BodyFields`, which refuses a missing, mistyped, empty or oversized value with an error
/// naming the field, and the OpenAPI document builds the body's schema from the same list
/// (`schema`), so what is checked and what is documented cannot differ.
///
/// Fields a body does not list are ignored, as Django REST framework's serializers ignore
/// them and as this API always has: a client that sends more than a route reads keeps
/// working. A field sent twice is refused (`RequestBodyDecoder`).
protocol RequestBody: Decodable, Sendable {
    /// Every field the body reads, in the order the document lists them.
    static var fields: [BodyField] { get }
    /// The name of the body's schema under `components/schemas` in the OpenAPI document, when
    /// several routes share it; nil to describe it inline.
    static var schemaName: String? { get }
}

extension RequestBody {
    static var schemaName: String? { nil }

    /// Whether a request must send the body: when any field is required. (An empty body is
    /// read as `{}` either way.)
    static var isRequired: Bool { fields.contains { $0.isRequired } }

    /// The body's JSON Schema: an object with `fields` as its properties.
    static var schema: JSONSchema {
        .object(properties: fields.map { ($0.name, $0.schema) }, required: fields.filter(\.isRequired).map(\.name))
    }
}

/// One field of a request body: its name, what it holds and whether it must be there.
struct BodyField: Sendable {
    enum Kind: Sendable {
        /// A non-empty string of at most `maxBytes` bytes of UTF-8.
        case text(maxBytes: Int)
        /// A JSON whole number in `range` (a string of digits, a fraction, `true` are refused).
        case integer(ClosedRange<Int>)
    }

    let name: String
    let kind: Kind
    let isRequired: Bool
    /// What the field means, for the document.
    let summary: String

    /// A required non-empty string of at most `maxBytes` UTF-8 bytes.
    static func text(_ name: String, maxBytes: Int, summary: String) -> BodyField {
        BodyField(name: name, kind: .text(maxBytes: maxBytes), isRequired: true, summary: summary)
    }

    /// A string that may be left out; when sent it must be non-empty and at most `maxBytes`.
    static func optionalText(_ name: String, maxBytes: Int, summary: String) -> BodyField {
        BodyField(name: name, kind: .text(maxBytes: maxBytes), isRequired: false, summary: summary)
    }

    /// A required whole number in `range`.
    static func integer(_ name: String, range: ClosedRange<Int>, summary: String) -> BodyField {
        BodyField(name: name, kind: .integer(range), isRequired: true, summary: summary)
    }

    /// A whole number in `range` that may be left out.
    static func optionalInteger(_ name: String, range: ClosedRange<Int>, summary: String) -> BodyField {
        BodyField(name: name, kind: .integer(range), isRequired: false, summary: summary)
    }

    /// JSON Schema counts `maxLength` in characters, the server in bytes: the schema's bound is
    /// the byte limit (no string of more characters can fit) and its description says bytes.
    var schema: JSONSchema {
        switch kind {
        case .text(let maxBytes):
            .keywords(["type": "string", "minLength": 1, "maxLength": .integer(maxBytes),
                       "description": .string("\(summary) (at most \(maxBytes) bytes of UTF-8)")])
        case .integer(let range):
            .keywords(["type": "integer", "minimum": .integer(range.lowerBound), "maximum": .integer(range.upperBound),
                       "description": .string(summary)])
        }
    }
}

/// A request body's value that breaks its field's rule: answered 400 with `code`, a message
/// naming the field, and the field's name in `error.field`.
struct BodyFieldError: Error, Equatable {
    let field: String
    let code: String
    let message: String

    static func missing(_ field: String) -> BodyFieldError {
        BodyFieldError(field: field, code: "missing_field", message: "\"\(field)\" is required.")
    }

    var apiError: APIError {
        var error = APIError.badRequest(message, code: code)
        error.field = field
        return error
    }
}

/// Reads the listed fields of a body from its decoder, checking each against its `BodyField`.
struct BodyFields {
    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private let container: KeyedDecodingContainer<Key>

    init(_ decoder: any Decoder) throws {
        container = try decoder.container(keyedBy: Key.self)
    }

    /// A required field's string (`BodyField.text`).
    func text(_ field: BodyField) throws -> String {
        guard let value = try optionalText(field) else { throw BodyFieldError.missing(field.name) }
        return value
    }

    /// A required field's whole number (`BodyField.integer`).
    func integer(_ field: BodyField) throws -> Int {
        guard let value = try optionalInteger(field) else { throw BodyFieldError.missing(field.name) }
        return value
    }

    /// A field's whole number, nil only when an optional field is absent; `null`, a string, a
    /// fraction, a number too large for an Int and one outside the field's range are refused
    /// with a message that gives the range.
    func optionalInteger(_ field: BodyField) throws -> Int? {
        let key = Key(stringValue: field.name)
        guard container.contains(key) else {
            if field.isRequired { throw BodyFieldError.missing(field.name) }
            return nil
        }
        guard case .integer(let range) = field.kind else { preconditionFailure("\(field.name) is not a whole-number field") }
        let refused = BodyFieldError(field: field.name, code: "invalid_field",
                                     message: "\"\(field.name)\" must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        let number: Int
        do {
            guard try !container.decodeNil(forKey: key) else { throw refused }
            number = try container.decode(Int.self, forKey: key)
        } catch let error as BodyFieldError {
            throw error
        } catch {
            // A fraction or a number past Int's range: Foundation throws its own (internal)
            // JSON error for those, not a DecodingError, so every failure here is the value's.
            throw refused
        }
        guard range.contains(number) else { throw refused }
        return number
    }

    /// A field's string, nil only when an optional field is absent. `null` is not absence: it
    /// is a value of the wrong type.
    func optionalText(_ field: BodyField) throws -> String? {
        let key = Key(stringValue: field.name)
        guard container.contains(key) else {
            if field.isRequired { throw BodyFieldError.missing(field.name) }
            return nil
        }
        let notText = BodyFieldError(field: field.name, code: "invalid_field", message: "\"\(field.name)\" must be a string.")
        let text: String
        do {
            guard try !container.decodeNil(forKey: key) else { throw notText }
            text = try container.decode(String.self, forKey: key)
        } catch is DecodingError {
            throw notText
        }
        switch field.kind {
        case .integer:
            throw BodyFieldError(field: field.name, code: "invalid_field", message: "\"\(field.name)\" must be a whole number.")
        case .text(let maxBytes):
            guard !text.isEmpty else {
                throw BodyFieldError(field: field.name, code: "missing_field", message: "\"\(field.name)\" must not be empty.")
            }
            guard text.utf8.count <= maxBytes else {
                throw BodyFieldError(field: field.name, code: "invalid_field", message: "\"\(field.name)\" is longer than \(maxBytes) bytes.")
            }
            // JSON may carry U+0000 (as \u0000), PostgreSQL's text cannot hold it and SQLite's
            // would keep it: refused here, so both engines answer the same 400 and no text
            // field of any body reaches either with it.
            guard !text.utf8.contains(0) else {
                throw BodyFieldError(field: field.name, code: "invalid_field",
                                     message: "\"\(field.name)\" must not contain the NUL character (U+0000).")
            }
        }
        return text
    }
}

