import Foundation
import Query
import Search

/// How a turn answers: the reply shape, the refusal of a price it cannot search for, and the
/// suggested next messages (the chips under an answer).
extension ChatTurn {
    func reply(_ text: String, intent: MessageUnderstanding.Intent, suggestions: [String]) -> ChatAnswer {
        ChatAnswer(text: text, intent: intent.rawValue, products: [], suggestions: suggestions, stateJSON: nil)
    }

    /// "Here are 5 of 13 running shoes.", "Here are 6-10 of 13 ...", "Here is the last of 6
    /// ...", "Here is 1 ...": `first` and `last` are 1-based positions of the shown page.
    static func pageSentence(first: Int, last: Int, total: Int, described: String) -> String {
        let shown = last - first + 1
        if first > 1 {
            if shown == 1 { return last == total ? "Here is the last of \(total) \(described)." : "Here is #\(first) of \(total) \(described)." }
            return "Here are \(first)-\(last) of \(total) \(described)."
        }
        if shown == total { return "Here \(shown == 1 ? "is" : "are") \(shown) \(described)." }
        return "Here \(shown == 1 ? "is" : "are") \(shown) of \(total) \(described)."
    }

    /// What a page says of its products out of stock, by the positions the shopper can name
    /// ("#2 and #4 are out of stock."), so none is offered as if it could be bought; nil when
    /// all are in stock (or their stock is not known). `first` is the page's first position.
    static func stockNote(_ products: [ProductSummaryJSON], first: Int) -> String? {
        let positions = products.indices.filter { products[$0].inStock == false }.map { "#\(first + $0)" }
        guard !positions.isEmpty else { return nil }
        if products.count == 1 { return "It is out of stock." }
        if positions.count == products.count { return "They are all out of stock." }
        return "\(ChatWording.list(positions)) \(positions.count == 1 ? "is" : "are") out of stock."
    }

    /// Example requests from the catalog's own largest categories (products without one are
    /// filed under a blank name, which is no request).
    func starterSuggestions() -> [String] {
        let categories = index.allCategories().filter { ChatWording.present($0.name) != nil }
            .sorted { ($0.productCount, $1.name) > ($1.productCount, $0.name) }.prefix(3)
        return categories.compactMap { ChatWording.present($0.name).map { "show me \($0.lowercased())" } } + ["help"]
    }

    /// Next steps that fit the results: narrow by a colour they come in, go cheaper, look
    /// closer, see more.
    func resultSuggestions(plan: ConversationState.Plan, products: [ProductSummaryJSON], total: Int) -> [String] {
        var suggestions: [String] = []
        if plan.sort != .priceAscending, products.contains(where: { $0.price != nil }) { suggestions.append("cheaper ones") }
        // The longest colour a name ends with ("midnight blue", not "blue"), chosen without
        // depending on dictionary order so that answers stay deterministic.
        if plan.colors.isEmpty, let color = products.lazy.compactMap({ product -> String? in
            let name = ChatVocabulary.phrase(product.name)
            return vocabulary.colors.filter { name.hasSuffix(" " + $0.key) }.max { ($0.key.count, $1.key) < ($1.key.count, $0.key) }?.value
        }).first {
            suggestions.append("only \(color.lowercased())")
        }
        // An out-of-stock product is not offered to the cart.
        suggestions.append(products.count > 1 ? "tell me about the first one" : products[0].inStock == false ? "tell me about it" : "add it to my cart")
        if plan.offset + products.count < total { suggestions.append("show me more") }
        return Array(suggestions.prefix(4))
    }

    /// Says why a price cannot be searched for; the last search stays as it was.
    func refuse(_ price: MessageUnderstanding.UnusablePrice, _ understanding: MessageUnderstanding) -> ChatAnswer {
        let written = ChatWording.quoted(price.text)
        let text = switch price.reason {
        case .tooHigh:
            "I can't search for prices that high (\(written)): nothing in this shop costs more than \(Self.money(SearchFilter.maximumPrice)). Try a budget like \"under $100\"."
        case .unreadable:
            "I couldn't read \"\(written)\" as a price. Write prices like $50, $1,299.99 or 2k."
        }
        let words = understanding.productWords.joined(separator: " ")
        return reply(text, intent: understanding.intent,
                     suggestions: words.isEmpty ? starterSuggestions() : ["\(words) under $100", "show me \(words)"])
    }
}
