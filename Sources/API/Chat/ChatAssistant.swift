import Foundation
import Query
import Search
import Store
import Synchronization

/// The shop assistant: understands a message (`MessageParser`), acts on it against the
/// catalog, the conversation state and the shopper's cart, and answers with text, products
/// and suggested next messages. Deterministic for the same state and message.
public final class ChatAssistant: Sendable {
    let indexes: IndexHolder
    let carts: CartStore
    /// The vocabulary of the index being served, rebuilt when the index is replaced.
    private let vocabularyCache = Mutex<(index: ObjectIdentifier, vocabulary: ChatVocabulary)?>(nil)
    static let pageSize = 5

    public init(indexes: IndexHolder, carts: CartStore) {
        self.indexes = indexes
        self.carts = carts
    }

    /// Builds the vocabulary of the index now (it samples stored products: some 0.7 s at a
    /// million products), so that the first shopper does not wait for it.
    public func prepare() {
        _ = vocabulary(of: indexes.current)
    }

    /// The answer to `message`, or the failure of the database or index work it needed
    /// (`ChatFailure`), never a reply that hides one.
    public func respond(to message: String, userID: Int64, stateJSON: String?, now: Int64) throws(ChatFailure) -> ChatAnswer {
        let index = indexes.current
        let turn = ChatTurn(index: index, vocabulary: vocabulary(of: index), carts: carts, userID: userID,
                            state: ConversationState.decode(stateJSON), now: now)
        return try turn.answer(message)
    }

    private func vocabulary(of index: SearchIndex) -> ChatVocabulary {
        let identity = ObjectIdentifier(index)
        if let cached = vocabularyCache.withLock({ $0 }), cached.index == identity { return cached.vocabulary }
        let vocabulary = ChatVocabulary(index: index)
        vocabularyCache.withLock { $0 = (identity, vocabulary) }
        return vocabulary
    }
}

/// One message's work: everything it needs, and the state it leaves.
struct ChatTurn {
    let index: SearchIndex
    let vocabulary: ChatVocabulary
    let carts: CartStore
    let userID: Int64
    var state: ConversationState
    let now: Int64

    func answer(_ message: String) throws(ChatFailure) -> ChatAnswer {
        var turn = self
        // An order waits for its yes in the very next message only: whatever this message
        // is, the question is over (`CheckoutConfirmation`).
        let pending = turn.state.pendingCheckout
        turn.state.pendingCheckout = nil
        var answer: ChatAnswer
        switch CheckoutConfirmation.reply(in: message) {
        case .yes:
            answer = try turn.confirmCheckout(pending)
        case .placeOrder where pending != nil:
            answer = try turn.confirmCheckout(pending)
        case .no where pending != nil:
            answer = turn.declineCheckout()
        default:
            answer = try turn.act(on: MessageParser(vocabulary: vocabulary).parse(message), message: message)
        }
        answer.stateJSON = try turn.state.json()
        answer.payloadJSON = try answer.payload()
        return answer
    }

    private mutating func act(on understanding: MessageUnderstanding, message: String) throws(ChatFailure) -> ChatAnswer {
        if let price = understanding.unusablePrice, [.search, .refine].contains(understanding.intent) {
            return refuse(price, understanding)
        }
        switch understanding.intent {
        case .greeting:
            return reply("Hi! I can find products, compare them and fill your cart. What are you looking for?",
                         intent: understanding.intent, suggestions: starterSuggestions())
        case .thanks:
            return reply("You're welcome! Anything else I can find for you?", intent: understanding.intent,
                         suggestions: state.listed.isEmpty ? starterSuggestions() : ["show me more", "show my cart"])
        case .help:
            return reply("Ask for products in your own words (\"wireless headphones under $100\"), then narrow them (\"cheaper ones\", \"only black\", \"what about Bose?\"), ask about one (\"tell me about the second one\"), compare (\"compare the first two\") or shop (\"add it to my cart\", \"checkout\").",
                         intent: understanding.intent, suggestions: starterSuggestions())
        case .reset:
            state = ConversationState()
            return reply("Starting over. What are you looking for?", intent: understanding.intent, suggestions: starterSuggestions())
        case .search:
            var plan = ConversationState.Plan()
            plan.productWords = understanding.productWords
            try apply(understanding, to: &plan)
            return try run(plan, intent: .search, asked: plan, wasRefinement: false)
        case .refine:
            guard var plan = state.plan else {
                var fresh = ConversationState.Plan()
                try apply(understanding, to: &fresh)
                return try run(fresh, intent: .search, asked: fresh, wasRefinement: false)
            }
            plan.offset = 0
            if !understanding.productWords.isEmpty { plan.productWords = understanding.productWords }
            if let category = understanding.category, understanding.productWords.isEmpty, plan.category != category {
                // "only books" after headphones: a department of its own, where nothing of the
                // old search (words, brand, colours, prices) belongs.
                plan = ConversationState.Plan()
            }
            try apply(understanding, to: &plan)
            return try run(plan, intent: .refine, asked: plan, wasRefinement: true)
        case .more:
            guard var plan = state.plan else {
                return reply("Tell me what you are looking for first.", intent: understanding.intent, suggestions: starterSuggestions())
            }
            plan.offset += ChatAssistant.pageSize
            return try run(plan, intent: .more, asked: plan, wasRefinement: false)
        case .details:
            return try details(understanding)
        case .compare:
            return try compare(understanding)
        case .cartAdd:
            return try addToCart(understanding)
        case .cartRemove:
            return try removeFromCart(understanding)
        case .cartShow:
            return try showCart()
        case .checkout:
            return try checkout()
        case .unknown:
            return reply("Sorry, I didn't get that. You can ask for a product, a brand or a price range.",
                         intent: understanding.intent, suggestions: starterSuggestions())
        }
    }

    // MARK: - Searching

    /// Folds the message's constraints into `plan`; relative prices use what is listed now.
    private func apply(_ understanding: MessageUnderstanding, to plan: inout ConversationState.Plan) throws(ChatFailure) {
        if let category = understanding.category { plan.category = category }
        if let brand = understanding.brand { plan.brand = brand }
        if !understanding.colors.isEmpty { plan.colors = understanding.colors }
        if understanding.minPrice != nil || understanding.maxPrice != nil {
            plan.minPrice = understanding.minPrice
            plan.maxPrice = understanding.maxPrice
        }
        if let sort = understanding.sort { plan.sort = sort }
        let listedPrices = try products(ids: state.listed).compactMap(\.price).sorted()
        switch understanding.relativePrice {
        case .cheaper:
            // Cheaper than the middle of what was shown, cheapest first.
            if !listedPrices.isEmpty { plan.maxPrice = listedPrices[listedPrices.count / 2] - 0.01 }
            plan.minPrice = nil
            plan.sort = .priceAscending
        case .pricier:
            if !listedPrices.isEmpty { plan.minPrice = listedPrices[listedPrices.count / 2] + 0.01 }
            plan.maxPrice = nil
            plan.sort = .priceDescending
        case nil:
            break
        }
    }

    /// Searches `plan`; on no result, drops constraints one at a time (the least important
    /// first: colour, brand, price, category) and says which, or offers spelling suggestions.
    private mutating func run(_ plan: ConversationState.Plan, intent: MessageUnderstanding.Intent,
                              asked: ConversationState.Plan, wasRefinement: Bool) throws(ChatFailure) -> ChatAnswer {
        guard !plan.isEmpty else {
            return reply("What kind of product are you looking for?", intent: intent, suggestions: starterSuggestions())
        }
        var attempt = plan
        var dropped: [String] = []
        var partial = false
        for relaxation in 0...5 {
            let response = try search(attempt, partialMatches: partial)
            if !response.hits.isEmpty {
                let products = response.hits.compactMap { hit in hit.product.map { ProductSummaryJSON($0, matches: hit.matches) } }
                state.plan = attempt
                state.listed = products.map(\.id)
                state.focus = products.count == 1 ? products[0].id : nil
                var text: String
                var understood = attempt
                understood.productWords = Self.corrected(attempt.productWords, by: response)
                let described = Self.describe(understood, count: response.totalMatches)
                if dropped.isEmpty {
                    let shown = attempt.offset + products.count
                    text = attempt.offset > 0
                        ? "Here are \(attempt.offset + 1)-\(shown) of \(response.totalMatches) \(described)."
                        : "Here \(products.count == 1 ? "is" : "are") \(products.count == response.totalMatches ? "\(products.count)" : "\(products.count) of \(response.totalMatches)") \(described)."
                    if response.hits.first?.isPartialMatch == true { text = "No product has every word you used; these match most of them. " + text }
                } else {
                    text = "I found nothing for \(Self.describe(asked, count: 2)), so I left out \(dropped.joined(separator: " and ")). Here \(products.count == 1 ? "is" : "are") \(products.count) \(described)."
                }
                return ChatAnswer(text: text, intent: intent.rawValue, products: products,
                                  suggestions: resultSuggestions(plan: attempt, products: products, total: response.totalMatches), stateJSON: nil)
            }
            if let next = Self.relax(attempt) {
                attempt = next.plan
                dropped.append(next.dropped)
            } else if !partial, relaxation < 5, plan.productWords.count > 1 {
                // Nothing left to drop: products with most of the words, as asked.
                attempt = plan
                dropped = []
                partial = true
            } else {
                break
            }
        }
        if intent == .more {
            return reply("That's all I have for \(Self.describe(asked, count: 2)).", intent: intent,
                         suggestions: ["cheaper ones", "best rated first"])
        }
        let words = asked.productWords.joined(separator: " ")
        let hints = QueryWordsHint.suggestions(for: words, index: index)
        if !hints.isEmpty {
            return reply("I found nothing for \"\(words)\". Did you mean \(hints.map { "\"\($0)\"" }.joined(separator: " or "))?",
                         intent: intent, suggestions: hints.prefix(3).map { "show me \($0)" })
        }
        return reply("I found nothing for \(Self.describe(asked, count: 2)). Try other words or a category.",
                     intent: intent, suggestions: starterSuggestions())
    }

    private func search(_ plan: ConversationState.Plan, partialMatches: Bool) throws(ChatFailure) -> SearchResponse {
        let query = (plan.colors + plan.productWords).joined(separator: " ")
        var filter = SearchFilter()
        if let category = plan.category { filter.categories = [category] }
        if let brand = plan.brand { filter.brands = [brand] }
        filter.minPrice = plan.minPrice
        filter.maxPrice = plan.maxPrice
        let sort = plan.sort ?? (query.isEmpty ? .ratingDescending : .relevance)
        do {
            return try Searcher(index: index).search(SearchRequest(query: query, limit: ChatAssistant.pageSize, offset: plan.offset,
                                                                   filter: filter, sort: sort, partialMatches: partialMatches))
        } catch {
            throw .index(error, couldNot: "search the catalog")
        }
    }

    /// The product words as the search read them: a misspelt word becomes the catalog word
    /// its best hit matched ("hedphones" -> "headphones"), so the reply says what was found.
    static func corrected(_ words: [String], by response: SearchResponse) -> [String] {
        guard response.usedTypoTolerance else { return words }
        var replacements: [String: String] = [:]
        for hit in response.hits {
            for match in hit.matches where match.kind == .typo && replacements[match.queryWord] == nil {
                replacements[match.queryWord] = match.matchedWord
            }
        }
        return words.map { replacements[$0.lowercased()] ?? $0 }
    }

    private static func relax(_ plan: ConversationState.Plan) -> (plan: ConversationState.Plan, dropped: String)? {
        var relaxed = plan
        relaxed.offset = 0
        if !plan.colors.isEmpty {
            relaxed.colors = []
            return (relaxed, "the colour")
        }
        if let brand = plan.brand, !plan.productWords.isEmpty || plan.category != nil {
            relaxed.brand = nil
            return (relaxed, ChatWording.present(brand).map { "the brand \($0)" } ?? "the brand")
        }
        if plan.minPrice != nil || plan.maxPrice != nil {
            relaxed.minPrice = nil
            relaxed.maxPrice = nil
            return (relaxed, "the price limit")
        }
        if plan.category != nil, !plan.productWords.isEmpty {
            relaxed.category = nil
            return (relaxed, "the category")
        }
        return nil
    }

    /// "black Sony wireless headphones under $100, cheapest first". Blank parts of the plan
    /// (the state comes back from storage) are left out, not written as nothing.
    static func describe(_ plan: ConversationState.Plan, count: Int) -> String {
        var parts: [String] = []
        let colors = plan.colors.compactMap(ChatWording.present)
        let words = plan.productWords.compactMap(ChatWording.present)
        let category = plan.category.flatMap(ChatWording.present)
        if !colors.isEmpty { parts.append(colors.joined(separator: " or ").lowercased()) }
        if let brand = plan.brand.flatMap(ChatWording.present) { parts.append(brand) }
        if !words.isEmpty {
            parts.append(words.joined(separator: " "))
        } else if let category {
            parts.append(count == 1 ? "product in \(category)" : "products in \(category)")
        } else {
            parts.append(count == 1 ? "product" : "products")
        }
        if !words.isEmpty, let category { parts.append("in \(category)") }
        switch (plan.minPrice, plan.maxPrice) {
        case let (low?, high?): parts.append("between \(money(low)) and \(money(high))")
        case let (nil, high?): parts.append("under \(money(high + (high.truncatingRemainder(dividingBy: 1) == 0.99 ? 0.01 : 0)))")
        case let (low?, nil): parts.append("over \(money(low))")
        case (nil, nil): break
        }
        var text = parts.joined(separator: " ")
        switch plan.sort {
        case .priceAscending: text += ", cheapest first"
        case .priceDescending: text += ", most expensive first"
        case .ratingDescending: text += ", best rated first"
        case .relevance, nil: break
        }
        return text
    }

    static func money(_ value: Double) -> String {
        ChatMoney.format(value)
    }
}
