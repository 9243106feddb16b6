import Foundation
import Query
import Search

/// Answers needs, gifts and occasions (`ShopperNeed`): the words of what the recipient likes
/// are put in the catalog's own forms, the index says which categories they are concentrated
/// in (`SearchIndex.categoryDistribution(for:)`, learned at index time), and the search runs
/// there with the message's budget and order; an age keeps only products whose own age label
/// suits it. Nothing here names a product or a category.
extension ChatTurn {
    /// Products ranked before the age filter, whose labels are read from their stored fields
    /// (about 0.1 ms a product at 100,000 products, Benchmarks/results/chat-speed.md): every
    /// product of the categories at the default catalog's size; at larger sizes the best this
    /// many, and the reply says so, since its count is of those.
    static let ageWindow = 200

    mutating func answerNeed(_ understanding: MessageUnderstanding) throws(ChatFailure) -> ChatAnswer {
        var need = understanding.need ?? ShopperNeed()
        let liked = understanding.productWords.map(catalogForm)
        if let ages = need.ages, liked.isEmpty, understanding.category == nil, !need.isGift, var shown = state.plan, shown.need == nil,
           understanding.narrowsShown || understanding.refersToList {
            // "which are OK for an 8 year old?" after LEGO sets: those of them that suit the age.
            shown.need = ShopperNeed(minimumAge: ages.lowerBound, maximumAge: ages.upperBound)
            shown.offset = 0
            return try run(shown, intent: .refine, asked: shown, wasRefinement: true)
        }
        if !need.isGift, need.ages == nil, let gender = need.gender, !liked.isEmpty {
            // "hiking boots for women", "running shoes for my wife": products named so, of the
            // catalog's gender word ("Women's"), when there are such; not ideas around them.
            var gendered = FollowUpRules.plan(after: nil, understanding, kind: .freshSearch)
            gendered.productWords = liked + [gender == .women ? "women's" : "men's"]
            if try search(gendered, partialMatches: false, strict: true).totalMatches > 0 {
                return try run(gendered, intent: .search, asked: gendered, wasRefinement: false)
            }
        }
        // A need starts a search of its own: nothing of the last one carries over.
        var plan = FollowUpRules.plan(after: nil, understanding, kind: .freshSearch)
        plan.productWords = liked
        try applyRelativePrice(understanding, to: &plan)
        if !need.isGift, need.ages == nil, liked.count > 1, understanding.category == nil, !understanding.namesNoThing, let thing = liked.last,
           let said = understanding.productWords.last {
            // "I need new tires for my car": the thing wanted is the head, said last once the
            // clause ("for my car") is put before it; when no product is named so, the shop
            // does not sell it, whatever the rest finds (toy cars).
            var wanted = ConversationState.Plan()
            wanted.productWords = [thing]
            if try search(wanted, partialMatches: false, strict: true).totalMatches == 0 {
                return reply("Sorry, I don't have \(ChatWording.quoted(said)) in the shop. Is there something else I can find for you?",
                             intent: .search, suggestions: starterSuggestions())
            }
        }
        if understanding.category == nil {
            let (categories, evidence) = try likelyCategories(liked: liked, need: need)
            need.categories = categories
            // "a gift for my wife": the catalog's word for the gender is what to look for there.
            if liked.isEmpty, let gender = need.gender, evidence == [gender.rawValue] { plan.productWords = evidence }
        }
        plan.need = need
        if plan.isEmpty {
            return reply("Tell me a little about them: what they like (\"someone who likes gardening\"), their age or a budget, and I'll find ideas.",
                         intent: .search, suggestions: starterSuggestions())
        }
        var answer = try run(plan, intent: .search, asked: plan, wasRefinement: false)
        if !answer.products.isEmpty {
            var lead = Self.needLead(need)
            if need.ages != nil, try matchCount(of: state.plan ?? plan) > Self.ageWindow {
                lead += " (Among the best \(Self.ageWindow) matches, those that suit the age.)"
            }
            answer.text = lead + " " + answer.text
        }
        return answer
    }

    /// `word` as the catalog writes it: itself when some product has it, else a related form
    /// that one has ("runner" -> "run", as "running" is indexed; "hiker" -> "hike").
    func catalogForm(_ word: String) -> String {
        guard index.documentFrequency(of: word) == 0 else { return word }
        return NeedWords.relatedForms(of: word).first { index.documentFrequency(of: $0) > 0 } ?? word
    }

    /// Where the need points: the categories of what they like; without that, of the words
    /// the recipient and the occasion give ("baby", a child's age as products label it, the
    /// catalog's word for their gender, "gift").
    /// Returns the categories and the words that chose them.
    func likelyCategories(liked: [String], need: ShopperNeed) throws(ChatFailure) -> (categories: [String], evidence: [String]) {
        var evidence: [[String]] = []
        if !liked.isEmpty { evidence.append(liked) }
        if need.ages != nil { evidence.append(need.recipientWords + ["ages"]) }
        if let gender = need.gender, (need.maximumAge ?? ShopperNeed.maximumAge) > 12 { evidence.append([gender.rawValue]) }
        if need.isGift { evidence.append(["gift"]) }
        do {
            for words in evidence {
                let categories = try index.categoryDistribution(for: words).likelyCategories()
                if !categories.isEmpty { return (categories, words) }
                // What they like is not in the catalog: no other evidence replaces it.
                if words == liked { return ([], []) }
            }
        } catch {
            throw .index(error, couldNot: "read the catalog's categories")
        }
        return ([], [])
    }

    /// "Gift ideas for a 10-year-old:" before the results.
    static func needLead(_ need: ShopperNeed) -> String {
        var lead = need.isGift ? "Gift ideas" : "Ideas"
        if let ages = need.spokenAges { lead += " " + ages }
        return lead + "."
    }

    /// How many products `plan`'s words and filters match, before any age filter.
    func matchCount(of plan: ConversationState.Plan) throws(ChatFailure) -> Int {
        var filter = SearchFilter(categories: plan.category.map { [$0] } ?? plan.need?.categories ?? [])
        filter.brands = plan.brand.map { [$0] } ?? []
        filter.minPrice = plan.minPrice
        filter.maxPrice = plan.maxPrice
        do {
            return try Searcher(index: index).search(SearchRequest(query: (plan.colors + plan.productWords).joined(separator: " "), limit: 1,
                                                                   filter: filter, prefixMatching: false, includeProducts: false)).totalMatches
        } catch {
            throw .index(error, couldNot: "search the catalog")
        }
    }

    /// The search of a need with an age: products whose age label suits it; those labelled for
    /// other ages are left out, and those without a label (a cookbook among board books) come
    /// after the suited ones only when these do not fill a page. Paged like any search.
    func searchSuited(to ages: ClosedRange<Int>, query: String, filter: SearchFilter, sort: SearchSort, offset: Int,
                      partialMatches: Bool) throws(ChatFailure) -> SearchResponse {
        var response = try firstMatches(Self.ageWindow, query: query, filter: filter, sort: sort, partialMatches: partialMatches)
        var suited: [SearchHit] = []
        var unlabelled: [SearchHit] = []
        for hit in response.hits {
            guard let product = hit.product else { continue }
            if let range = ProductAgeRange.range(of: product) {
                if range.overlaps(ages) { suited.append(hit) }
            } else {
                unlabelled.append(hit)
            }
        }
        if sort == .relevance || sort == .ratingDescending {
            // Labels made for about this age first ("Ages 12+" before "Ages 3+" for a
            // 16-year-old), in spans of 4 years; the search's order within a span.
            let distance = { (hit: SearchHit) -> Int in
                hit.product.flatMap(ProductAgeRange.range(of:)).map { max(0, ages.lowerBound - $0.lowerBound) / 4 } ?? 0
            }
            suited = suited.enumerated().sorted { (distance($0.element), $0.offset) < (distance($1.element), $1.offset) }.map(\.element)
        }
        // A child's products are those labelled for the age: a novel without a label is no
        // baby's, so unlabelled ones fill in only for older ages, or when none is labelled.
        let isChild = ages.upperBound <= 12
        let kept = suited.isEmpty ? unlabelled : suited.count >= ChatAssistant.pageSize || isChild ? suited : suited + unlabelled
        response.totalMatches = kept.count
        response.hits = Array(kept.dropFirst(max(0, offset)).prefix(ChatAssistant.pageSize))
        return response
    }
}
