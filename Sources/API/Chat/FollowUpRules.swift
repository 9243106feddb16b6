import Foundation

/// What a message keeps of the search before it, decided as a shop assistant would (issue 14:
/// "in red" after sneakers once showed a red dress; "only women's" after shoes spread to
/// every category). Three kinds of follow-up, and what each keeps:
///
/// | the message | kind | keeps | drops |
/// | --- | --- | --- | --- |
/// | constraints only: "in red", "under $60", "only Nike", "not black", "cheapest first" | refinement | everything | only what it replaces |
/// | words that narrow the subject: "only women's", "with a hood", "waterproof ones" | refinement | everything; the words are added | nothing |
/// | another product type as a follow-up: "what about sandals?", "and boots", "hiking boots" (words no product has with the subject's) | new subject | price bounds, sort order | words, category, brand, colours, exclusions |
/// | a request of its own: "show me laptops", "I need a tent" | fresh search | nothing | everything |
/// | a category alone, another than the subject's: "only books" | fresh search | nothing | everything |
/// | a category alone after a brand alone: "Nike stuff", "only clothing" | refinement | the brand | the old category |
///
/// Words narrow the subject when products have both the old and the new words outside
/// their descriptions (in the subject's category): "women's" with "shoes" does, "sandals"
/// with "sneakers" does not; "what about X?" asks for another type unless it says "ones". A budget is the shopper's, so it stays across product types
/// (unless the message says a new one, which replaces both bounds);
/// a colour, a brand or an exclusion was said of one product type, so it goes with it.
///
/// Within a refinement, a constraint of a kind already set replaces it: a new colour the
/// colour, a new brand the brand, a new upper bound the upper bound (a lower bound above it
/// goes). Exclusions add up ("not black", then "no hood": neither); naming what was excluded
/// takes it back ("not black", then "in black": black ones), and excluding what was chosen
/// drops the choice.
enum FollowUpRules {
    enum Kind: Equatable {
        case refinement, newSubject, freshSearch
    }

    /// The kind of follow-up `understanding` is to `previous` (nil: no search before).
    /// `narrowsSubject` says whether products have the previous and the new words together.
    static func kind(of understanding: MessageUnderstanding, after previous: ConversationState.Plan?,
                     narrowsSubject: Bool) -> Kind {
        guard let previous, !previous.isEmpty else { return .freshSearch }
        if understanding.productWords.isEmpty {
            // "only books" after headphones: a department of its own, where nothing of the
            // old search (words, brand, colours, prices) belongs.
            // After a brand alone ("Nike stuff", "only clothing") the department narrows the
            // brand: the brand was the subject.
            if let category = understanding.category, previous.category != category,
               !(previous.productWords.isEmpty && previous.brand != nil && previous.need == nil) {
                return .freshSearch
            }
            return .refinement
        }
        // "what about backpacks?" after tents asks for backpacks, though backpacking tents
        // have both words; "what about waterproof ones?" narrows.
        let asksOtherType = understanding.asksAlternative && !understanding.narrowsShown
        if narrowsSubject, !asksOtherType, !understanding.namesNewRequest || understanding.narrowsShown { return .refinement }
        if understanding.namesNewRequest, !understanding.asksAlternative { return .freshSearch }
        return .newSubject
    }

    /// The plan `understanding` asks for after `previous`, as `kind` says; the relative price
    /// ("cheaper ones") is applied afterwards, against what was listed.
    static func plan(after previous: ConversationState.Plan?, _ understanding: MessageUnderstanding, kind: Kind) -> ConversationState.Plan {
        var plan: ConversationState.Plan
        switch kind {
        case .freshSearch:
            plan = ConversationState.Plan()
            plan.productWords = understanding.productWords
        case .newSubject:
            plan = ConversationState.Plan()
            plan.productWords = understanding.productWords
            // A budget said again with the new product is the whole budget: "yoga mats over
            // 50", then "running shoes for less than 70" is no $50-$70 range.
            if understanding.minPrice == nil, understanding.maxPrice == nil {
                plan.minPrice = previous?.minPrice
                plan.maxPrice = previous?.maxPrice
            }
            plan.sort = previous?.sort
        case .refinement:
            plan = previous ?? ConversationState.Plan()
            for word in understanding.productWords where !plan.productWords.contains(word) { plan.productWords.append(word) }
        }
        plan.offset = 0
        plan.pageLimit = understanding.wantsOne ? 1 : ChatAssistant.pageSize
        // The words decide again whether they are named or only described.
        plan.wordsAnywhere = false
        plan.kindNamedOnly = nil
        apply(understanding, to: &plan)
        return plan
    }

    /// Folds the message's own constraints into `plan`, each replacing the one of its kind.
    private static func apply(_ understanding: MessageUnderstanding, to plan: inout ConversationState.Plan) {
        if let category = understanding.category { plan.category = category }
        if let brand = understanding.brand {
            plan.brand = brand
            plan.excludedBrands.removeAll { $0 == brand }
        }
        if !understanding.colors.isEmpty {
            plan.colors = understanding.colors
            plan.excludedPhrases.removeAll { excluded in understanding.colors.contains { $0.lowercased() == excluded.lowercased() } }
        }
        switch (understanding.minPrice, understanding.maxPrice) {
        case let (low?, high?):
            plan.minPrice = low
            plan.maxPrice = high
        case let (low?, nil):
            plan.minPrice = low
            if let high = plan.maxPrice, high < low { plan.maxPrice = nil }
        case let (nil, high?):
            plan.maxPrice = high
            if let low = plan.minPrice, low > high { plan.minPrice = nil }
        case (nil, nil):
            break
        }
        if let sort = understanding.sort {
            plan.sort = sort
            plan.measureOrder = nil
        }
        if let order = understanding.measureOrder {
            plan.measureOrder = order
            plan.sort = nil
        }
        if understanding.inStockOnly { plan.inStockOnly = true }
        for brand in understanding.excludedBrands where !plan.excludedBrands.contains(brand) {
            plan.excludedBrands.append(brand)
            if plan.brand == brand { plan.brand = nil }
        }
        for category in understanding.excludedCategories where !plan.excludedCategories.contains(category) {
            plan.excludedCategories.append(category)
            if plan.category == category { plan.category = nil }
        }
        for phrase in understanding.excludedPhrases where !plan.excludedPhrases.contains(phrase) {
            plan.excludedPhrases.append(phrase)
            plan.colors.removeAll { $0.lowercased() == phrase.lowercased() }
            plan.productWords.removeAll { $0.lowercased() == phrase.lowercased() }
        }
    }
}

/// The follow-up forms of a message's grammar, for `FollowUpRules.kind`.
extension MessageParser {
    /// Verbs of a request of its own: "show me laptops", "I need a tent", "do you sell mugs".
    static let requestVerbs: Set<String> = [
        "show", "find", "search", "look", "looking", "want", "wanted", "need", "get", "give", "recommend", "suggest",
        "browse", "have", "sell", "carry", "like", "searching", "finding",
    ]

    /// Words that narrow what is shown: "only women's", "waterproof ones", "with a hood".
    static let narrowingWords: Set<String> = ["only", "just", "ones", "them", "those", "these", "with", "among", "which", "that"]

    static func readFollowUpForm(_ tokens: [String], into understanding: inout MessageUnderstanding) {
        let words = TokenPhrases(tokens)
        understanding.namesNewRequest = tokens.contains { requestVerbs.contains($0) }
        understanding.narrowsShown = tokens.contains { narrowingWords.contains($0) }
        understanding.asksAlternative = ["and", "or"].contains(tokens.first ?? "")
            || ["what about", "how about", "instead", "what of", "rather"].contains { words.has($0) }
    }
}
