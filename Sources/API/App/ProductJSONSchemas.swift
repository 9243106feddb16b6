import Search

// The OpenAPI schemas of the product shapes the Search layer defines. They live here because
// the document is the application's: the Search layer knows nothing of OpenAPI.

extension ProductSummaryJSON: DocumentedJSON {
    static let schemaName = "ProductSummary"
    static let schema = JSONSchema.object(properties: [
        ("id", .string), ("name", .string), ("brand", .string), ("category", .string),
        ("price", .keywords(["type": ["number", "null"]])), ("rating", .keywords(["type": ["number", "null"]])),
        ("in_stock", .keywords(["type": ["boolean", "null"]])), ("image", .string), ("url", .string),
        ("matched", .array(of: matchSchema)), ("partial_match", .boolean),
        ("highlights", .object(properties: [("name", .array(of: segmentSchema)), ("description", .array(of: segmentSchema))],
                               required: ["name", "description"])),
    ])

    /// One `{text, match}` segment of `highlights`.
    static let segmentSchema = JSONSchema.object(properties: [("text", .string), ("match", .boolean)], required: ["text", "match"])

    /// One entry of `matched`.
    static let matchSchema = JSONSchema.object(properties: [
        ("query_word", .string), ("matched_word", .string), ("kind", .keywords(["enum": ["exact", "stem", "compound", "synonym", "prefix", "typo"]])),
        ("typos", .integer),
    ])
}

extension ProductDetailJSON: DocumentedJSON {
    static let schemaName = "Product"
    static let schema = JSONSchema.object(properties: [
        ("id", .string), ("name", .string), ("brand", .string), ("category", .string), ("description", .string),
        ("price", .keywords(["type": ["number", "null"]])), ("rating", .keywords(["type": ["number", "null"]])),
        ("stock", .keywords(["type": ["integer", "null"]])), ("image", .string), ("url", .string),
        ("attributes", .keywords(["type": "object", "additionalProperties": ["type": "string"]])),
        ("attribute_order", .array(of: .string)),
    ])
}
