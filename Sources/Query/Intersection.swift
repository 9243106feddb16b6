/// The documents every member holds, within a range of document ids: a query's required
/// words (Tantivy's `Intersection`, Lucene's `ConjunctionDISI`).
///
/// Led by its first member, which the caller makes the cheapest: the lead proposes a
/// document, every other member is advanced to it with skips, and the first to overshoot
/// proposes the next. So a rare word makes the whole intersection cheap: each step costs one
/// `advance(to:)` per member, most of them a compare within the current block.
///
/// The members live in a buffer the caller owns (one walk's, valid for the walk only): the
/// loop moves them in place, with no copy and no reference counting per document.
struct Intersection<Member: DocumentSet>: DocumentSet {
    let members: UnsafeMutableBufferPointer<Member>
    /// Documents at and after this are not walked: the end of a split walk's half.
    let end: UInt32
    private(set) var document: UInt32

    /// The intersection of `members` within `range`, on its first document there. An
    /// intersection of no members is empty.
    init(_ members: UnsafeMutableBufferPointer<Member>, within range: Range<UInt32>) {
        self.members = members
        end = range.upperBound
        document = Member.exhausted
        guard !members.isEmpty else { return }
        members[0].advance(to: range.lowerBound)
        align(members[0].document)
    }

    var cost: Int { members.isEmpty ? 0 : members[0].cost }

    @inline(__always)
    mutating func next() {
        guard document != Self.exhausted else { return }
        members[0].next()
        align(members[0].document)
    }

    @inline(__always)
    mutating func advance(to target: UInt32) {
        guard document < target else { return }
        members[0].advance(to: target)
        align(members[0].document)
    }

    /// Moves from the lead's `candidate` to the first document every member holds (before
    /// `end`, else the intersection is exhausted).
    @inline(__always)
    private mutating func align(_ candidate: UInt32) {
        var candidate = candidate
        search: while candidate < end {
            for position in 1..<members.count {
                members[position].advance(to: candidate)
                let found = members[position].document
                if found != candidate {
                    if found == Member.exhausted { break search }
                    members[0].advance(to: found)
                    candidate = members[0].document
                    continue search
                }
            }
            document = candidate
            return
        }
        document = Self.exhausted
    }
}

/// A match of every member: the words, typos and scores of the members summed, in member
/// order (which the bounds follow, so that they round like the score).
extension Intersection: MatchScorer where Member: MatchScorer {
    var blockLastDocument: UInt32 {
        var last = Self.exhausted
        for position in 0..<members.count { last = min(last, members[position].blockLastDocument) }
        return last
    }

    @inline(__always)
    func runBound(through last: UInt32, scorer: BM25FScorer) -> ScoreBound {
        var bound = ScoreBound(typos: 0, score: 0)
        for position in 0..<members.count {
            let member = members[position].runBound(through: last, scorer: scorer)
            bound.typos += member.typos
            bound.score += member.score
        }
        return bound
    }

    @inline(__always)
    func documentBound(scorer: BM25FScorer) -> ScoreBound {
        var bound = ScoreBound(typos: 0, score: 0)
        for position in 0..<members.count {
            let member = members[position].documentBound(scorer: scorer)
            bound.typos += member.typos
            bound.score += member.score
        }
        return bound
    }

    func globalBound(scorer: BM25FScorer) -> Float {
        var bound: Float = 0
        for position in 0..<members.count { bound += members[position].globalBound(scorer: scorer) }
        return bound
    }

    var fewestTypos: Int {
        var typos = 0
        for position in 0..<members.count { typos += members[position].fewestTypos }
        return typos
    }

    @inline(__always)
    mutating func match(scorer: BM25FScorer, mask: inout UInt64) -> MatchScore {
        var total = MatchScore(matchedWords: 0, typos: 0, score: 0)
        for position in 0..<members.count {
            let member = members[position].match(scorer: scorer, mask: &mask)
            total.matchedWords += member.matchedWords
            total.typos += member.typos
            total.score += member.score
        }
        return total
    }

    /// The lead's: whole blocks are counted for an intersection of one term only.
    var documentsLeftInCurrentBlock: Int { isExhausted ? 0 : members[0].documentsLeftInCurrentBlock }

    mutating func skipCurrentBlock() {
        guard document != Self.exhausted else { return }
        members[0].skipCurrentBlock()
        align(members[0].document)
    }
}
