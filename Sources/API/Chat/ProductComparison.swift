import Foundation
import Query

/// What "which is cheaper, the first or the second?" compares two products by: the price,
/// the rating, or a measure ("which is lighter", "which holds more", "which has more
/// pieces", the comparatives of `MeasureOrder.measureWords`). The phrasings are English;
/// the attributes are the catalog's.
enum ProductComparison: Equatable {
    /// The price; `cheaper` says which way the shopper asked ("cheaper", "more expensive").
    case price(cheaper: Bool)
    case rating
    case measure(MeasureOrder)

    /// The comparison `tokens` ask for: a message with "which" and a comparative. Nil for
    /// any other message ("cheaper ones" narrows a list; it compares nothing).
    static func asked(in tokens: [String], attributeNames: Set<String>) -> ProductComparison? {
        let words = TokenPhrases(tokens)
        guard words.has("which") || words.has("what's") && words.has("or") else { return nil }
        if ["cheaper", "less expensive", "lower priced", "costs less", "cost less", "the better deal"].contains(where: words.has) {
            return .price(cheaper: true)
        }
        if ["more expensive", "pricier", "dearer", "costs more", "cost more"].contains(where: words.has) { return .price(cheaper: false) }
        if ["better rated", "higher rated", "rated higher", "better reviewed", "better reviews", "more stars"].contains(where: words.has) {
            return .rating
        }
        // "which has more pieces", "which one has less memory": an attribute of the catalog.
        for (position, token) in tokens.enumerated() where ["more", "less", "fewer", "bigger", "larger", "higher", "lower", "better", "longer"].contains(token) {
            for length in [2, 1] where position + 1 + length <= tokens.count {
                let name = tokens[(position + 1)..<(position + 1 + length)].joined(separator: " ")
                let attribute = name == "ram" ? "memory" : name
                guard attributeNames.contains(attribute) else { continue }
                let descending = ["more", "bigger", "larger", "higher", "better", "longer"].contains(token)
                return .measure(MeasureOrder(attributes: [attribute], descending: descending, word: "\(token) \(name)"))
            }
        }
        for entry in MeasureOrder.measureWords where entry.comparatives.contains(where: words.has) {
            let known = entry.attributes.filter(attributeNames.contains)
            guard !known.isEmpty else { continue }
            return .measure(MeasureOrder(attributes: known, descending: entry.descending, word: entry.comparatives[0]))
        }
        return nil
    }

    /// The sentence answering the comparison of `first` and `second`: which one it is and the
    /// values that say so, or that they are equal, or that one does not give the value.
    func answer(_ first: StoredProduct, _ second: StoredProduct, money: (Double) -> String) -> String {
        let labels = (first.spokenLabel(beside: second), second.spokenLabel(beside: first))
        func winner(_ firstWins: Bool) -> (String, String) { firstWins ? labels : (labels.1, labels.0) }
        switch self {
        case let .price(cheaper):
            guard let a = first.price, let b = second.price else { return "I can't tell: one of them has no price." }
            guard a != b else { return "They cost the same, \(money(a))." }
            let (name, _) = winner(cheaper ? a < b : a > b)
            let (low, high) = (min(a, b), max(a, b))
            return cheaper ? "\(ChatTurn.sentenceStart(name)) is cheaper: \(money(low)) against \(money(high))."
                           : "\(ChatTurn.sentenceStart(name)) is more expensive: \(money(high)) against \(money(low))."
        case .rating:
            guard let a = first.spokenRating, let b = second.spokenRating else { return "I can't tell: one of them has no rating yet." }
            guard a != b else { return "They are rated the same, \(String(format: "%.1f", a))." }
            let (name, _) = winner(a > b)
            return "\(ChatTurn.sentenceStart(name)) is rated higher: \(String(format: "%.1f", max(a, b))) against \(String(format: "%.1f", min(a, b)))."
        case let .measure(order):
            guard let (attribute, _) = order.measured([first, second]),
                  let a = first.attribute(attribute).flatMap(ProductMeasure.init), let b = second.attribute(attribute).flatMap(ProductMeasure.init),
                  a.dimension == b.dimension, let valueA = first.attribute(attribute), let valueB = second.attribute(attribute) else {
                let attribute = order.attributes.first ?? "that"
                return "I can't tell which is \(order.word): they don't both give their \(attribute)."
            }
            let (amountA, amountB) = (a.amount(descending: order.descending), b.amount(descending: order.descending))
            // "SPF 70", "1500 Pieces" say their name; "11 lb" needs it.
            func said(_ value: String) -> String { value.lowercased().contains(attribute) ? value : "\(attribute) \(value)" }
            guard amountA != amountB else { return "They are the same there: \(said(valueA))." }
            let firstWins = order.descending ? amountA > amountB : amountA < amountB
            let (name, _) = winner(firstWins)
            let (winning, losing) = firstWins ? (valueA, valueB) : (valueB, valueA)
            // "has more pieces", "has the better battery", "is lighter".
            let verb = ["more ", "less ", "fewer "].contains(where: order.word.hasPrefix) ? "has" : order.word.contains(" ") ? "has the" : "is"
            return "\(ChatTurn.sentenceStart(name)) \(verb) \(order.word): \(said(winning)) against \(losing)."
        }
    }
}
