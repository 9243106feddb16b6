/// What a walk hands its matches to, and what it asks whether a match can still make the top
/// k (Tantivy's `SegmentCollector`, Lucene's `LeafCollector` with its minimum competitive
/// score). As in Lucene, the collector pulls the score from the scorer, and only when it
/// wants it: a match it can tell is out by its sort value is never scored.
protocol MatchCollector {
    associatedtype Matches: MatchScorer
    /// The worst result kept once the collector is full: what a match must beat to enter.
    /// Nil until then (everything enters).
    var threshold: RankedDocument? { get }
    /// `matches` is on `document`, which passed the filter and was counted.
    mutating func collect(_ document: UInt32, from matches: inout Matches)
    /// Once the walk has ended: the kept results, best first.
    mutating func harvest(from matches: inout Matches) -> [RankedDocument]
}

/// Scores each match as it comes and offers it to a top-k heap: the collector of every walk
/// whose matches cannot be scored later from a copy (words of several candidates, optional
/// words), and of one-term walks, whose heap should rise as early as possible.
///
/// Cost per match: one sort-value read under a price or rating sort, else one `match` (a
/// norms row read and one BM25F evaluation per matched candidate) and one heap offer
/// (a compare when it does not enter, O(log k) when it does).
struct ScoringCollector<Matches: MatchScorer>: MatchCollector {
    private var top: TopKCollector
    private let order: SortOrder
    private let scorer: BM25FScorer
    /// The fewest typos any match has: a match of the worst kept result's typos or more is
    /// out when its sort value is worse.
    private let fewestTypos: Int

    /// `seeds` (results of an earlier conjunction with as many words) compete from the start.
    init(capacity: Int, seeds: [RankedDocument], order: SortOrder, scorer: BM25FScorer, fewestTypos: Int) {
        top = TopKCollector(capacity: capacity, seeds: seeds)
        self.order = order
        self.scorer = scorer
        self.fewestTypos = fewestTypos
    }

    var threshold: RankedDocument? {
        @inline(__always) get { top.threshold }
    }

    @inline(__always)
    mutating func collect(_ document: UInt32, from matches: inout Matches) {
        if order.dropsByValue, let worst = top.threshold, fewestTypos >= worst.typos {
            // Less of the query missing ranks first: only a match missing as much as the
            // worst kept result (in a conjunction, all: none) is decided by its value.
            let missing = matches.currentMissingWeight()
            if missing > worst.missingWeight || missing == worst.missingWeight && order.valueCannotEnter(document, worst: worst) {
                return
            }
        }
        var mask: UInt64 = 0
        let match = matches.match(scorer: scorer, mask: &mask)
        top.offer(order.ranked(document, words: match.matchedWords, typos: match.typos, score: match.score, mask: mask,
                                missingWeight: match.missingWeight))
    }

    mutating func harvest(from matches: inout Matches) -> [RankedDocument] {
        top.sorted()
    }
}
