/// A document set whose documents score: how many query words a match holds, with how many
/// typos, and its BM25F score; and upper bounds of the score that let a walk pass over
/// documents that cannot reach the top k without scoring them (Lucene's `Scorer` with
/// `advanceShallow` and `getMaxScore`; Tantivy's `Scorer` with the block maxima its block-max
/// WAND reads).
///
/// Bounds come from the maxima the indexer stores per postings block (FORMAT.md, "POSTINGS")
/// and are exact, not estimated: the indexer computes them with the scorer's own weight
/// formula, scores are monotone in weights (`BM25FScorer.score`), and every bound here is
/// summed in the order `match` sums scores, so that a bound rounds like the score it bounds.
///
/// Typos are part of a bound because results rank by fewer typos before score: a bound is the
/// fewest typos and, independently, the highest score a match in its range can have.
protocol MatchScorer: DocumentSet {
    /// The last document of the first current postings block to end among this scorer's
    /// postings (`exhausted` when none has a block end): from the current document through
    /// it, every posting is in its current block, under its block maximum. Meaningful while
    /// the set is not exhausted.
    var blockLastDocument: UInt32 { get }
    /// The fewest typos and highest score of any match among the documents from the current
    /// one through `last` (which is at most `blockLastDocument`).
    func runBound(through last: UInt32, scorer: BM25FScorer) -> ScoreBound
    /// The same for the current document alone, tightened by its own postings (fields and
    /// frequencies, `BM25FScorer.termWeightBound`) without reading its norms.
    func documentBound(scorer: BM25FScorer) -> ScoreBound
    /// The most this scorer adds to any document's score.
    func globalBound(scorer: BM25FScorer) -> Float
    /// The fewest typos any of its matches has.
    var fewestTypos: Int { get }
    /// The current document's match. Sets the bits of the candidates matched (`TermCandidate`
    /// flat index, below 64) in `mask`.
    mutating func match(scorer: BM25FScorer, mask: inout UInt64) -> MatchScore

    /// The documents left in the current postings block, the current one included: what
    /// passing over the block leaves uncounted. Exact for one term only; a set of several
    /// counts its current document alone.
    var documentsLeftInCurrentBlock: Int { get }
    /// Moves past the current postings block without decoding it: exact for one term only; a
    /// set of several moves to its next document.
    mutating func skipCurrentBlock()
    mutating func raiseBar(to worst: RankedDocument)
    /// True when `raiseBar` may move the scorer: the walk then tells it every new worst
    /// result, under any sort. False (the default) for every scorer but `WordDisjunction`,
    /// whose walks thus compile without the call.
    static var raisesBar: Bool { get }
    func currentMissingWeight() -> Float
}

extension MatchScorer {
    /// Told by a walk that counts only what can enter (`countsEveryMatch == false`) the worst
    /// result a match must now beat, so that it may stop walking documents that cannot
    /// (Lucene's `setMinCompetitiveScore`). Nothing for most scorers; `WordDisjunction`
    /// stops driving by its least informative words.
    @inline(__always)
    mutating func raiseBar(to worst: RankedDocument) {}

    static var raisesBar: Bool { false }

    /// The missing weight of the current document's match, known before scoring it: 0 for
    /// every scorer but `WordDisjunction`.
    @inline(__always)
    func currentMissingWeight() -> Float { 0 }

    var documentsLeftInCurrentBlock: Int { isExhausted ? 0 : 1 }

    mutating func skipCurrentBlock() { next() }
}

/// A document's match: words matched, typos, BM25F score.
struct MatchScore {
    var matchedWords: Int
    var typos: Int
    var score: Float
    /// The weight of the required words not matched (`WordDisjunction`); 0 in a conjunction.
    var missingWeight: Float = 0
}

/// What any match in a range can be at best: at least `typos` typos, at most `score`, and
/// at least `missingWeight` of the query missing.
struct ScoreBound {
    var typos: Int
    var score: Float
    /// A lower bound of the weight of the required words a match misses (0 in a conjunction).
    var missingWeight: Float = 0

    /// True when `document`, or any later one, with at least this much missing, at least
    /// these typos and at most this score cannot rank above `worst`, in the order of
    /// `RankedDocument.ranksAbove`: less missing first, fewer typos, then score; a tie on
    /// score goes to the lower document. Each part bounds its key on its own, which is
    /// enough for an order that compares them one after the other.
    @inline(__always)
    func cannotEnter(above worst: RankedDocument, from document: UInt32) -> Bool {
        if missingWeight != worst.missingWeight { return missingWeight > worst.missingWeight }
        if typos != worst.typos { return typos > worst.typos }
        let bound = Double(score)
        return bound < worst.primary || bound == worst.primary && document > worst.document
    }
}
