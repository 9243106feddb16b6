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
/// (`raiseBar`), and the disjunction stops driving by its least informative words (MaxScore,
/// Turtle & Flood 1995, as Lucene's `MaxScoreBulkScorer`, on the missing weight instead of
/// the score): if the words outside the `essential` ones together weigh so little that a
/// document holding none of the essential ones misses more than the worst kept result, such
/// a document cannot enter, so only the essential words' documents are walked and the others
/// are moved to a walked document when it is looked at. Their bounds are then their global
/// ones.
///
/// Cost per document: one look at every essential word (each a `Union` of its candidates),
/// like `Union`; counting every match, the walk visits every document holding any word, so it
/// is the dearest tier and runs only when the conjunctions found too few.
struct WordDisjunction<Word: MatchScorer>: MatchScorer {
    let words: UnsafeMutableBufferPointer<Word>
    /// `weights[i]`: word i's weight, at least 0.
    let weights: [Float]
    private(set) var document: UInt32
    let cost: Int
    /// The words, lightest first (ties in word order): `byWeight[..<firstEssential]` no
    /// longer drive the walk.
    private let byWeight: [Int]
    private var firstEssential = 0
    /// `isEssential[i]`: word i drives the walk.
    private var isEssential: [Bool]
    /// The missing weight of the worst result the walk keeps (`raiseBar`), or infinity.
    private var bar: Float = .infinity

    /// `words` is a buffer the caller owns for the walk; `weights` has one entry per word.
    init(_ words: UnsafeMutableBufferPointer<Word>, weights: [Float], within range: Range<UInt32>) {
        precondition(weights.count == words.count, "one weight per word")
        self.words = words
        self.weights = weights
        var cost = 0
        for word in words { cost += word.cost }
        self.cost = cost
        byWeight = weights.indices.sorted { (weights[$0], $0) < (weights[$1], $1) }
        isEssential = Array(repeating: true, count: words.count)
        document = Word.exhausted
        end = range.upperBound
        advanceMembers(to: range.lowerBound)
    }

    /// Moves the words that no longer drive the walk out of it: the lightest ones, as many as
    /// leave the rest weighing more than the worst kept result's missing weight (summed in
    /// word order, as `match` sums it, so the comparison rounds as the match would).
    mutating func raiseBar(to worst: RankedDocument) {
        guard worst.missingWeight < bar else { return }
        bar = worst.missingWeight
        while firstEssential < words.count - 1 {
            var essentialWeight: Float = 0
            let candidate = byWeight[firstEssential]
            for position in 0..<words.count where isEssential[position] && position != candidate {
                essentialWeight += weights[position]
            }
            guard essentialWeight > bar else { break }
            isEssential[candidate] = false
            firstEssential += 1
        }
        // The essential words are all at or past the current document: it stays, or moves
        // to the next one they hold when only dropped words held it.
        settle()
    }

    /// Puts a word that no longer drives the walk on the current document if it holds it.
    @inline(__always)
    private func catchUp(_ position: Int) {
        if !isEssential[position] { words[position].advance(to: document) }
    }

    /// Documents at and after this are not walked: the end of a split walk's half.
    private let end: UInt32

    /// On the smallest document of the essential words.
    @inline(__always)
    private mutating func settle() {
        var smallest = Word.exhausted
        for position in 0..<words.count where isEssential[position] { smallest = min(smallest, words[position].document) }
        document = smallest < end ? smallest : Word.exhausted
    }

    @inline(__always)
    private mutating func advanceMembers(to target: UInt32) {
        for position in 0..<words.count where isEssential[position] { words[position].advance(to: target) }
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
        for position in 0..<words.count where isEssential[position] && words[position].document == current {
            words[position].next()
        }
        settle()
    }

    var blockLastDocument: UInt32 {
        var last = Self.exhausted
        for position in 0..<words.count where isEssential[position] && !words[position].isExhausted {
            last = min(last, words[position].blockLastDocument)
        }
        return last
    }

    @inline(__always)
    func runBound(through last: UInt32, scorer: BM25FScorer) -> ScoreBound {
        var bound = ScoreBound(typos: Int.max, score: 0, missingWeight: 0)
        for position in 0..<words.count {
            if !isEssential[position] {
                // Not moved with the walk: anywhere in the run, at its global bound.
                bound.typos = min(bound.typos, words[position].fewestTypos)
                bound.score += words[position].globalBound(scorer: scorer)
            } else if !words[position].isExhausted && words[position].document <= last {
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
            catchUp(position)
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
            catchUp(position)
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
            catchUp(position)
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
