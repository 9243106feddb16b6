import Foundation
import Query
import Search

/// One product, two products: the details of one and the comparison of two, written from the
/// fields the product has (`ChatWording`); a missing brand, price, rating, description or
/// attribute value is left out of the sentence.
extension ChatTurn {
    mutating func details(_ understanding: MessageUnderstanding) throws(ChatFailure) -> ChatAnswer {
        if let answer = missingPositionAnswer(understanding) { return answer }
        guard let product = try referencedProducts(understanding).first else {
            return reply(state.listed.isEmpty ? "Search for something first, then ask me about one of the results."
                                              : "Which one? Say \"the first one\" or \"#2\".",
                         intent: understanding.intent, suggestions: state.listed.isEmpty ? starterSuggestions() : ["tell me about the first one"])
        }
        state.focus = product.id
        var text = product.spokenName
        if let brand = product.spokenBrand { text += " by \(brand)" }
        text += ", " + (product.price.map(Self.money) ?? "no price listed")
        if let rating = product.spokenRating { text += ", rated \(String(format: "%.1f", rating)) of 5" }
        if let stock = product.stock { text += stock > 0 ? ", in stock" : ", out of stock" }
        text += "."
        if let description = product.spokenDescription { text += " " + description }
        let attributes = product.spokenAttributes.prefix(4).map { "\($0.name) \($0.value)" }
        if !attributes.isEmpty { text += " Details: \(attributes.joined(separator: ", "))." }
        // An out-of-stock product is not offered to the cart: the text says it is out of stock.
        var suggestions = product.stock == 0 ? [] : ["add it to my cart"]
        if state.listed.count > 1 { suggestions.append("compare the first two") }
        suggestions.append("show me more")
        return ChatAnswer(text: text, intent: understanding.intent.rawValue, products: [ProductSummaryJSON(product)],
                          suggestions: suggestions, stateJSON: nil)
    }

    mutating func compare(_ understanding: MessageUnderstanding) throws(ChatFailure) -> ChatAnswer {
        if let answer = missingPositionAnswer(understanding) { return answer }
        var products = try referencedProducts(understanding)
        if products.count < 2, understanding.ordinals.isEmpty, !understanding.productWords.isEmpty {
            // "compare the Sony and the Samsung": the first brand was read as the brand, the
            // second stays a word; each word may name one listed product.
            let named = try self.products(ids: state.listed).filter { product in
                let name = (product.brand + " " + product.name).lowercased()
                return understanding.productWords.contains { name.contains($0) }
            }
            for product in named where !products.contains(where: { $0.id == product.id }) { products.append(product) }
        }
        // "compare them": the first two shown. A message that names products gets those or a
        // question, never two others.
        let namesNothing = understanding.ordinals.isEmpty && understanding.brand == nil && understanding.productWords.isEmpty
            && understanding.colors.isEmpty
        if products.count < 2, namesNothing, state.listed.count >= 2 {
            products = try self.products(ids: state.listed.prefix(2))
        }
        guard products.count >= 2 else {
            return reply("Tell me which two to compare, for example \"compare the first two\".", intent: understanding.intent,
                         suggestions: state.listed.count >= 2 ? ["compare the first two"] : starterSuggestions())
        }
        let pair = Array(products.prefix(2))
        var lines = pair.map { product -> String in
            var line = "\(product.spokenName): \(product.price.map(Self.money) ?? "no price")"
            if let rating = product.spokenRating { line += ", rated \(String(format: "%.1f", rating))" }
            return line
        }
        if let first = pair[0].price, let second = pair[1].price, first != second {
            let (cheaper, other) = first < second ? (pair[0], pair[1]) : (pair[1], pair[0])
            lines.append("\(Self.sentenceStart(cheaper.spokenLabel(beside: other))) is \(Self.money(abs(first - second))) cheaper")
        }
        if let first = pair[0].spokenRating, let second = pair[1].spokenRating, first != second {
            let (better, other) = first > second ? (pair[0], pair[1]) : (pair[1], pair[0])
            lines.append("\(better.spokenLabel(beside: other)) is rated higher")
        }
        let otherAttributes = Dictionary(pair[1].spokenAttributes.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        let differences = pair[0].spokenAttributes.compactMap { attribute -> String? in
            guard let other = otherAttributes[attribute.name], other != attribute.value else { return nil }
            return "\(attribute.name) \(attribute.value) vs \(other)"
        }.prefix(3)
        var text = lines.joined(separator: "; ") + "."
        if !differences.isEmpty { text += " Differences: \(differences.joined(separator: ", "))." }
        // "which is lighter, the first or the second?": the answer first, then the two.
        if let comparison = understanding.comparison { text = comparison.answer(pair[0], pair[1], money: Self.money) + " " + text }
        state.focus = nil
        return ChatAnswer(text: text, intent: understanding.intent.rawValue, products: pair.map { ProductSummaryJSON($0) },
                          suggestions: ["add the first one to my cart", "add the second one to my cart", "show me more"], stateJSON: nil)
    }

    /// "the Sony" -> "The Sony" at the start of a sentence; names stay as the catalog writes them.
    static func sentenceStart(_ label: String) -> String {
        label.hasPrefix("the ") ? "The " + label.dropFirst(4) : label
    }
}
