import Analysis
import Foundation
import IndexFormat

/// Which categories a shopper's words point at, learned from the catalog at index time
/// (TERMCATS): query categorisation as shop search does it, with no list of products or
/// categories anywhere in code.
///
/// Each informative word contributes its smoothed `P(c | w)` (`TermCategoriesFormat`), and
/// the words are combined as independent evidence (naive Bayes):
/// `P(c | w1..wn) ∝ P(c) · Π_i P(c | w_i) / P(c)`, normalised over every category. A category
/// outside a word's stored few gets the smoothing floor `μ P(c) / (n(w) + μ)`, the estimate
/// for a category the word was never seen in (a lower bound for one it was seen in rarely).
/// Words the catalog lacks, or has in fewer than the minimum support, say nothing and leave
/// the prior as it was.
public struct CategoryDistribution: Sendable, Equatable {
    public struct Share: Sendable, Equatable {
        /// The category's display name, as FACETS holds it.
        public var category: String
        /// `P(category | words)`, from 0 to 1; the shares of a distribution sum to 1.
        public var probability: Double
        /// `P(category)`: its share of the products that have a category.
        public var prior: Double
    }

    /// Every category, likeliest first (equal ones by name); empty when the catalog has none.
    public var shares: [Share]
    /// The analysed words that carried evidence, in the order given.
    public var informativeWords: [String]
    /// Products with a category containing each informative word, summed over the words.
    public var support: Int

    /// Whether any word carried evidence: if not, `shares` is the catalog's prior.
    public var isInformative: Bool { !informativeWords.isEmpty }

    /// The categories the words are concentrated in: the best, and any close behind it
    /// (`closeToBest` of its probability), at most `limit`, each at least `minimumProbability`
    /// likely and with a gain over its prior of at least `minimumGain`, the gain being the part
    /// of the way from the prior to certainty the words moved it: `(P(c|w) - P(c)) / (1 - P(c))`.
    /// A word spread evenly over the catalog gains nothing and points nowhere; the gain, unlike
    /// a ratio to the prior, means the same in a catalog of 2 categories or of 2,000. Empty when
    /// no word informs.
    public func likelyCategories(minimumProbability: Double = 0.2, minimumGain: Double = 0.25,
                                 closeToBest: Double = 0.5, limit: Int = 3) -> [String] {
        guard isInformative, let best = shares.first else { return [] }
        return shares.prefix(limit).filter { share in
            let gain = share.prior < 1 ? (share.probability - share.prior) / (1 - share.prior) : 0
            return share.probability >= minimumProbability && gain >= minimumGain && share.probability >= closeToBest * best.probability
        }.map(\.category)
    }
}

extension SearchIndex {
    /// The categories `words` point at, each word analysed as a query word is (so "gardening"
    /// reads the term "garden"; a word the analysis splits contributes each part). Throws when
    /// TERMS or TERMCATS cannot be read.
    public func categoryDistribution(for words: [String]) throws(IndexFormatError) -> CategoryDistribution {
        let values = categories.allValues()
        let total = Double(values.reduce(0) { $0 + $1.productCount })
        guard total > 0 else { return CategoryDistribution(shares: [], informativeWords: [], support: 0) }
        let priors = values.map { Double($0.productCount) / total }
        // Log scores start at the prior; each informative word adds log P(c|w) - log P(c).
        var scores = priors.map { $0 > 0 ? log($0) : -Double.infinity }
        var informative: [String] = []
        var seenTerms: Set<[UInt8]> = []
        var support = 0
        for word in words {
            for parsed in QueryWords.parse(word) where seenTerms.insert(parsed.term).inserted {
                guard let info = try terms.lookup(parsed.term),
                      let found = try termCategories.categories(ofTerm: info.ordinal), !found.entries.isEmpty else { continue }
                let termSupport = found.support
                informative.append(parsed.surfaceText)
                support += termSupport
                let floor = termCategories.smoothingPseudoCount / (Double(termSupport) + termCategories.smoothingPseudoCount)
                var stored = [Double?](repeating: nil, count: values.count)
                for entry in found.entries where Int(entry.category) < values.count { stored[Int(entry.category)] = entry.share }
                for category in values.indices where priors[category] > 0 {
                    // A stored share of 0 (rounded) stands for the smallest one the format holds.
                    let share = max(stored[category] ?? floor * priors[category], 1 / TermCategoriesFormat.shareScale)
                    scores[category] += log(share) - log(priors[category])
                }
            }
        }
        let best = scores.max() ?? 0
        let weights = scores.map { $0.isFinite ? exp($0 - best) : 0 }
        let sum = weights.reduce(0, +)
        var shares = values.indices.map { category in
            CategoryDistribution.Share(category: values[category].name, probability: sum > 0 ? weights[category] / sum : 0,
                                       prior: priors[category])
        }
        shares.sort { ($0.probability, $1.category) > ($1.probability, $0.category) }
        return CategoryDistribution(shares: shares, informativeWords: informative, support: support)
    }
}
