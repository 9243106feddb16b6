import Foundation
import Query

/// A product as a result card: what the page and the chat show in a list.
public struct ProductSummaryJSON: Codable, Sendable {
    public let id: String
    public let name: String
    public let brand: String
    public let category: String
    public let price: Double?
    public let rating: Double?
    public let inStock: Bool?
    public let image: String
    public let url: String
    /// Which query words matched this product and how (exact, stem, prefix, typo).
    public let matched: [MatchJSON]?
    /// In search results: true when the product lacks some of the query's words (it ranks
    /// after every product that has them all). Absent outside search results.
    public let partialMatch: Bool?
    /// In search results asked with `highlight=true`: the name and a description snippet with
    /// the matched words marked. Absent otherwise.
    public let highlights: HighlightsJSON?

    public struct MatchJSON: Codable, Sendable {
        public let queryWord: String
        public let matchedWord: String
        public let kind: String
        public let typos: Int
    }

    public init(_ product: StoredProduct, matches: [WordMatchExplanation]? = nil, partialMatch: Bool? = nil,
                highlights: ProductHighlights? = nil) {
        self.partialMatch = partialMatch
        self.highlights = highlights.map(HighlightsJSON.init)
        id = product.id
        name = product.name
        brand = product.brand
        category = product.category
        price = product.price
        rating = product.rating
        inStock = product.stock.map { $0 > 0 }
        image = ProductJSON.imageAddress(of: product)
        url = ProductJSON.pageURL(of: product.id)
        matched = matches?.map { MatchJSON(queryWord: $0.queryWord, matchedWord: $0.matchedWord, kind: $0.kind.rawValue, typos: $0.typos) }
    }
}

/// A product with every stored field, for its own page.
public struct ProductDetailJSON: Encodable, Sendable {
    public let id: String
    public let name: String
    public let brand: String
    public let category: String
    public let description: String
    public let price: Double?
    public let rating: Double?
    public let stock: Int?
    public let image: String
    public let url: String
    public let attributes: [String: String]
    public let attributeOrder: [String]

    public init(_ product: StoredProduct) {
        id = product.id
        name = product.name
        brand = product.brand
        category = product.category
        description = product.description
        price = product.price
        rating = product.rating
        stock = product.stock
        image = ProductJSON.imageAddress(of: product)
        url = ProductJSON.pageURL(of: product.id)
        attributes = Dictionary(product.attributes.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        attributeOrder = product.attributes.map(\.name)
    }
}

public enum ProductJSON {
    /// The shop page of a product; ids are percent-encoded so any catalog id makes a valid URL.
    public static func pageURL(of id: String) -> String {
        "/products/" + percentEncodedPathSegment(id)
    }

    /// `text` with every UTF-8 byte outside RFC 3986's path characters (`pchar`: unreserved,
    /// sub-delims but ";", ":" and "@") written `%XX` (uppercase hex): what Foundation's
    /// `addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)` less "/" writes, without
    /// its bridging through NSString, a tenth of a search request's time in a profile
    /// (issue 16). `ProductJSONTests` holds the two to the same output.
    public static func percentEncodedPathSegment(_ text: String) -> String {
        guard !text.utf8.allSatisfy(isPathCharacter) else { return text }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if isPathCharacter(byte) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isPathCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
             UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "="),
             UInt8(ascii: ":"), UInt8(ascii: "@"): true
        default: false
        }
    }
}
