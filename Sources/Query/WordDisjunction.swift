/// The documents holding any of a query's required words, ranked by how much of the query
/// they cover: the partial-match tier, for queries no product matches in full (Lucene's
/// `DisjunctionSumScorer` with its coordination factor and minimum-should-match; Tantivy's
/// `Union` of a boolean query's optional clauses).
///
/// Each word carries a weight, how informative it is (its inverse document frequency over
/// the catalog, `Searcher.wordWeight`); a match's `missingWeight` is the summed weight of the
/// words it lacks, and results rank by it before typos and score (`RankedDocument`). So a
/// product holding the rare, telling words of a long query ranks above one holding its common
/// or leading words, whatever their position: "heavy duty outdoor extension cord 50 ft" ranks
/// the 50 ft outdoor extension cords above the "heavy duty" gloves.
///
/// Bounds: over a run, a word with no document in it is missing from every match there, so
/// the run's missing weight is at least the sum of those words' weights (WAND's reasoning,
/// on coverage instead of score); typos at least the fewest of the words present; score at
/// most the sum of the present words' bounds. Weights are summed in word order, in `match`
/// as in the bounds, so that a bound's subset sum never rounds above the match's.
///
/// When the walk need not count every match, it tells the disjunction the worst result kept
/// (`raiseBar`), under any sort, since the missing weight ranks first. A document can then
/// only enter if the words it holds weigh at least the query's total less that result's
/// missing weight, and the disjunction moves by pivots (WAND, Broder et al. 2003, on word
/// weights instead of score bounds; the MaxScore of Lucene's `MaxScoreBulkScorer` is the case
/// of the lightest words): taking the words in the order of their current documents, the
/// first document at which the words up to it weigh enough is the next that may enter, and
/// every word before it is moved there with its skips. When the words must almost all be
/// held, the walk costs about what their conjunction costs.
///
/// Cost per document: one look at every word (each a `Union` of its candidates), like
/// `Union`, and with a bar a few passes over the words to find the pivot; counting every
/// match, the walk visits every document holding any word, so it is the dearest tier and
/// runs only when the conjunctions found too few.
struct WordDisjunction<Word: MatchScorer>: MatchScorer {
    let words: UnsafeMutableBufferPointer<Word>
    /// `weights[i]`: word i's weight, at least 0.
    let weights: [Float]
    private(set) var document: UInt32
    let cost: Int
    /// The weights summed in word order.
    private let totalWeight: Float
    /// The missing weight of the worst result the walk keeps (`raiseBar`), or infinity.
    private var bar: Float = .infinity
    /// The least weight of words a document must hold to enter once there is a bar (a little
    /// less than `totalWeight - bar`, so that no rounding of the sums drops a document that
    /// `match` would admit); -infinity before.
    private var neededWeight: Float = -.infinity
    /// Documents at and after this are not walked: the end of a split walk's half.
    private let end: UInt32

    static var raisesBar: Bool { true }

    /// `words` is a buffer the caller owns for the walk; `weights` has one entry per word.
    init(_ words: UnsafeMutableBufferPointer<Word>, weights: [Float], within range: Range<UInt32>) {
        precondition(weights.count == words.count, "one weight per word")
        self.words = words
        self.weights = weights
        var cost = 0
        for word in words { cost += word.cost }
        self.cost = cost
        totalWeight = weights.reduce(0, +)
        document = Word.exhausted
        end = range.upperBound
        advanceMembers(to: range.lowerBound)
    }

    /// Raises the weight a document must hold to that the worst kept result allows, and moves
    /// to the next document that may hold it.
    mutating func raiseBar(to worst: RankedDocument) {
        guard worst.missingWeight < bar else { return }
        bar = worst.missingWeight
        neededWeight = (totalWeight - bar) - Self.roundingSlack * max(1, totalWeight)
        settle()
    }

    /// Relative allowance for float rounding between sums of the same weights in another order.
    static var roundingSlack: Float { 1e-4 }

    /// On the next document, at or after every word's current one, that may enter: the
    /// smallest when there is no bar, else the WAND pivot once every word before it has
    /// reached it.
    @inline(__always)
    private mutating func settle() {
        while true {
            var smallest = Word.exhausted
            for position in 0..<words.count { smallest = min(smallest, words[position].document) }
            guard neededWeight > 0, smallest != Word.exhausted else {
                document = smallest < end ? smallest : Word.exhausted
                return
            }
            // The pivot: the words' documents in increasing order, summing what each holds.
            var held: Float = 0
            var pivot = Word.exhausted
            var from = smallest
            while pivot == Word.exhausted {
                var next = Word.exhausted
                for position in 0..<words.count {
                    let at = words[position].document
                    if at == from { held += weights[position] } else if at > from, at < next { next = at }
                }
                if held >= neededWeight {
                    pivot = from
                } else if next == Word.exhausted {
                    break
                } else {
                    from = next
                }
            }
            guard pivot < end else {
                document = Word.exhausted
                return
            }
            if smallest == pivot {
                document = pivot
                return
            }
            // No document before the pivot holds enough: the words there skip to it.
            for position in 0..<words.count where words[position].document < pivot { words[position].advance(to: pivot) }
        }
    }

    @inline(__always)
    private mutating func advanceMembers(to target: UInt32) {
        for position in 0..<words.count where words[position].document < target { words[position].advance(to: target) }
        settle()
    }

    @inline(__always)
    mutating func advance(to target: UInt32) {
        guard document < target else { return }
        advanceMembers(to: target)
    }

    @inline(__always)
    mutating func next() {
        guard document != Self.exhausted else { return }
        let current = document
        for position in 0..<words.count where words[position].document == current {
            words[position].next()
        }
        settle()
    }

    var blockLastDocument: UInt32 {
        var last = Self.exhausted
        for position in 0..<words.count where !words[position].isExhausted {
            last = min(last, words[position].blockLastDocument)
        }
        return last
    }

    @inline(__always)
    func runBound(through last: UInt32, scorer: BM25FScorer) -> ScoreBound {
        var bound = ScoreBound(typos: Int.max, score: 0, missingWeight: 0)
        for position in 0..<words.count {
            if !words[position].isExhausted && words[position].document <= last {
                let word = words[position].runBound(through: last, scorer: scorer)
                bound.typos = min(bound.typos, word.typos)
                bound.score += word.score
            } else {
                bound.missingWeight += weights[position]
            }
        }
        if bound.typos == Int.max { bound.typos = 0 }
        return bound
    }

    /// Exact on the words: those holding the current document are what `match` will sum.
    @inline(__always)
    func documentBound(scorer: BM25FScorer) -> ScoreBound {
        var bound = ScoreBound(typos: 0, score: 0, missingWeight: 0)
        for position in 0..<words.count {
            if words[position].document == document {
                let word = words[position].documentBound(scorer: scorer)
                bound.typos += word.typos
                bound.score += word.score
            } else {
                bound.missingWeight += weights[position]
            }
        }
        return bound
    }

    func currentMissingWeight() -> Float {
        var missing: Float = 0
        for position in 0..<words.count {
            if words[position].document != document { missing += weights[position] }
        }
        return missing
    }

    func globalBound(scorer: BM25FScorer) -> Float {
        var bound: Float = 0
        for position in 0..<words.count { bound += words[position].globalBound(scorer: scorer) }
        return bound
    }

    /// A match may hold one word only: the fewest typos of any word.
    var fewestTypos: Int {
        var fewest = Int.max
        for position in 0..<words.count { fewest = min(fewest, words[position].fewestTypos) }
        return fewest == Int.max ? 0 : fewest
    }

    @inline(__always)
    mutating func match(scorer: BM25FScorer, mask: inout UInt64) -> MatchScore {
        var total = MatchScore(matchedWords: 0, typos: 0, score: 0, missingWeight: 0)
        for position in 0..<words.count {
            if words[position].document == document {
                let word = words[position].match(scorer: scorer, mask: &mask)
                total.matchedWords += word.matchedWords
                total.typos += word.typos
                total.score += word.score
            } else {
                total.missingWeight += weights[position]
            }
        }
        return total
    }
}
