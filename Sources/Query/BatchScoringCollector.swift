/// A scorer whose matches can be scored after it has moved on, from a copy of their postings
/// (which point into the mapped file, so they stay valid) and the documents' norms rows:
/// what lets a collector score matches in batches. Every match has the same words, typos and
/// candidates, so only the score is left to work out.
protocol DeferredScoring: MatchScorer {
    /// Postings a match copies: one per term.
    var postingsPerMatch: Int { get }
    /// The words, typos and explanation bits every match has.
    var everyMatch: (matchedWords: Int, typos: Int, candidateMask: UInt64) { get }
    /// Copies the current document's postings to `buffer[offset..<(offset + postingsPerMatch)]`.
    func capturePostings(into buffer: UnsafeMutableBufferPointer<PostingFields>, at offset: Int)
    /// The score of the match whose postings are at `buffer[offset...]`, given its norms row.
    func score(postings buffer: UnsafeMutableBufferPointer<PostingFields>, at offset: Int, norms: UnsafeRawBufferPointer,
               scorer: BM25FScorer) -> Float
}

/// The usual exact query, one term a word: every match holds each term once.
extension Intersection: DeferredScoring where Member == TermScorer {
    var postingsPerMatch: Int { members.count }

    var everyMatch: (matchedWords: Int, typos: Int, candidateMask: UInt64) {
        var mask: UInt64 = 0
        for position in 0..<members.count { mask |= members[position].scoring.maskBit }
        return (members.count, fewestTypos, mask)
    }

    @inline(__always)
    func capturePostings(into buffer: UnsafeMutableBufferPointer<PostingFields>, at offset: Int) {
        for position in 0..<members.count { buffer[offset + position] = members[position].cursor.currentFields }
    }

    /// The terms' scores summed in member order, as `match` sums them: the same floats.
    @inline(__always)
    func score(postings buffer: UnsafeMutableBufferPointer<PostingFields>, at offset: Int, norms: UnsafeRawBufferPointer,
               scorer: BM25FScorer) -> Float {
        var score: Float = 0
        for position in 0..<members.count {
            let weight = scorer.termWeight(buffer[offset + position], norms: norms)
            score += members[position].score(weight: weight, scorer: scorer)
        }
        return score
    }
}

/// Scores matches in batches of 32: their norms rows are gathered first, in one loop of
/// independent loads, so that the cache misses overlap instead of each stalling one match's
/// scoring (they were half the time of a two-word query at 1M products). Under a price or
/// rating sort, a batch's matches worse on that value are dropped first, their values read
/// in one pass too.
///
/// Until a batch is scored the threshold is the top k as of the last batch: a lower bar, so
/// a walk pruning by it only scores more, never wrongly passes a match over.
struct BatchScoringCollector<Matches: DeferredScoring>: MatchCollector {
    static var batchCapacity: Int { 32 }

    private var top: TopKCollector
    private let order: SortOrder
    private let scorer: BM25FScorer
    private let everyMatch: (matchedWords: Int, typos: Int, candidateMask: UInt64)
    private let width: Int
    private let documents: UnsafeMutableBufferPointer<UInt32>
    private let postings: UnsafeMutableBufferPointer<PostingFields>
    private let norms: UnsafeMutableRawBufferPointer
    private var pending = 0

    /// Calls `body` with a collector for `matches`, whose batch buffers live on the stack for
    /// the call. `seeds` compete from the start.
    static func withCollector<Result>(for matches: Matches, capacity: Int, seeds: [RankedDocument], order: SortOrder,
                                      scorer: BM25FScorer, _ body: (inout Self) -> Result) -> Result {
        let width = matches.postingsPerMatch
        let everyMatch = matches.everyMatch
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: batchCapacity) { documents in
            withUnsafeTemporaryAllocation(of: PostingFields.self, capacity: batchCapacity * width) { postings in
                withUnsafeTemporaryAllocation(byteCount: batchCapacity * scorer.fieldCount, alignment: 1) { norms in
                    var collector = Self(capacity: capacity, seeds: seeds, order: order, scorer: scorer, everyMatch: everyMatch,
                                         width: width, documents: documents, postings: postings, norms: norms)
                    return body(&collector)
                }
            }
        }
    }

    private init(capacity: Int, seeds: [RankedDocument], order: SortOrder, scorer: BM25FScorer,
                 everyMatch: (matchedWords: Int, typos: Int, candidateMask: UInt64), width: Int,
                 documents: UnsafeMutableBufferPointer<UInt32>, postings: UnsafeMutableBufferPointer<PostingFields>,
                 norms: UnsafeMutableRawBufferPointer) {
        top = TopKCollector(capacity: capacity, seeds: seeds)
        self.order = order
        self.scorer = scorer
        self.everyMatch = everyMatch
        self.width = width
        self.documents = documents
        self.postings = postings
        self.norms = norms
    }

    var threshold: RankedDocument? {
        @inline(__always) get { top.threshold }
    }

    @inline(__always)
    mutating func collect(_ document: UInt32, from matches: inout Matches) {
        documents[pending] = document
        matches.capturePostings(into: postings, at: pending * width)
        pending += 1
        if pending == Self.batchCapacity { scorePending(matches) }
    }

    mutating func harvest(from matches: inout Matches) -> [RankedDocument] {
        scorePending(matches)
        return top.sorted()
    }

    private mutating func scorePending(_ matches: Matches) {
        if order.dropsByValue, let worst = top.threshold, everyMatch.typos >= worst.typos {
            var kept = 0
            for index in 0..<pending where !order.valueCannotEnter(documents[index], worst: worst) {
                documents[kept] = documents[index]
                for position in 0..<width { postings[kept * width + position] = postings[index * width + position] }
                kept += 1
            }
            pending = kept
        }
        let fieldCount = scorer.fieldCount
        scorer.gatherNorms(of: documents, count: pending, into: norms)
        for index in 0..<pending {
            let document = documents[index]
            let row = UnsafeRawBufferPointer(rebasing: norms[(index * fieldCount)..<((index + 1) * fieldCount)])
            let score = matches.score(postings: postings, at: index * width, norms: row, scorer: scorer)
            top.offer(order.ranked(document, words: everyMatch.matchedWords, typos: everyMatch.typos, score: score,
                                   mask: everyMatch.candidateMask))
        }
        pending = 0
    }
}
