import Analysis
import Foundation
import Query
import Search

/// Results and counts of the kind of product asked for: "show me monitors" lists and counts
/// monitors, not the smart watches "with heart rate monitor" or products whose description
/// mentions one (issue 14: "28 monitors" when 5 exist).
extension ChatTurn {
    /// The most matches read to find those of the kind. Reading a match's stored product
    /// costs some microseconds, so a search with more matches than this (a large catalog's
    /// "shoes") is answered as a plain search: its page and count are of every match.
    static let kindScanLimit = 300

    /// One page of `plan`'s results. When the product words name a kind that heads matching
    /// names (`ProductKind`), the last such word decides: the page and `totalMatches` are of
    /// products of that kind (`ProductKind.isOfKind`: "Sunscreen Lotion" is a sunscreen, "Coffee
    /// Maker" no coffee). Otherwise (no words, partial matches, a kind no name has, more
    /// than `kindScanLimit` matches) it is the plain search.
    func searchOfKind(_ plan: ConversationState.Plan, partialMatches: Bool, strict: Bool) throws(ChatFailure) -> SearchResponse {
        let plain = try search(plan, partialMatches: partialMatches, strict: strict)
        guard !plan.productWords.isEmpty, !partialMatches, !plain.isPartialMatch, plain.totalMatches <= Self.kindScanLimit else { return plain }
        var scan = plan
        scan.offset = 0
        let response = try search(scan, partialMatches: false, strict: strict, limit: Self.kindScanLimit)
        guard !response.isPartialMatch else { return plain }
        let heads = response.hits.map { $0.product.flatMap { ProductKind.head(ofName: $0.name) } }
        // "chocolat bars": the words as the search corrected them name the kind and its modifiers.
        let productWords = Self.corrected(plan.productWords, by: response)
        let kinds = productWords.reversed().compactMap { word in ProductKind.term(word).map { (word: word, term: $0) } }
        guard let (kindWord, kind) = kinds.first(where: { heads.contains($0.term) }) else { return plain }
        var page = response
        // The phrases the operator's synonyms make the words up to the kind stand for.
        let upToKind = productWords.prefix { $0 != kindWord } + [kindWord]
        let alternatives = index.synonyms.alternatives(ofPhraseEndingWith: upToKind.compactMap(ProductKind.term))
        let kindCategories = Set(zip(response.hits, heads).compactMap { $0.1 == kind ? $0.0.product?.category : nil })
        // "chocolate bars": a word before the kind that is itself a kind of the catalog (some
        // name is headed "Chocolate") must name these too, itself or as the synonyms have it
        // ("Cocoa Bar"), not only describe them after a comma ("Granola Bars, Dark Chocolate
        // Almond" are no chocolate bars). A word that heads no name ("queen") may be anywhere.
        var namingModifiers: [[[UInt8]]] = []
        for word in upToKind.dropLast() {
            guard let term = ProductKind.term(word), term != kind, try headsSomeName(word, term: term) else { continue }
            namingModifiers.append([term] + index.synonyms.alternatives(ofPhraseEndingWith: [term]).filter { $0.count == 1 }.map { $0[0] })
        }
        let ofKind = response.hits.filter { hit in
            guard let product = hit.product else { return false }
            if !namingModifiers.isEmpty {
                // A name the synonyms give the whole phrase ("Sheet Set" for bed sheets) needs no more.
                let naming = Set(ProductKind.namingTerms(ofName: product.name))
                let bySynonym = alternatives.contains { !$0.isEmpty && $0.allSatisfy(naming.contains) }
                guard bySynonym || namingModifiers.allSatisfy({ forms in forms.contains(where: naming.contains) }) else { return false }
            }
            return ProductKind.isOfKind(kind, alternatives: alternatives, typed: kindWord, name: product.name, category: product.category, kindCategories: kindCategories)
        }
        let ordered = plan.measureOrder.map { Self.ordered(ofKind, by: $0) } ?? ofKind
        page.hits = Array(ordered.dropFirst(plan.offset).prefix(max(1, plan.pageLimit)))
        page.totalMatches = ofKind.count
        return page
    }

    /// Whether some product of the catalog is headed by `word` (its index term `term`), among
    /// the first matches of the word as a name.
    func headsSomeName(_ word: String, term: [UInt8]) throws(ChatFailure) -> Bool {
        var named = ConversationState.Plan()
        named.productWords = [word]
        let response = try search(named, partialMatches: false, strict: true, limit: Self.kindScanLimit)
        return response.hits.contains { $0.product.flatMap { ProductKind.head(ofName: $0.name) } == term }
    }

    /// The product words a result matched, for the reply: a word no shown product matched
    /// ("sell" in "do you sell running shoes", when partial) is not said to have been found.
    /// All of them when none matched (the search then found products by other means).
    static func matched(_ words: [String], by response: SearchResponse) -> [String] {
        let found = Set(response.hits.flatMap { $0.matches.map { $0.queryWord.lowercased() } })
        let kept = words.filter { word in TextAnalyzer.analyze(word).contains { found.contains($0.surfaceText) } }
        return kept.isEmpty ? words : kept
    }

    /// The words as a reply names that many products: "9 laptops" for "the cheapest laptop",
    /// "3 women's hoodies" for "hoodies" refined by "only women's", "4 curly hair shampoos".
    /// The head of the phrase is the last word naming what the listed products are (`kinds`,
    /// their names' heads, `ProductKind`), or else a first word typed as a plural ("novels",
    /// refined by "paperback only"); the words after it describe them and go before it, in
    /// the singular ("paperback novels", not "novels paperbacks"). Only the head takes the
    /// plural, by the regular English rules or the irregular nouns' table ("chef's knives");
    /// a word already ending in "s" or holding other than letters stays. Without a head the
    /// words keep their order and the last one takes the plural.
    static func spoken(_ words: [String], count: Int, kinds: Set<[UInt8]> = []) -> [String] {
        var head = words.lastIndex { word in ProductKind.term(word).map(kinds.contains) ?? false }
        if head == nil, words.count > 1, isTypedPlural(words[0]) { head = 0 }
        guard let head, head < words.count - 1 else { return pluralizingLast(words, count: count) }
        let describing = words[(head + 1)...].map(singularModifier)
        return describing + pluralizingLast(Array(words[...head]), count: count)
    }

    private static func pluralizingLast(_ words: [String], count: Int) -> [String] {
        guard count != 1, let last = words.last, last.count > 2, !last.hasSuffix("s"), last.allSatisfy(\.isLetter),
              !IrregularNouns.isPlural(last.lowercased()) else { return words }
        let plural: String
        if let irregular = IrregularNouns.plural(of: last.lowercased()) {
            plural = last == last.lowercased() ? irregular : last
        } else if ["x", "z", "ch", "sh"].contains(where: last.hasSuffix) {
            plural = last + "es"
        } else if last.hasSuffix("y"), let before = last.dropLast().last, !"aeiou".contains(before) {
            plural = last.dropLast() + "ies"
        } else {
            plural = last + "s"
        }
        return words.dropLast() + [plural]
    }

    /// Whether the shopper typed `word` as a plural: it ends in "s" (not "ss" or "'s") and
    /// means the same without it ("novels", "puppies"; not "glass", "dress", "men's").
    private static func isTypedPlural(_ word: String) -> Bool {
        singular(of: word) != nil
    }

    /// `word` in the singular when typed as a plural ("paperbacks" -> "paperback", "puppies"
    /// -> "puppy"); as it is otherwise.
    private static func singularModifier(_ word: String) -> String {
        singular(of: word) ?? word
    }

    private static func singular(of word: String) -> String? {
        guard word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("'s"), word.allSatisfy(\.isLetter),
              let term = ProductKind.term(word) else { return nil }
        for candidate in [word.hasSuffix("ies") ? String(word.dropLast(3)) + "y" : nil, String(word.dropLast())].compactMap({ $0 })
        where ProductKind.term(candidate) == term {
            return candidate
        }
        return nil
    }
}
