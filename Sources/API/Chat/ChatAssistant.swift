import Analysis
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
    /// What the previous answer asked or offered (`ConversationState.Asked`), for this message only.
    var lastAsked: ConversationState.Asked? = nil
    /// `MessageUnderstanding.speaksOfANeed` of the request being answered.
    var speaksOfANeed = false

    func answer(_ message: String) throws(ChatFailure) -> ChatAnswer {
        var turn = self
        // An order waits for its yes in the very next message only: whatever this message
        // is, the question is over (`CheckoutConfirmation`).
        let pending = turn.state.pendingCheckout
        turn.state.pendingCheckout = nil
        turn.lastAsked = turn.state.asked
        turn.state.asked = nil
        // A plain "yes" to a question of the last answer (no order waiting) answers that question.
        let answersQuestion = pending == nil && turn.lastAsked != nil && SmallTalk.kind(of: MessageParser.tokens(of: message)) == .yes
        var answer: ChatAnswer
        switch answersQuestion ? nil : CheckoutConfirmation.reply(in: message) {
        case .yes:
            answer = try turn.confirmCheckout(pending)
        case .placeOrder where pending != nil:
            answer = try turn.confirmCheckout(pending)
        case .no where pending != nil:
            answer = turn.declineCheckout()
        default:
            // One answer per request of the message, in order ("add the first and show me
            // cases"), joined into one reply whose cards are the last request's that has any.
            let parser = MessageParser(vocabulary: vocabulary)
            var answers: [ChatAnswer] = []
            for request in MessageParser.requests(in: message) {
                answers.append(try turn.act(on: parser.parse(request), message: request))
            }
            answer = answers.last ?? turn.reply("", intent: .unknown, suggestions: [])
            if answers.count > 1 {
                answer.text = answers.map(\.text).joined(separator: " ")
                answer.products = answers.last(where: { !$0.products.isEmpty })?.products ?? []
            }
        }
        answer.stateJSON = try turn.state.json()
        answer.payloadJSON = try answer.payload()
        return answer
    }

    mutating func act(on understanding: MessageUnderstanding, message: String) throws(ChatFailure) -> ChatAnswer {
        speaksOfANeed = understanding.speaksOfANeed
        if let price = understanding.unusablePrice, [.search, .refine].contains(understanding.intent) {
            return refuse(price, understanding)
        }
        switch understanding.intent {
        case .greeting where understanding.smallTalk != nil, .thanks, .smallTalk:
            return try smallTalk(understanding.smallTalk ?? .thanks, understanding)
        case .greeting:
            return reply("Hi! I can find products, compare them and fill your cart. What are you looking for?",
                         intent: understanding.intent, suggestions: starterSuggestions())
        case .help:
            return reply("Ask for products in your own words (\"wireless headphones under $100\"), then narrow them (\"cheaper ones\", \"only black\", \"what about Bose?\"), ask about one (\"tell me about the second one\"), compare (\"compare the first two\") or shop (\"add it to my cart\", \"checkout\").",
                         intent: understanding.intent, suggestions: starterSuggestions())
        case .reset:
            state = ConversationState()
            return reply("Starting over. What are you looking for?", intent: understanding.intent, suggestions: starterSuggestions())
        case .search, .refine:
            if understanding.countsList, var plan = state.plan, !understanding.hasConstraints {
                // "how many are there in total?": the list again from its start, with its count.
                plan.offset = 0
                return try run(plan, intent: .refine, asked: plan, wasRefinement: true)
            }
            if understanding.need != nil { return try answerNeed(understanding) }
            let answer = try answeringPrice(understanding.question, try searchOrRefine(understanding))
            // "the cheapest yoga mat": the one asked for is what "it" is next.
            if understanding.namesTheFirst, let first = answer.products.first, state.listed.first == first.id { state.focus = first.id }
            return answer
        case .more:
            guard var plan = state.plan else {
                return reply("Tell me what you are looking for first.", intent: understanding.intent, suggestions: starterSuggestions())
            }
            plan.offset += plan.pageLimit
            plan.pageLimit = ChatAssistant.pageSize
            return try run(plan, intent: .more, asked: plan, wasRefinement: false)
        case .details:
            if let question = understanding.question ?? repeatedQuestion(understanding, message: message) {
                return try answer(question, about: understanding)
            }
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

    /// A search or a follow-up to the last one: the plan `FollowUpRules` makes of the message
    /// and the last search, with relative prices against what is listed now.
    private mutating func searchOrRefine(_ understanding: MessageUnderstanding) throws(ChatFailure) -> ChatAnswer {
        var understanding = understanding
        let previous = state.plan
        var narrows = false
        if let previous, understanding.productWords.contains(where: { !ChatVocabulary.isGrammar($0) }), !previous.isEmpty {
            // Do products have the old and the new words together? One count-only search.
            var together = previous
            together.productWords = previous.productWords + understanding.productWords.filter { !previous.productWords.contains($0) }
            together.colors = []
            together.brand = nil
            together.minPrice = nil
            together.maxPrice = nil
            together.offset = 0
            narrows = try search(together, partialMatches: false, strict: true).totalMatches > 0
        }
        if narrows, understanding.asksAlternative, !understanding.narrowsShown {
            // "what about women's?" after t-shirts: words that name no kind of product (no
            // name is headed by them) describe the ones shown; "what about sandals?" asks
            // for sandals.
            var namesKind = false
            for word in understanding.productWords {
                if let term = ProductKind.term(word), try headsSomeName(word, term: term) { namesKind = true }
            }
            if !namesKind { understanding.narrowsShown = true }
        }
        let kind = FollowUpRules.kind(of: understanding, after: previous, narrowsSubject: narrows)
        var plan = FollowUpRules.plan(after: previous, understanding, kind: kind)
        if understanding.relativePrice != nil, kind == .refinement, state.listed.count == 1, understanding.productWords.isEmpty,
           understanding.brand == nil, plan.productWords.count > 1, let kindWord = plan.kindWord {
            // "something cheaper" after one product ("Deuter Futura 24 hiking backpack"):
            // cheaper ones of its kind, not of its model and brand.
            plan.productWords = [kindWord]
            plan.brand = nil
        }
        try applyRelativePrice(understanding, to: &plan)
        // "how much are the headphones": the answer gives their prices, cheapest first.
        if understanding.question == .price, plan.sort == nil { plan.sort = .priceAscending }
        let intent: MessageUnderstanding.Intent = switch kind {
        case .refinement: .refine
        case .newSubject: .search
        // A first search is a search whatever its words; a department switch ("only books")
        // stays the refinement the shopper phrased.
        case .freshSearch: previous == nil ? .search : understanding.intent
        }
        return try run(plan, intent: intent, asked: plan, wasRefinement: kind == .refinement)
    }

    /// "cheaper ones", "more expensive ones": against the middle of what is listed now.
    func applyRelativePrice(_ understanding: MessageUnderstanding, to plan: inout ConversationState.Plan) throws(ChatFailure) {
        guard let relative = understanding.relativePrice else { return }
        let listedPrices = try products(ids: state.listed).compactMap(\.price).sorted()
        switch relative {
        case .cheaper:
            // Cheaper than the middle of what was shown, cheapest first.
            if !listedPrices.isEmpty { plan.maxPrice = listedPrices[listedPrices.count / 2] - 0.01 }
            plan.minPrice = nil
            plan.sort = .priceAscending
        case .pricier:
            if !listedPrices.isEmpty { plan.minPrice = listedPrices[listedPrices.count / 2] + 0.01 }
            plan.maxPrice = nil
            plan.sort = .priceDescending
        }
    }

    /// Searches `plan`; on no result, drops constraints one at a time (the least important
    /// first: colour, brand, price, category) and says which, or offers spelling suggestions.
    mutating func run(_ plan: ConversationState.Plan, intent: MessageUnderstanding.Intent,
                              asked: ConversationState.Plan, wasRefinement: Bool) throws(ChatFailure) -> ChatAnswer {
        guard !plan.isEmpty else {
            return reply("What kind of product are you looking for?", intent: intent, suggestions: starterSuggestions())
        }
        // Phases, each relaxing constraints in turn: the words naming the product (outside
        // descriptions), then the words anywhere, then most of the words. A further page
        // repeats only the search that found the first one: never another kind of product.
        // Before most of the words, the kind alone ("computer mice": the mice, not computer
        // monitors), when products are named by it.
        var phases: [(strict: Bool, partial: Bool, kindAlone: Bool)] = []
        if intent == .more {
            phases = [(!plan.wordsAnywhere && !plan.productWords.isEmpty, false, false)]
        } else {
            if !plan.productWords.isEmpty { phases.append((true, false, false)) }
            phases.append((false, false, false))
            if plan.productWords.count > 1 {
                phases.append((true, false, true))
                phases.append((false, true, false))
            }
        }
        var namedWithoutConstraints: Bool?
        for phase in phases {
            if !phase.strict, intent != .more, !plan.productWords.isEmpty {
                // Words that name products ("laptops") are not looked for in descriptions when
                // the other constraints leave none: that would list other kinds (cables "for
                // laptops"). Asked only once the named products failed; the kind alone may
                // still answer ("camping tents" without a rainfly: tents without one).
                if namedWithoutConstraints == nil {
                    var wordsOnly = ConversationState.Plan()
                    wordsOnly.productWords = plan.productWords
                    namedWithoutConstraints = try search(wordsOnly, partialMatches: false, strict: true).totalMatches > 0
                }
                if namedWithoutConstraints == true { continue }
            }
            var attempt = plan
            var dropped: [String] = []
            if phase.kindAlone {
                guard let kindWord = plan.kindWord else { continue }
                // "iphone 15 pro": a word the catalog has nowhere names what the shop does not
                // sell; the kind alone would be something else ("M61 Pro" trucks).
                let unknown = plan.productWords.contains { $0 != kindWord && $0.contains(where: \.isLetter) && index.documentFrequency(of: $0) == 0 }
                if unknown { continue }
                // "sleeping bags", "cutting board": a gerund before the kind makes a kind of
                // its own, when no name has the two ("camping tents" do); tea bags are no
                // sleeping bags.
                if let position = plan.productWords.lastIndex(of: kindWord), position > 0, plan.productWords[position - 1].hasSuffix("ing") {
                    var pair = ConversationState.Plan()
                    pair.productWords = [plan.productWords[position - 1], kindWord]
                    if try search(pair, partialMatches: false, strict: true).totalMatches == 0 { continue }
                }
                if plan.productWords.count > 2 {
                    // "grid ruled notebook": one describing word left out before all of them,
                    // the commonest first (it says least: "ruled" before "grid").
                    let modifiers = plan.productWords.filter { $0 != kindWord }
                        .sorted { index.documentFrequency(of: $0) > index.documentFrequency(of: $1) }
                    for word in modifiers {
                        var fewer = plan
                        fewer.productWords = plan.productWords.filter { $0 != word }
                        fewer.offset = 0
                        var response = try searchOfKind(fewer, partialMatches: false, strict: true)
                        if response.hits.isEmpty {
                            fewer.kindNamedOnly = true
                            response = try searchOfKind(fewer, partialMatches: false, strict: true)
                        }
                        if !response.hits.isEmpty, Self.namesKind(response, fewer.productWords) {
                            return answer(response, plan: fewer, asked: asked, dropped: ["\"\(word)\""], intent: intent)
                        }
                    }
                }
                attempt.productWords = [kindWord]
                attempt.kindNamedOnly = nil
                dropped = ["\"\(plan.productWords.filter { $0 != kindWord }.joined(separator: " "))\""]
            }
            while true {
                var response = try searchOfKind(attempt, partialMatches: phase.partial, strict: phase.strict)
                if phase.kindAlone, !Self.namesKind(response, attempt.productWords) {
                    // "dog bed" is not answered with bed sheets: no product is headed "bed".
                    break
                }
                let said = Self.corrected(attempt.productWords, by: response)
                if phase.partial, attempt.need == nil, !response.hits.isEmpty, let kind = said.last(where: { $0.contains(where: \.isLetter) }),
                   !Self.namesKind(response, [kind]), !(Self.namesKind(response, said) && Self.names(response, kind)) {
                    // Most of the words, without the kind they name, are another kind:
                    // "robot vacuum" is no vacuum-insulated bottle, "mouse pad" no mouse.
                    // A kind of the words named with the last one stays ("chocolate with
                    // caramel and sea salt": a Sea Salt Chocolate).
                    break
                }
                if response.hits.isEmpty, phase.strict, intent != .more, attempt.kindNamedOnly != true, attempt.productWords.count > 1 {
                    // No name has every word: the kind in the name and what describes it
                    // anywhere, before any constraint is let go.
                    var byKind = attempt
                    byKind.kindNamedOnly = true
                    response = try searchOfKind(byKind, partialMatches: false, strict: true)
                    if !response.hits.isEmpty { attempt = byKind }
                }
                if !phase.strict, response.usedTypoTolerance, !Self.correctionsName(response) {
                    // "couch" read as "touch", a word only descriptions have: the shop sells
                    // nothing of the kind typed.
                    break
                }
                if !phase.partial, response.usedTypoTolerance {
                    // "hedphones": the words as corrected may name products, as the typed
                    // ones could not (names are matched without typos); "chocolat bars" are
                    // the chocolate bars, with the synonyms "chocolate" has.
                    var named = attempt
                    named.productWords = Self.corrected(attempt.productWords, by: response)
                    if named.productWords != attempt.productWords {
                        let namedResponse = try searchOfKind(named, partialMatches: false, strict: true)
                        if !namedResponse.hits.isEmpty {
                            return answer(namedResponse, plan: named, asked: asked, dropped: dropped, intent: intent)
                        }
                    }
                }
                if !response.hits.isEmpty {
                    attempt.wordsAnywhere = !phase.strict && !attempt.productWords.isEmpty
                    return answer(response, plan: attempt, asked: asked, dropped: dropped, intent: intent)
                }
                guard intent != .more, let next = Self.relax(attempt) else { break }
                attempt = next.plan
                dropped.append(next.dropped)
            }
        }
        if intent == .more {
            var spokenAsked = asked
            if !asked.wordsAnywhere, asked.need == nil {
                // The kind is read from the page shown before, the one "more" follows.
                let kinds = Set(try products(ids: state.listed).compactMap { ProductKind.head(ofName: $0.name) })
                spokenAsked.productWords = Self.spoken(asked.productWords, count: 2, kinds: kinds)
            }
            return reply("That's all I have for \(Self.describe(spokenAsked, count: 2)).", intent: intent,
                         suggestions: ["cheaper ones", "best rated first"])
        }
        let excluded = asked.excludedPhrases + asked.excludedBrands + asked.excludedCategories
        if !excluded.isEmpty {
            // "camping tents", "without a rainfly", when every one has it: say so, rather than
            // that nothing was found for the tents just shown.
            var unexcluded = asked
            unexcluded.excludedPhrases = []
            unexcluded.excludedBrands = []
            unexcluded.excludedCategories = []
            unexcluded.offset = 0
            let found = try searchOfKind(unexcluded, partialMatches: false, strict: !unexcluded.productWords.isEmpty && !unexcluded.wordsAnywhere)
            if found.totalMatches > 0 {
                var spoken = unexcluded
                if !spoken.wordsAnywhere, spoken.need == nil {
                    spoken.productWords = Self.spoken(spoken.productWords, count: found.totalMatches, kinds: Self.heads(of: found))
                }
                let said = ChatWording.list(Self.sayable(excluded).map { "\"\(ChatWording.quoted($0))\"" })
                let total = found.totalMatches
                return reply("\(total == 1 ? "The only" : "All \(total)") \(Self.describe(spoken, count: total)) \(total == 1 ? "has" : "have") \(said); I have none without it.",
                             intent: intent, suggestions: ["show me more", "cheaper ones"])
            }
        }
        if let described = try describedNeed(asked, intent: intent) { return described }
        let words = asked.productWords.joined(separator: " ")
        let hints = try phraseHints(for: asked.productWords)
        if hints.count == 1, asked.productWords.count > 1, hints[0] != words {
            // "yoga matt": one word off, the others agreeing on the only phrase that names
            // products; shown, and said. A word alone ("tnet") is asked about instead.
            var corrected = asked
            corrected.productWords = hints[0].split(separator: " ").map(String.init)
            corrected.offset = 0
            var answer = try run(corrected, intent: intent, asked: corrected, wasRefinement: wasRefinement)
            if !answer.products.isEmpty {
                answer.text = "I found nothing for \"\(ChatWording.quoted(words))\", so I looked for \"\(ChatWording.quoted(hints[0]))\". " + answer.text
                return answer
            }
        }
        if !hints.isEmpty {
            if hints.count == 1 { state.asked = ConversationState.Asked(offer: "show me \(hints[0])") }
            return reply("I found nothing for \"\(words)\". Did you mean \(hints.map { "\"\($0)\"" }.joined(separator: " or "))?",
                         intent: intent, suggestions: hints.prefix(3).map { "show me \($0)" })
        }
        return reply("I found nothing for \(Self.describe(asked, count: 2)). Try other words or a category.",
                     intent: intent, suggestions: starterSuggestions())
    }

    /// A message that describes a need in words no product name has ("something to keep my
    /// drinks cold on long hikes", "I work from home and my back is killing me"): the
    /// departments those words are concentrated in (as needs are read, `likelyCategories`),
    /// and there the products whose text has the most of them, at least two. Nil for fewer
    /// than three words (a product the shop does not sell, "washing machine", stays unsold).
    private mutating func describedNeed(_ asked: ConversationState.Plan, intent: MessageUnderstanding.Intent) throws(ChatFailure) -> ChatAnswer? {
        let words = asked.productWords.filter { $0.contains(where: \.isLetter) }
        guard speaksOfANeed, intent != .more, asked.need == nil, words.count >= 3 else { return nil }
        let liked = words.map(catalogForm)
        let (categories, _) = try likelyCategories(liked: liked, need: ShopperNeed())
        guard !categories.isEmpty else { return nil }
        var guess = asked
        guess.productWords = liked
        guess.need = ShopperNeed(categories: categories)
        guess.offset = 0
        let response = try search(guess, partialMatches: true, strict: false)
        // Two words at least, and those that say most (by inverse document frequency, as
        // BM25 weighs them): "keep drinks cold" of five for a bottle whose description keeps
        // drinks cold; "start" and "garden" are not a herb garden, whose "herb" says most.
        guard let best = response.hits.first, best.matchedWordCount >= 2 else { return nil }
        let documents = Double(max(1, index.documentCount))
        func weight(_ word: String) -> Double { log(1 + documents / Double(max(1, index.documentFrequency(of: word)))) }
        let matched = Set(best.matches.map { $0.queryWord.lowercased() })
        let said = liked.reduce(0) { $0 + weight($1) }
        let found = liked.filter { word in TextAnalyzer.analyze(word).contains { matched.contains($0.surfaceText) } }.reduce(0) { $0 + weight($1) }
        guard said > 0, found / said >= 0.5 else { return nil }
        var answer = answer(response, plan: guess, asked: guess, dropped: [], intent: intent)
        answer.text = "Ideas. " + answer.text
        return answer
    }

    /// "Did you mean" phrases for product words that found nothing: the words with one of
    /// them replaced by one of its closest catalog words (`SearchIndex.suggestions`),
    /// (five, nearest and commonest first: "air friers" is "fries" before "fryers"), offered
    /// only when the phrase names products ("hiking boats": "hiking boots"). A word
    /// alone is never offered for a phrase ("potting soil" is no "oil", "mouse pad" no
    /// "house"), nor a word that only descriptions have ("touch" for "couch"). At most three.
    private func phraseHints(for words: [String]) throws(ChatFailure) -> [String] {
        var hints: [String] = []
        for (position, word) in words.enumerated() where word.count >= 3 {
            // A misspelt plural of a word the catalog has in the singular ("friers", "Fryer")
            // is two edits from it, its singular one.
            let singular = word.count > 4 && word.hasSuffix("s") ? index.suggestions(for: String(word.dropLast()), limit: 5) : []
            for suggestion in index.suggestions(for: word, limit: 5) + singular where suggestion != word.lowercased() {
                var phrase = words
                phrase[position] = suggestion
                var named = ConversationState.Plan()
                named.productWords = phrase
                let text = phrase.joined(separator: " ")
                guard !hints.contains(text), try search(named, partialMatches: false, strict: true).totalMatches > 0 else { continue }
                hints.append(text)
                if hints.count == 3 { return hints }
            }
        }
        return hints
    }

    /// The list `response` found for `plan`, and the state it leaves: the plan as searched
    /// (what was dropped is gone from it), what is listed, and the focus.
    private mutating func answer(_ response: SearchResponse, plan attempt: ConversationState.Plan, asked: ConversationState.Plan,
                                 dropped: [String], intent: MessageUnderstanding.Intent) -> ChatAnswer {
        let products = response.hits.compactMap { hit in hit.product.map { ProductSummaryJSON($0, matches: hit.matches) } }
        state.plan = attempt
        state.listed = products.map(\.id)
        state.focus = products.count == 1 ? products[0].id : nil
        var text: String
        var understood = attempt
        understood.productWords = Self.matched(Self.corrected(attempt.productWords, by: response), by: response)
        // Only words that name the products listed take the plural ("9 laptops"); words found
        // in descriptions or that say what someone likes are said as they are (below).
        let kinds = Self.heads(of: response)
        var askedSpoken = asked
        if !attempt.wordsAnywhere, attempt.need?.isAgeOnly ?? true {
            understood.productWords = Self.spoken(understood.productWords, count: response.totalMatches, kinds: kinds)
        }
        if !asked.wordsAnywhere, asked.need?.isAgeOnly ?? true {
            askedSpoken.productWords = Self.spoken(asked.productWords, count: 2, kinds: kinds)
        }
        let described = Self.describe(understood, count: response.totalMatches)
        if dropped.isEmpty {
            text = Self.pageSentence(first: attempt.offset + 1, last: attempt.offset + products.count, total: response.totalMatches,
                                     described: described)
            if response.hits.first?.isPartialMatch == true {
                text = "No product has every word you used; these match most of them. " + text
            } else if attempt.wordsAnywhere, attempt.need == nil, attempt.offset == 0,
                      let words = ChatWording.present(attempt.productWords.joined(separator: " ")) {
                // "I need a new phone": the shop sells none, and says so before what mentions one.
                text = "No product here is called \"\(ChatWording.quoted(words))\". " + text
            }
        } else {
            let shown = response.totalMatches > products.count ? "\(products.count) of \(response.totalMatches)" : "\(products.count)"
            text = "I found nothing for \(Self.describe(askedSpoken, count: 2)), so I left out \(dropped.joined(separator: " and ")). Here \(products.count == 1 ? "is" : "are") \(shown) \(described)."
        }
        if let order = attempt.measureOrder, attempt.offset == 0 {
            text = Self.measureLead(order, first: response.hits.first?.product, total: response.totalMatches) + " " + text
        }
        if let note = Self.stockNote(products, first: attempt.offset + 1) { text += " " + note }
        return ChatAnswer(text: text, intent: intent.rawValue, products: products,
                          suggestions: resultSuggestions(plan: attempt, products: products, total: response.totalMatches), stateJSON: nil)
    }

    /// Searches `plan`. `strict`: the product words must name the product (be outside its
    /// description, `SearchFilter.requiredPhrases`), so "laptops" lists laptops, not cables
    /// whose description mentions laptops.
    func search(_ plan: ConversationState.Plan, partialMatches: Bool, strict: Bool, limit: Int? = nil) throws(ChatFailure) -> SearchResponse {
        let query = (plan.colors + plan.productWords).joined(separator: " ")
        var filter = SearchFilter()
        if let category = plan.category { filter.categories = [category] } else if let need = plan.need { filter.categories = need.categories }
        if let brand = plan.brand { filter.brands = [brand] }
        filter.minPrice = plan.minPrice
        filter.maxPrice = plan.maxPrice
        filter.excludedBrands = plan.excludedBrands
        filter.excludedCategories = plan.excludedCategories
        filter.excludedPhrases = plan.excludedPhrases
        filter.inStockOnly = plan.inStockOnly == true
        if strict, !plan.productWords.isEmpty {
            let kind = plan.kindNamedOnly == true ? plan.kindWord : nil
            filter.requiredPhrases = [kind ?? plan.productWords.joined(separator: " ")]
        }
        let sort = plan.sort ?? (query.isEmpty ? .ratingDescending : .relevance)
        if let ages = plan.need?.ages { return try searchSuited(to: ages, query: query, filter: filter, sort: sort, offset: plan.offset, partialMatches: partialMatches) }
        if let order = plan.measureOrder, limit == nil {
            // "the lightest tent": the best matches in relevance order, then ordered by the
            // measure here (the index keeps no attribute values to sort by), and paged.
            var response = try firstMatches(Self.measureWindow, query: query, filter: filter, sort: sort, partialMatches: partialMatches)
            let hits = Self.ordered(response.hits, by: order)
            let start = min(plan.offset, hits.count)
            response.hits = Array(hits[start..<min(hits.count, start + max(1, plan.pageLimit))])
            return response
        }
        do {
            // A message is whole: its last word is not a prefix to complete ("sofas" is no
            // "softshell"), as a search box's is while the shopper types.
            return try Searcher(index: index).search(SearchRequest(query: query, limit: limit ?? max(1, plan.pageLimit), offset: plan.offset,
                                                                   filter: filter, sort: sort, prefixMatching: false,
                                                                   partialMatches: partialMatches))
        } catch {
            throw .index(error, couldNot: "search the catalog")
        }
    }

    /// `hits` in `order` (`MeasureOrder.ordered`); as given when none gives the measure.
    static func ordered(_ hits: [SearchHit], by order: MeasureOrder) -> [SearchHit] {
        guard let ordered = order.ordered(hits.compactMap(\.product)) else { return hits }
        let positions = Dictionary(ordered.products.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        return hits.sorted { (positions[$0.productID] ?? Int.max) < (positions[$1.productID] ?? Int.max) }
    }

    /// What a list ordered by `order` says first: the first product and its measure ("The
    /// lightest: ... (weight 3 lb)."), or that the products do not give it.
    static func measureLead(_ order: MeasureOrder, first: StoredProduct?, total: Int) -> String {
        guard let first, let (attribute, _) = order.measured([first]), let value = first.attribute(attribute).flatMap(ChatWording.present) else {
            guard let attribute = order.attributes.first else {
                return "I can't tell which is \(order.word): the shop doesn't give that for these."
            }
            return "These don't give their \(attribute), so I can't tell which is \(order.word)."
        }
        // "SPF 70" says its name; "3 lb" needs it ("weight 3 lb").
        let measure = value.lowercased().contains(attribute) ? value : "\(attribute) \(value)"
        var lead = "The \(order.word): \(first.spokenName) (\(measure))."
        if total > measureWindow { lead += " (Among the best \(measureWindow) matches.)" }
        return lead
    }

    /// Matches read to order by a measure (`MeasureOrder`): every match at the default
    /// catalog's size; past it the reply says the order is among the best this many.
    static let measureWindow = 500

    /// The first `count` matches of a search, for an order or a filter the chat applies itself
    /// before paging (a measure, an age label).
    func firstMatches(_ count: Int, query: String, filter: SearchFilter, sort: SearchSort, partialMatches: Bool) throws(ChatFailure) -> SearchResponse {
        do {
            return try Searcher(index: index).search(SearchRequest(query: query, limit: count, offset: 0, filter: filter, sort: sort,
                                                                   prefixMatching: false, partialMatches: partialMatches))
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

    /// The head nouns of the names `response` found (`ProductKind`), as index terms.
    static func heads(of response: SearchResponse) -> Set<[UInt8]> {
        Set(response.hits.compactMap { $0.product.flatMap { ProductKind.head(ofName: $0.name) } })
    }

    /// Whether a product of `response` is headed by one of `words` (`ProductKind`).
    static func namesKind(_ response: SearchResponse, _ words: [String]) -> Bool {
        !heads(of: response).isDisjoint(with: words.compactMap(ProductKind.term))
    }

    /// Whether a name `response` found holds `word` (as an index term) anywhere.
    static func names(_ response: SearchResponse, _ word: String) -> Bool {
        guard let term = ProductKind.term(word) else { return false }
        return response.hits.contains { hit in
            hit.product.map { TextAnalyzer.analyze($0.name).contains { $0.term == term } } ?? false
        }
    }

    /// Excluded phrases as a reply says them: "flip flops" is also left out in its one-word
    /// spelling ("flipflops"), which is not said again.
    static func sayable(_ excludedPhrases: [String]) -> [String] {
        let spaced = Set(excludedPhrases.filter { $0.contains(" ") }.map { $0.replacingOccurrences(of: " ", with: "") })
        return excludedPhrases.filter { !spaced.contains($0) }
    }

    /// Whether a typo-tolerant search corrected the shopper's words into words that name the
    /// products found (in a listed name), not only words of their descriptions.
    static func correctionsName(_ response: SearchResponse) -> Bool {
        response.hits.contains { hit in
            guard let name = hit.product?.name else { return false }
            let nameTerms = Set(TextAnalyzer.analyze(name).map(\.term))
            let corrections = hit.matches.filter { $0.kind == .typo }
            return corrections.isEmpty || corrections.allSatisfy { correction in
                TextAnalyzer.analyze(correction.matchedWord).contains { nameTerms.contains($0.term) }
            }
        }
    }

    private static func relax(_ plan: ConversationState.Plan) -> (plan: ConversationState.Plan, dropped: String)? {
        var relaxed = plan
        relaxed.offset = 0
        if !plan.colors.isEmpty {
            relaxed.colors = []
            return (relaxed, "the colour")
        }
        if plan.inStockOnly == true {
            relaxed.inStockOnly = nil
            return (relaxed, "\"in stock\"")
        }
        if let need = plan.need, let widened = need.widened(keeping: plan.productWords) {
            relaxed.need = widened
            return (relaxed, "the departments I guessed")
        }
        if let brand = plan.brand, !plan.productWords.isEmpty || plan.category != nil {
            relaxed.brand = nil
            return (relaxed, ChatWording.present(brand).map { "the brand \($0)" } ?? "the brand")
        }
        if plan.minPrice != nil || plan.maxPrice != nil {
            relaxed.minPrice = nil
            relaxed.maxPrice = nil
            // The nearest by price: the cheapest above a range, the dearest below a floor.
            relaxed.sort = plan.maxPrice != nil ? .priceAscending : .priceDescending
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
        let category = plan.category.flatMap(ChatWording.present) ?? plan.need.flatMap { ChatWording.present($0.categories.joined(separator: " or ")) }
        if !colors.isEmpty { parts.append(colors.joined(separator: " or ").lowercased()) }
        if let brand = plan.brand.flatMap(ChatWording.present) { parts.append(brand) }
        if !words.isEmpty {
            let phrase = words.joined(separator: " ")
            if let need = plan.need, !need.isAgeOnly {
                // What someone likes is not a kind of product: "products for cooking", never "cookings".
                parts.append(count == 1 ? "product for \(phrase)" : "products for \(phrase)")
            } else if plan.wordsAnywhere {
                // No product is named by the words, only described: not "33 phones" for the
                // smart watches and cables whose descriptions mention phones.
                parts.append(count == 1 ? "product that mentions \(phrase)" : "products that mention \(phrase)")
            } else {
                parts.append(phrase)
            }
        } else if let category {
            parts.append(count == 1 ? "product in \(category)" : "products in \(category)")
        } else {
            parts.append(count == 1 ? "product" : "products")
        }
        if !words.isEmpty, let category { parts.append("in \(category)") }
        if plan.inStockOnly == true { parts.append("in stock") }
        if let need = plan.need, need.isAgeOnly, let ages = need.spokenAges { parts.append(ages) }
        switch (plan.minPrice, plan.maxPrice) {
        case let (low?, high?): parts.append("between \(money(low)) and \(money(high))")
        case let (nil, high?): parts.append("under \(money(high + (high.truncatingRemainder(dividingBy: 1) == 0.99 ? 0.01 : 0)))")
        case let (low?, nil): parts.append("over \(money(low))")
        case (nil, nil): break
        }
        var text = parts.joined(separator: " ")
        let excluded = (Self.sayable(plan.excludedPhrases) + plan.excludedBrands + plan.excludedCategories).compactMap(ChatWording.present)
        if !excluded.isEmpty { text += ", not \(excluded.joined(separator: " or "))" }
        switch plan.sort {
        case .priceAscending: text += ", cheapest first"
        case .priceDescending: text += ", most expensive first"
        case .ratingDescending: text += ", best rated first"
        case .relevance, nil: break
        }
        if let order = plan.measureOrder { text += ", \(order.word) first" }
        return text
    }

    static func money(_ value: Double) -> String {
        ChatMoney.format(value)
    }
}
