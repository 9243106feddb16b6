/// A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) as a value, for the OpenAPI
/// document: request bodies build theirs from their fields (`RequestBody.schema`), response
/// types declare theirs next to their properties (`DocumentedJSON`).
///
/// A schema shared by several places is `named`: the document lists it once under
/// `components/schemas` and refers to it with `$ref` wherever it is used.
indirect enum JSONSchema: Sendable {
    /// A schema written as its keywords: `["type": "string", "format": "date-time"]`.
    case keywords([String: JSONValue])
    /// An object with these properties; `required` lists the ones always present.
    case object(properties: [(String, JSONSchema)], required: [String] = [])
    /// An array of `items`.
    case array(of: JSONSchema)
    /// Exactly one of these.
    case oneOf([JSONSchema])
    /// A component: its name and its schema.
    case named(String, JSONSchema)

    static let string = JSONSchema.keywords(["type": "string"])
    static let integer = JSONSchema.keywords(["type": "integer"])
    static let boolean = JSONSchema.keywords(["type": "boolean"])
    static let number = JSONSchema.keywords(["type": "number"])
    /// A string or JSON null (Swift optionals the response encodes as null).
    static let nullableString = JSONSchema.keywords(["type": ["string", "null"]])

    /// The component a documented type declares.
    static func reference<Documented: DocumentedJSON>(_ type: Documented.Type) -> JSONSchema {
        .named(Documented.schemaName, Documented.schema)
    }

    /// The schema as JSON, with each `named` schema it reaches added to `components` (under
    /// its name, once) and referred to by `$ref`.
    func json(components: inout [String: JSONValue]) -> JSONValue {
        switch self {
        case .keywords(let keywords):
            return .object(keywords)
        case .object(let properties, let required):
            var members: [String: JSONValue] = ["type": "object"]
            var propertyValues: [String: JSONValue] = [:]
            for (name, schema) in properties { propertyValues[name] = schema.json(components: &components) }
            members["properties"] = .object(propertyValues)
            if !required.isEmpty { members["required"] = .array(required.map(JSONValue.string)) }
            return .object(members)
        case .array(let items):
            return ["type": "array", "items": items.json(components: &components)]
        case .oneOf(let choices):
            return ["oneOf": .array(choices.map { $0.json(components: &components) })]
        case .named(let name, let schema):
            if components[name] == nil {
                components[name] = schema.json(components: &components)
            }
            return ["$ref": .string("#/components/schemas/\(name)")]
        }
    }
}

/// A response type whose JSON the OpenAPI document describes under `components/schemas`.
/// The schema sits next to the type's properties (for the Search layer's product shapes, in
/// `ProductJSONSchemas`, since that layer knows nothing of OpenAPI); `OpenAPIConformanceTests` checks the server's
/// real answers against it (closed objects: a property it does not name fails), so the two
/// cannot part unnoticed.
protocol DocumentedJSON {
    static var schemaName: String { get }
    static var schema: JSONSchema { get }
}
