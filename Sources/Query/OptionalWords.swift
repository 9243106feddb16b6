/// Required matches with optional words that add to the score where they occur but decide
/// nothing (the stop words of a query that has other words): Lucene's `ReqOptSumScorer`.
///
/// The documents are the required scorer's; the optional words are advanced only to the
/// documents that get scored, so they cost nothing on the documents passed over. Their bound
/// is their global one (the most each adds anywhere), added after the required bound in the
/// order `match` adds their scores.
struct OptionalWords<Required: MatchScorer, Optional: MatchScorer>: MatchScorer {
    var required: Required
    let optional: UnsafeMutableBufferPointer<Optional>
    /// `optional[i].globalBound`, worked out once.
    private let optionalBounds: [Float]

    /// `optional` is a buffer the caller owns for the walk.
    init(_ required: Required, optional: UnsafeMutableBufferPointer<Optional>, scorer: BM25FScorer) {
        self.required = required
        self.optional = optional
        optionalBounds = optional.map { $0.globalBound(scorer: scorer) }
    }

    var document: UInt32 { required.document }
    var cost: Int { required.cost }

    @inline(__always)
    mutating func next() { required.next() }

    @inline(__always)
    mutating func advance(to target: UInt32) { required.advance(to: target) }

    var blockLastDocument: UInt32 { required.blockLastDocument }

    @inline(__always)
    private func addingOptional(_ bound: ScoreBound) -> ScoreBound {
        var bound = bound
        for optionalBound in optionalBounds { bound.score += optionalBound }
        return bound
    }

    @inline(__always)
    func runBound(through last: UInt32, scorer: BM25FScorer) -> ScoreBound {
        addingOptional(required.runBound(through: last, scorer: scorer))
    }

    @inline(__always)
    func documentBound(scorer: BM25FScorer) -> ScoreBound {
        addingOptional(required.documentBound(scorer: scorer))
    }

    func globalBound(scorer: BM25FScorer) -> Float {
        addingOptional(ScoreBound(typos: 0, score: required.globalBound(scorer: scorer))).score
    }

    var fewestTypos: Int { required.fewestTypos }

    /// The required match, plus the score of each optional word holding the document (its
    /// words and typos are not counted: optional words do not decide the ranking tier).
    @inline(__always)
    mutating func match(scorer: BM25FScorer, mask: inout UInt64) -> MatchScore {
        let document = required.document
        var total = required.match(scorer: scorer, mask: &mask)
        for position in 0..<optional.count {
            optional[position].advance(to: document)
            if optional[position].document == document {
                total.score += optional[position].match(scorer: scorer, mask: &mask).score
            }
        }
        return total
    }

    var documentsLeftInCurrentBlock: Int { required.documentsLeftInCurrentBlock }

    mutating func skipCurrentBlock() { required.skipCurrentBlock() }

    /// Optional words add score only, never words or typos: what the required part may
    /// conclude from the worst result's missing weight holds with them too.
    mutating func raiseBar(to worst: RankedDocument) { required.raiseBar(to: worst) }

    static var raisesBar: Bool { Required.raisesBar }

    func currentMissingWeight() -> Float { required.currentMissingWeight() }
}
