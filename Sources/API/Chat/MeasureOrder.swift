import Foundation
import Query

/// An order by what products measure: "the lightest tent" (weight, least first), "the
/// longest garden hose", "the highest SPF", "which laptop has the most memory?". The measure
/// is one of the catalog's attributes, read as a number with its unit (`ProductMeasure`).
///
/// The superlatives are English and listed here, each with the attributes it may mean,
/// likeliest first; the first one the products have is used. A superlative before one of the
/// catalog's attribute names orders by that attribute ("longest battery", "most pieces").
struct MeasureOrder: Codable, Equatable {
    /// Attribute names, lowercased, likeliest first.
    var attributes: [String]
    var descending: Bool
    /// The superlative as the reply says it: "lightest", "longest battery".
    var word: String

    /// Words that name a measure, superlative ("lightest") and comparative ("lighter", read by
    /// `ProductComparison`), with the attributes they may mean and the direction.
    static let measureWords: [(superlatives: [String], comparatives: [String], attributes: [String], descending: Bool)] = {
        let size = ["capacity", "volume", "screen", "size", "pieces", "length"]
        return [
            (["lightest"], ["lighter"], ["weight"], false), (["heaviest"], ["heavier"], ["weight"], true),
            (["biggest", "largest"], ["bigger", "larger", "holds more", "hold more"], size, true),
            (["smallest", "most compact"], ["smaller", "holds less", "hold less"], size, false),
            (["longest"], ["longer"], ["length", "battery", "play time", "blade length"], true),
            (["shortest"], ["shorter"], ["length", "play time", "blade length"], false),
            (["tallest"], ["taller"], ["height"], true),
            (["fastest"], ["faster"], ["top speed", "speed"], true), (["slowest"], ["slower"], ["top speed", "speed"], false),
            (["thickest"], ["thicker"], ["thickness"], true), (["thinnest"], ["thinner"], ["thickness"], false),
            (["most powerful", "strongest"], ["more powerful", "stronger"], ["wattage", "power"], true),
        ]
    }()

    /// Words that make a following attribute name a superlative ("most memory", "highest
    /// SPF"), with the direction.
    private static let degreeWords: [String: Bool] = [
        "most": true, "highest": true, "largest": true, "biggest": true, "longest": true, "greatest": true, "max": true,
        "maximum": true, "least": false, "lowest": false, "smallest": false, "shortest": false, "min": false, "minimum": false,
    ]

    /// What shoppers call an attribute the catalog names otherwise.
    private static let attributeAliases: [String: String] = ["ram": "memory", "battery life": "battery", "spf": "spf", "watts": "wattage"]

    /// The order `tokens` ask for, the tokens without its words and where its words began;
    /// nil when they ask none. `attributeNames` are the catalog's (`ChatVocabulary.attributeNames`).
    static func read(_ tokens: [String], attributeNames: Set<String>) -> (order: MeasureOrder, rest: [String], position: Int)? {
        func attribute(at position: Int) -> (name: String, length: Int)? {
            for length in [2, 1] where position + length <= tokens.count {
                let phrase = tokens[position..<(position + length)].joined(separator: " ")
                let name = attributeAliases[phrase] ?? phrase
                if attributeNames.contains(name) { return (name, length) }
            }
            return nil
        }
        for (position, token) in tokens.enumerated() {
            // "most memory", "highest spf", "longest battery life": the attribute named.
            if let descending = degreeWords[token], let named = attribute(at: position + 1) {
                var rest = tokens
                rest.removeSubrange(position..<(position + 1 + named.length))
                let said = tokens[position..<(position + 1 + named.length)].joined(separator: " ")
                return (MeasureOrder(attributes: [named.name], descending: descending, word: said), rest, position)
            }
            for entry in measureWords {
                for phrase in entry.superlatives {
                    let words = phrase.split(separator: " ").map(String.init)
                    guard position + words.count <= tokens.count, Array(tokens[position..<(position + words.count)]) == words else { continue }
                    var rest = tokens
                    rest.removeSubrange(position..<(position + words.count))
                    return (MeasureOrder(attributes: entry.attributes.filter(attributeNames.contains), descending: entry.descending,
                                         word: phrase), rest, position)
                }
            }
        }
        return nil
    }

    /// The attribute of `attributes` the most of `products` give a measure for, and the
    /// dimension most of them use; nil when none gives one.
    func measured(_ products: [StoredProduct]) -> (attribute: String, dimension: String)? {
        for attribute in attributes {
            var dimensions: [String: Int] = [:]
            for product in products {
                if let value = product.attribute(attribute), let measure = ProductMeasure(value) { dimensions[measure.dimension, default: 0] += 1 }
            }
            if let common = dimensions.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
                return (attribute, common.key)
            }
        }
        return nil
    }

    /// `products` in this order: by the measure of the attribute `measured` chose, those
    /// without it (or in another dimension) last; among equals those in stock first, then as
    /// given. Nil when no product gives the measure.
    func ordered(_ products: [StoredProduct]) -> (products: [StoredProduct], attribute: String)? {
        guard let (attribute, dimension) = measured(products) else { return nil }
        let keyed = products.enumerated().map { position, product -> (product: StoredProduct, amount: Double?, position: Int) in
            let measure = product.attribute(attribute).flatMap(ProductMeasure.init)
            return (product, measure?.dimension == dimension ? measure?.amount(descending: descending) : nil, position)
        }
        let sorted = keyed.sorted { left, right in
            switch (left.amount, right.amount) {
            case let (l?, r?) where l != r: return descending ? l > r : l < r
            case (_?, nil): return true
            case (nil, _?): return false
            default:
                let leftInStock = left.product.stock.map { $0 > 0 } ?? true, rightInStock = right.product.stock.map { $0 > 0 } ?? true
                if leftInStock != rightInStock { return leftInStock }
                return left.position < right.position
            }
        }
        return (sorted.map(\.product), attribute)
    }
}
