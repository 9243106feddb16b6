/// The order of a search's results under its sort (README, "How search ranks"): the values a
/// ranked document carries, and the sort-value pre-filter of price and rating sorts.
struct SortOrder {
    let sort: SearchSort
    let columns: ProductColumns
    /// True under a price or rating sort with score bounds on: a match worse on the sorted
    /// value than the worst kept result (and with at least its typos) is out, scored or not,
    /// so it is dropped before scoring. Off, the exhaustive search the tests compare with
    /// scores every match.
    let dropsByValue: Bool

    init(sort: SearchSort, columns: ProductColumns, usesScoreBounds: Bool) {
        self.sort = sort
        self.columns = columns
        dropsByValue = usesScoreBounds && sort != .relevance
    }

    /// The sort's (primary, secondary) values, higher is better. Products without the sorted
    /// value (no price, no rating) go last.
    @inline(__always)
    func values(_ document: UInt32, score: Float) -> (primary: Double, secondary: Double) {
        switch sort {
        case .relevance:
            return (Double(score), 0)
        case .priceAscending:
            guard let cents = columns.priceCents(document) else { return (-.infinity, Double(score)) }
            return (-Double(cents), Double(score))
        case .priceDescending:
            guard let cents = columns.priceCents(document) else { return (-.infinity, Double(score)) }
            return (Double(cents), Double(score))
        case .ratingDescending:
            guard let tenths = columns.ratingTenths(document) else { return (-1, Double(score)) }
            return (Double(tenths), Double(score))
        }
    }

    /// `document` as a result of this order: a match of `words` words with `typos` typos,
    /// `score` and the explanation bits `mask`, carrying its sort values.
    @inline(__always)
    func ranked(_ document: UInt32, words: Int, typos: Int, score: Float, mask: UInt64, missingWeight: Float = 0) -> RankedDocument {
        let values = values(document, score: score)
        return RankedDocument(document: document, missingWeight: missingWeight, matchedWords: words, typos: typos, primary: values.primary,
                              secondary: values.secondary, score: score, candidateMask: mask)
    }

    /// True when the sort drops by value and `document`'s value is worse than `worst`'s: then
    /// its score, only a tie-breaker, cannot lift it in. The caller has made sure it has at
    /// least `worst`'s typos (fewer would rank it above whatever its value).
    @inline(__always)
    func valueCannotEnter(_ document: UInt32, worst: RankedDocument) -> Bool {
        guard dropsByValue else { return false }
        // Under these sorts the primary value does not depend on the score.
        return values(document, score: 0).primary < worst.primary
    }
}
