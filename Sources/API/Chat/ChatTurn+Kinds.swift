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
    /// products of that kind. Otherwise (no words, partial matches, a kind no name has, more
    /// than `kindScanLimit` matches) it is the plain search.
    func searchOfKind(_ plan: ConversationState.Plan, partialMatches: Bool, strict: Bool) throws(ChatFailure) -> SearchResponse {
        let plain = try search(plan, partialMatches: partialMatches, strict: strict)
        guard !plan.productWords.isEmpty, !partialMatches, !plain.isPartialMatch, plain.totalMatches <= Self.kindScanLimit else { return plain }
        var scan = plan
        scan.offset = 0
        let response = try search(scan, partialMatches: false, strict: strict, limit: Self.kindScanLimit)
        guard !response.isPartialMatch else { return plain }
        let heads = response.hits.map { $0.product.flatMap { ProductKind.head(ofName: $0.name) } }
        let kinds = plan.productWords.reversed().compactMap(ProductKind.term)
        guard let kind = kinds.first(where: { heads.contains($0) }) else { return plain }
        var page = response
        let ofKind = zip(response.hits, heads).filter { $0.1 == kind }.map(\.0)
        page.hits = Array(ofKind.dropFirst(plan.offset).prefix(max(1, plan.pageLimit)))
        page.totalMatches = ofKind.count
        return page
    }

    /// The product words a result matched, for the reply: a word no shown product matched
    /// ("sell" in "do you sell running shoes", when partial) is not said to have been found.
    /// All of them when none matched (the search then found products by other means).
    static func matched(_ words: [String], by response: SearchResponse) -> [String] {
        let found = Set(response.hits.flatMap { $0.matches.map { $0.queryWord.lowercased() } })
        let kept = words.filter { word in TextAnalyzer.analyze(word).contains { found.contains($0.surfaceText) } }
        return kept.isEmpty ? words : kept
    }

    /// The words as a reply names that many products: "9 laptops" for "the cheapest laptop".
    /// Only the last word, the head of the noun phrase, takes the plural, by the regular
    /// English rules; a word already ending in "s" or holding other than letters stays.
    static func spoken(_ words: [String], count: Int) -> [String] {
        guard count != 1, let last = words.last, last.count > 2, !last.hasSuffix("s"), last.allSatisfy(\.isLetter) else { return words }
        let plural: String
        if ["x", "z", "ch", "sh"].contains(where: last.hasSuffix) {
            plural = last + "es"
        } else if last.hasSuffix("y"), let before = last.dropLast().last, !"aeiou".contains(before) {
            plural = last.dropLast() + "ies"
        } else {
            plural = last + "s"
        }
        return words.dropLast() + [plural]
    }
}
