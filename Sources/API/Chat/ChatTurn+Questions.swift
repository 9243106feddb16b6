import Analysis
import Foundation
import Query
import Search

/// Direct answers to questions about products already shown: "how much is the first one?",
/// "is it in stock?", "what colors does it come in?", rating, brand, size and the catalog's
/// attributes, each built from the stored product, saying so when the catalog does not know.
extension ChatTurn {
    /// At most this many products are answered about in one message ("how much are the
    /// first three?").
    static let productsPerQuestion = 5

    /// Answers `question` about the products `understanding` points at, or asks which one.
    mutating func answer(_ question: ProductQuestion, about understanding: MessageUnderstanding) throws(ChatFailure) -> ChatAnswer {
        if let answer = missingPositionAnswer(understanding) { return answer }
        if question == .stock, understanding.asksHowMany, understanding.ordinals.isEmpty, !understanding.refersToFocus,
           understanding.refersToList || state.focus == nil, let plan = state.plan {
            return try inStockCount(of: plan)
        }
        // "does it come in wide?": not a colour, so a feature of the product.
        var question = question
        if question == .colors, understanding.colors.isEmpty, !understanding.productWords.isEmpty, understanding.productWords.count <= 3 {
            question = .feature(understanding.productWords)
        }
        // "is it available in red?": "it" is the product in focus, and the colour is what is asked.
        let pointsAtFocus = understanding.refersToFocus && understanding.ordinals.isEmpty && understanding.brand == nil
            && understanding.productWords.isEmpty && state.focus != nil
        var ids = pointsAtFocus ? state.focus.map { [$0] } ?? [] : try referencedIDs(understanding)
        if ids.isEmpty, understanding.ordinals.isEmpty, let sort = understanding.sort, let first = try firstListed(by: sort) { ids = [first] }
        // "how much are they?": every product of the list, as far as one answer goes.
        if ids.isEmpty, understanding.refersToList, understanding.ordinals.isEmpty { ids = state.listed }
        // "which colours is it available in?" when the list is one model in several colours:
        // the question is about the model, whichever is meant.
        if ids.isEmpty, understanding.ordinals.isEmpty, question.isAboutModel, state.listed.count > 1 {
            let listed = try self.products(ids: state.listed)
            let keys = Set(listed.map { ProductVariants.modelKey(of: $0) })
            if keys.count == 1, Set(listed.map { $0.brand.lowercased() }).count == 1, let first = listed.first { ids = [first.id] }
        }
        let products = Array(try self.products(ids: ids).prefix(Self.productsPerQuestion))
        guard !products.isEmpty else {
            state.asked = ConversationState.Asked(question: question, whichProduct: true)
            if state.listed.isEmpty {
                return reply("Which product do you mean? Ask me for one first, for example \"\(starterSuggestions().first ?? "show me books")\", then ask about it.",
                             intent: .details, suggestions: starterSuggestions())
            }
            let range = state.listed.count == 1 ? "" : " Say \"the first one\" or a number from #1 to #\(state.listed.count)."
            return reply("Which one do you mean?\(range)", intent: .details,
                         suggestions: ["the first one", state.listed.count > 1 ? "the second one" : "show me more"])
        }
        var sentences: [String] = []
        var offered: [String] = []
        for product in products {
            let answer = try sentence(answering: question, about: product)
            sentences.append(answer.text)
            offered += answer.offeredProducts
        }
        state.focus = products.count == 1 ? products[0].id : state.focus
        state.asked = ConversationState.Asked(question: question, offeredProducts: products.count == 1 ? offered : [])
        var suggestions: [String] = []
        if products.count == 1, !offered.isEmpty { suggestions.append("yes, show me") }
        if products.count == 1, products[0].stock.map({ $0 > 0 }) ?? true { suggestions.append("add it to my cart") }
        if question != .price { suggestions.append("how much is it?") }
        if question != .colors { suggestions.append("what colors does it come in?") }
        return ChatAnswer(text: sentences.joined(separator: " "), intent: MessageUnderstanding.Intent.details.rawValue,
                          products: products.map { ProductSummaryJSON($0) }, suggestions: Array(suggestions.prefix(4)), stateJSON: nil)
    }

    /// One product's answer, and the other products it offers to show (other colours).
    private func sentence(answering question: ProductQuestion, about product: StoredProduct) throws(ChatFailure) -> (text: String, offeredProducts: [String]) {
        let name = product.spokenName
        let outOfStock = product.stock == 0 ? " It is out of stock right now." : ""
        switch question {
        case .price:
            guard let price = product.price else { return ("The catalog gives no price for \(name).", []) }
            return ("\(name) costs \(Self.money(price)).\(outOfStock)", [])
        case .stock:
            guard let stock = product.stock else { return ("The catalog does not say whether \(name) is in stock.", []) }
            return (stock > 0 ? "Yes, \(name) is in stock (\(ChatWording.count(stock, "left", "left")))." : "No, \(name) is out of stock right now.", [])
        case .rating:
            guard let rating = product.spokenRating else { return ("\(name) has no rating yet.", []) }
            return ("\(name) is rated \(String(format: "%.1f", rating)) of 5.", [])
        case .brand:
            guard let brand = product.spokenBrand else { return ("The catalog gives no brand for \(name).", []) }
            return ("\(name) is made by \(brand).", [])
        case .colors:
            return try colorSentence(for: product)
        case .size:
            return try sizeSentence(for: product)
        case let .attribute(attribute):
            if let value = product.spokenAttributes.first(where: { $0.name.lowercased() == attribute })?.value {
                return ("The \(attribute) of \(name) is \(value).", [])
            }
            // "how long is the blade?": the product's attribute named with the word ("blade length").
            if let named = product.spokenAttributes.first(where: { $0.name.lowercased().split(separator: " ").contains(Substring(attribute)) }) {
                return ("The \(named.name.lowercased()) of \(name) is \(named.value).", [])
            }
            return ("The catalog gives no \(attribute) for \(name).", [])
        case let .anyAttribute(attributes):
            for attribute in attributes {
                if let value = product.spokenAttributes.first(where: { $0.name.lowercased() == attribute })?.value {
                    return ("The \(attribute) of \(name) is \(value).", [])
                }
            }
            return ("The catalog gives no \(attributes.first ?? "such detail") for \(name).", [])
        case let .feature(words):
            return (Self.featureSentence(words, of: product), [])
        }
    }

    /// "Yes: the connectivity of X is Bluetooth 5.2." when every word asked about is in an
    /// attribute, the name or the description of the product (compared as index terms, so
    /// "waterproof" finds "Waterproof" and "hoods" finds "hood"); otherwise it says the
    /// details do not show it, never a guess either way.
    static func featureSentence(_ words: [String], of product: StoredProduct) -> String {
        let name = product.spokenName
        let asked = words.joined(separator: " ")
        let terms = words.flatMap { TextAnalyzer.analyze($0).filter { !$0.isStopWord }.map(\.term) }
        func says(_ text: String) -> Bool {
            let present = Set(TextAnalyzer.analyze(text).map(\.term))
            return !terms.isEmpty && terms.allSatisfy(present.contains)
        }
        if let attribute = product.spokenAttributes.first(where: { says($0.value) || says($0.name + " " + $0.value) }) {
            return "Yes: the \(attribute.name.lowercased()) of \(name) is \(attribute.value)."
        }
        if says(name) { return "Yes, as its name says: \(name)." }
        if let description = product.spokenDescription, says(description) {
            return "Yes: the description of \(name) mentions \"\(ChatWording.quoted(asked))\"."
        }
        // "is it waterproof?" where the catalog gives its water resistance: that value, without
        // claiming what it does not say.
        let askedWords = words.map { $0.lowercased() }
        if let related = product.spokenAttributes.first(where: { attribute in
            guard let first = attribute.name.lowercased().split(separator: " ").first, first.count >= 4 else { return false }
            return askedWords.contains { $0 != first && $0.hasPrefix(first) }
        }) {
            return "The details of \(name) don't say \"\(ChatWording.quoted(asked))\", but its \(related.name.lowercased()) is \(related.value)."
        }
        return "Nothing in the details of \(name) says \"\(ChatWording.quoted(asked))\", so I can't promise it is."
    }

    /// "X comes in Navy and White. Shall I show you the White one?": the product's colour and
    /// its variants' (`ProductVariants`).
    private func colorSentence(for product: StoredProduct) throws(ChatFailure) -> (text: String, offeredProducts: [String]) {
        let name = product.spokenName
        let own = ProductVariants.color(of: product)
        var others: [(color: String, id: String)] = []
        for variant in try ProductVariants.variants(of: product, in: index) {
            guard let color = ProductVariants.color(of: variant), color.lowercased() != own?.lowercased(),
                  !others.contains(where: { $0.color.lowercased() == color.lowercased() }) else { continue }
            others.append((color, variant.id))
        }
        guard let own else {
            return others.isEmpty ? ("The catalog lists no colour for \(name).", [])
                                  : ("\(name) comes in \(ChatWording.list(others.map(\.color))).", others.map(\.id))
        }
        guard !others.isEmpty else { return ("\(name) comes only in \(own).", []) }
        let otherNames = ChatWording.list(others.map(\.color))
        return ("\(name) comes in \(ChatWording.list([own] + others.map(\.color))). Shall I show you the \(otherNames) \(others.count == 1 ? "one" : "ones")?",
                others.map(\.id))
    }

    /// "X is size 10.5; it also comes in 9 and 11.": the product's size and its variants'.
    private func sizeSentence(for product: StoredProduct) throws(ChatFailure) -> (text: String, offeredProducts: [String]) {
        let name = product.spokenName
        guard let size = ProductVariants.size(of: product) else {
            return ("The catalog gives no size for \(name).", [])
        }
        var others: [String] = []
        for variant in try ProductVariants.variants(of: product, in: index) {
            if let other = ProductVariants.size(of: variant), other.value != size.value, !others.contains(other.value) { others.append(other.value) }
        }
        let stated = size.name == "size" ? "\(name) is size \(size.value)." : "The \(size.name) of \(name) is \(size.value)."
        return (others.isEmpty ? stated : stated + " It also comes in \(ChatWording.list(others)).", [])
    }
}

extension ChatTurn {
    /// The question a bare position repeats: "the second" after "which one do you mean?", "and
    /// the last one?" after "how much is the first one?". Nil for "tell me about the second one".
    func repeatedQuestion(_ understanding: MessageUnderstanding, message: String) -> ProductQuestion? {
        guard let question = lastAsked?.question, !understanding.ordinals.isEmpty, understanding.productWords.isEmpty else { return nil }
        let detailWords: Set<String> = ["tell", "about", "details", "detail", "describe", "info", "information", "specs", "more"]
        return MessageParser.tokens(of: message).contains(where: detailWords.contains) ? nil : question
    }

    /// A search that answers "how much are the headphones?" says what the shown ones cost.
    func answeringPrice(_ question: ProductQuestion?, _ answer: ChatAnswer) throws(ChatFailure) -> ChatAnswer {
        // "what's the rating of the Hill's Science Diet cat litter?": a question asked with a
        // search that finds one product is answered for it.
        if let question, question != .price, answer.products.count == 1, let product = try product(id: answer.products[0].id) {
            var answered = answer
            answered.text += " " + (try sentence(answering: question, about: product)).text
            return answered
        }
        let prices = answer.products.compactMap(\.price)
        guard question == .price, let low = prices.min(), let high = prices.max() else { return answer }
        var answered = answer
        answered.text += low == high ? " \(answer.products.count == 1 ? "It costs" : "They cost") \(Self.money(low))."
                                     : " These cost from \(Self.money(low)) to \(Self.money(high))."
        return answered
    }
}

extension ChatTurn {
    /// "how many of those are in stock?": how many of the list's products (all its pages) the
    /// shop can sell now.
    func inStockCount(of plan: ConversationState.Plan) throws(ChatFailure) -> ChatAnswer {
        var every = plan
        every.offset = 0
        let strict = !plan.productWords.isEmpty && !plan.wordsAnywhere
        let all = try searchOfKind(every, partialMatches: false, strict: strict)
        var spoken = plan
        spoken.inStockOnly = nil
        spoken.sort = nil
        spoken.measureOrder = nil
        if !spoken.wordsAnywhere, spoken.need?.isAgeOnly ?? true {
            spoken.productWords = Self.spoken(plan.productWords, count: all.totalMatches, kinds: Self.heads(of: all))
        }
        let described = Self.describe(spoken, count: all.totalMatches)
        every.inStockOnly = true
        let available = try searchOfKind(every, partialMatches: false, strict: strict).totalMatches
        let text = available == all.totalMatches
            ? (all.totalMatches == 1 ? "It is in stock." : "All \(all.totalMatches) \(described) are in stock.")
            : "\(available) of the \(all.totalMatches) \(described) \(available == 1 ? "is" : "are") in stock."
        return reply(text, intent: .details, suggestions: available > 0 && plan.inStockOnly != true ? ["only the ones in stock"] : ["show me more"])
    }

    /// The listed product first in `sort`'s order ("the cheapest one"); nil when no listed
    /// product has the value the order needs, or for relevance, which lists have already.
    func firstListed(by sort: SearchSort) throws(ChatFailure) -> String? {
        let listed = try products(ids: state.listed)
        switch sort {
        case .priceAscending: return listed.filter { $0.price != nil }.min { $0.price! < $1.price! }?.id
        case .priceDescending: return listed.filter { $0.price != nil }.max { $0.price! < $1.price! }?.id
        case .ratingDescending: return listed.filter { $0.spokenRating != nil }.max { $0.spokenRating! < $1.spokenRating! }?.id
        case .relevance: return nil
        }
    }
}
