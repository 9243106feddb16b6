/// The partial-match tier of a query of two or three matchable words, by conjunctions
/// instead of `WordDisjunction`'s walk of the words' union: the same results, in the order
/// `WordDisjunction` gives them (least weight of the words missing, then typos, then the sort
/// value), at the cost of conjunctions, each driven by its rarest word.
///
/// The tier runs after the conjunction of every word found fewer products than a page, all of
/// them kept and excluded here; every required word is matchable (else a product may hold all
/// the matchable ones, which no conjunction here ranks). So a partial match misses one word
/// or, of three, two:
/// 1. Missing one word: the conjunction of the others, one for each word left out, lightest
///    left out first. No product is in two of them (it would have every word), so their
///    counts add up; when matches need not all be counted, one missing more than the worst
///    result of a full page is not walked.
/// 2. Holding one word of three: its conjunction alone, heaviest word first, but only while
///    the two others weigh no more than the worst result kept when the page is full (a match
///    missing more cannot enter). Such a conjunction also meets products of step 1 that were
///    not kept; scored as holding the one word and missing the two others, they rank below
///    their own step-1 result, which ranked below the page: they cannot enter either. It
///    counts them, though, so the total is then the largest count of one step, a lower bound
///    (the tier runs step 2 only when matches need not all be counted).
///
/// Scores are the disjunction's floats: a conjunction sums its words in its own order, and a
/// sum of two floats does not depend on the order; a missing weight is summed in word order,
/// as `WordDisjunction.match` sums it.
enum PartialMatchesOfFewWords {
    /// `words`: the two or three matchable required words, in query order; `weights`: theirs
    /// (`Searcher.wordWeight`). Returns the best `capacity` partial matches, best first, and
    /// how many matched (exact with two words and every match counted, else a lower bound).
    static func search(_ execution: inout TierExecution, byWord: [[TermCandidate]], words: [Int], weights: [Float],
                       optional: [Int], excluded: Set<UInt32>, capacity: Int, countsEveryMatch: Bool) -> (ranked: [RankedDocument], total: Int) {
        precondition(words.count == 2 || words.count == 3, "two or three words")
        // Least missing first: once the page is full, a conjunction missing more than its
        // worst result cannot enter, and is not walked unless every match must be counted.
        let leftOut = words.indices.sorted { (weights[$0], $0) < (weights[$1], $1) }
        var kept: [RankedDocument] = []
        var total = 0
        for left in leftOut {
            let others = words.indices.filter { $0 != left }
            let weight = missingWeight(weights, held: others)
            if !countsEveryMatch, cannotEnter(weight, kept: kept, capacity: capacity) { continue }
            let step = execution.conjunction(byWord, required: others.map { words[$0] }, optional: optional, excluded: excluded,
                                             capacity: room(for: weight, kept: kept, capacity: capacity))
            total += step.total
            kept = best(kept + step.ranked.map { missing($0, weight: weight) }, capacity: capacity)
        }
        guard words.count == 3 else { return (kept, total) }

        let seen = excluded.union(kept.map(\.document))
        var largestCount = total
        for only in leftOut.reversed() {
            let weight = missingWeight(weights, held: [only])
            if cannotEnter(weight, kept: kept, capacity: capacity) { continue }
            let step = execution.conjunction(byWord, required: [words[only]], optional: optional, excluded: seen,
                                             capacity: room(for: weight, kept: kept, capacity: capacity))
            largestCount = max(largestCount, step.total)
            kept = best(kept + step.ranked.map { missing($0, weight: weight) }, capacity: capacity)
        }
        return (kept, max(largestCount, kept.count))
    }

    /// How many results a conjunction missing `weight` may add: what is left of the page when
    /// every result kept misses less (its matches rank below them all, and a walk for fewer
    /// raises its bar sooner), else the page.
    private static func room(for weight: Float, kept: [RankedDocument], capacity: Int) -> Int {
        guard let worst = kept.last, worst.missingWeight < weight else { return capacity }
        return max(0, capacity - kept.count)
    }

    /// True when the page is full and a match missing `weight` ranks below its worst result.
    private static func cannotEnter(_ weight: Float, kept: [RankedDocument], capacity: Int) -> Bool {
        guard kept.count >= capacity, let worst = kept.last else { return false }
        return weight > worst.missingWeight
    }

    /// The weight of the words not in `held` (positions in `weights`), summed in word order
    /// from 0, as `WordDisjunction.match` sums it.
    static func missingWeight(_ weights: [Float], held: [Int]) -> Float {
        var missing: Float = 0
        for position in weights.indices where !held.contains(position) { missing += weights[position] }
        return missing
    }

    private static func missing(_ document: RankedDocument, weight: Float) -> RankedDocument {
        var document = document
        document.missingWeight = weight
        return document
    }

    private static func best(_ documents: [RankedDocument], capacity: Int) -> [RankedDocument] {
        Array(documents.sorted { $0.ranksAbove($1) }.prefix(capacity))
    }
}
