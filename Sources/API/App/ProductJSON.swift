import Foundation
import Query

/// A product as a result card: what the page and the chat show in a list.
struct ProductSummaryJSON: Codable, DocumentedJSON {
    static let schemaName = "ProductSummary"
    static let schema = JSONSchema.object(properties: [
        ("id", .string), ("name", .string), ("brand", .string), ("category", .string),
        ("price", .keywords(["type": ["number", "null"]])), ("rating", .keywords(["type": ["number", "null"]])),
        ("in_stock", .keywords(["type": ["boolean", "null"]])), ("image", .string), ("url", .string),
        ("matched", .array(of: MatchJSON.schema)),
    ])

    let id: String
    let name: String
    let brand: String
    let category: String
    let price: Double?
    let rating: Double?
    let inStock: Bool?
    let image: String
    let url: String
    /// Which query words matched this product and how (exact, stem, prefix, typo).
    let matched: [MatchJSON]?

    struct MatchJSON: Codable {
        static let schema = JSONSchema.object(properties: [
            ("query_word", .string), ("matched_word", .string), ("kind", .keywords(["enum": ["exact", "stem", "prefix", "typo"]])),
            ("typos", .integer),
        ])

        let queryWord: String
        let matchedWord: String
        let kind: String
        let typos: Int
    }

    init(_ product: StoredProduct, matches: [WordMatchExplanation]? = nil) {
        id = product.id
        name = product.name
        brand = product.brand
        category = product.category
        price = product.price
        rating = product.rating
        inStock = product.stock.map { $0 > 0 }
        image = product.image
        url = ProductJSON.pageURL(of: product.id)
        matched = matches?.map { MatchJSON(queryWord: $0.queryWord, matchedWord: $0.matchedWord, kind: $0.kind.rawValue, typos: $0.typos) }
    }
}

/// A product with every stored field, for its own page.
struct ProductDetailJSON: Encodable, DocumentedJSON {
    static let schemaName = "Product"
    static let schema = JSONSchema.object(properties: [
        ("id", .string), ("name", .string), ("brand", .string), ("category", .string), ("description", .string),
        ("price", .keywords(["type": ["number", "null"]])), ("rating", .keywords(["type": ["number", "null"]])),
        ("stock", .keywords(["type": ["integer", "null"]])), ("image", .string), ("url", .string),
        ("attributes", .keywords(["type": "object", "additionalProperties": ["type": "string"]])),
        ("attribute_order", .array(of: .string)),
    ])

    let id: String
    let name: String
    let brand: String
    let category: String
    let description: String
    let price: Double?
    let rating: Double?
    let stock: Int?
    let image: String
    let url: String
    let attributes: [String: String]
    let attributeOrder: [String]

    init(_ product: StoredProduct) {
        id = product.id
        name = product.name
        brand = product.brand
        category = product.category
        description = product.description
        price = product.price
        rating = product.rating
        stock = product.stock
        image = product.image
        url = ProductJSON.pageURL(of: product.id)
        attributes = Dictionary(product.attributes.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        attributeOrder = product.attributes.map(\.name)
    }
}

enum ProductJSON {
    /// The shop page of a product; ids are percent-encoded so any catalog id makes a valid URL.
    static func pageURL(of id: String) -> String {
        "/products/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(.init(charactersIn: "/?#"))) ?? id)
    }
}
