/// One candidate term of a query word as a scorer: its postings, scored with BM25F and bounded
/// by their block maxima (Lucene's `TermScorer`, Tantivy's `TermScorer`).
///
/// A plain value: a walk keeps its terms in one buffer, and every call here inlines into the
/// walk's loop. Cost per call: `match` decodes the posting's frequencies and reads the
/// document's norms row (a likely cache miss at 1M products); `documentBound` reads the
/// frequencies only; `runBound` and `globalBound` read no posting.
struct TermScorer: MatchScorer {
    var cursor: PostingsCursor
    let scoring: CandidateScoring

    init(cursor: PostingsCursor, scoring: CandidateScoring) {
        self.cursor = cursor
        self.scoring = scoring
    }

    var document: UInt32 { cursor.document }
    var cost: Int { cursor.documentFrequency }

    @inline(__always)
    mutating func next() { cursor.next() }

    @inline(__always)
    mutating func advance(to target: UInt32) { cursor.advance(to: target) }

    var blockLastDocument: UInt32 { cursor.blockLastDocument }

    var fewestTypos: Int { scoring.typos }

    /// This candidate's share of the score at a term weight.
    @inline(__always)
    func score(weight: Float, scorer: BM25FScorer) -> Float {
        scorer.score(weight: weight, idf: scoring.idf) * scoring.scoreFactor
    }

    @inline(__always)
    func runBound(through last: UInt32, scorer: BM25FScorer) -> ScoreBound {
        ScoreBound(typos: scoring.typos, score: score(weight: cursor.blockMaxWeight, scorer: scorer))
    }

    @inline(__always)
    func documentBound(scorer: BM25FScorer) -> ScoreBound {
        let weight = min(cursor.blockMaxWeight, scorer.termWeightBound(cursor))
        return ScoreBound(typos: scoring.typos, score: score(weight: weight, scorer: scorer))
    }

    func globalBound(scorer: BM25FScorer) -> Float {
        score(weight: cursor.maxWeight, scorer: scorer)
    }

    @inline(__always)
    mutating func match(scorer: BM25FScorer, mask: inout UInt64) -> MatchScore {
        mask |= scoring.maskBit
        return MatchScore(matchedWords: 1, typos: scoring.typos, score: score(weight: scorer.termWeight(cursor), scorer: scorer))
    }

    var documentsLeftInCurrentBlock: Int { cursor.documentsLeftInCurrentBlock }

    mutating func skipCurrentBlock() { cursor.skipCurrentBlock() }
}

/// A candidate term's scoring constants and its index in the search's flat candidate list,
/// as plain values: the hot loops read these instead of the candidates themselves (which hold
/// arrays and cost reference counting on every copy).
struct CandidateScoring {
    let flatIndex: Int
    let idf: Float
    let scoreFactor: Float
    let typos: Int

    /// The candidate's bit in a match's explanation mask; candidates beyond 64 have none.
    var maskBit: UInt64 { flatIndex >= 0 && flatIndex < 64 ? 1 << UInt64(flatIndex) : 0 }
}
