/// The documents any member holds: one query word matched by any of its candidate terms
/// (exact, stem, prefix completions, typo neighbours), on the smallest current document of its
/// members (Tantivy's `Union`, Lucene's `DisjunctionDISIApproximation`).
///
/// Cost per step: every member is looked at, so a word of 16 prefix completions costs 16
/// compares a document; the members live in a buffer the caller owns (one walk's), moved in
/// place with no copy and no reference counting per document.
struct Union<Member: DocumentSet>: DocumentSet {
    let members: UnsafeMutableBufferPointer<Member>
    private(set) var document: UInt32
    /// The sum of the members' costs: a union may hold every document of every member.
    let cost: Int

    init(_ members: UnsafeMutableBufferPointer<Member>) {
        self.members = members
        var cost = 0
        var smallest = Member.exhausted
        for member in members {
            cost += member.cost
            smallest = min(smallest, member.document)
        }
        self.cost = cost
        document = smallest
    }

    @inline(__always)
    mutating func advance(to target: UInt32) {
        guard document < target else { return }
        var smallest = Member.exhausted
        for position in 0..<members.count {
            members[position].advance(to: target)
            smallest = min(smallest, members[position].document)
        }
        document = smallest
    }

    @inline(__always)
    mutating func next() {
        let current = document
        var smallest = Member.exhausted
        for position in 0..<members.count {
            if members[position].document == current { members[position].next() }
            smallest = min(smallest, members[position].document)
        }
        document = smallest
    }
}

/// A word's match is its best candidate's: fewest typos, then highest score. Every candidate
/// holding the document sets its explanation bit.
extension Union: MatchScorer where Member: MatchScorer {
    var blockLastDocument: UInt32 {
        var last = Self.exhausted
        for position in 0..<members.count where !members[position].isExhausted {
            last = min(last, members[position].blockLastDocument)
        }
        return last
    }

    /// Over the members with documents in the run, each bounded by its current block: the
    /// fewest typos of any, the highest score of any.
    @inline(__always)
    func runBound(through last: UInt32, scorer: BM25FScorer) -> ScoreBound {
        var fewest = Int.max
        var best: Float = 0
        for position in 0..<members.count where !members[position].isExhausted && members[position].document <= last {
            let member = members[position].runBound(through: last, scorer: scorer)
            fewest = min(fewest, member.typos)
            best = max(best, member.score)
        }
        return ScoreBound(typos: fewest == Int.max ? 0 : fewest, score: best)
    }

    /// Over the members holding the current document: their fewest typos, and the highest
    /// score among the members with that many (the one `match` will pick).
    @inline(__always)
    func documentBound(scorer: BM25FScorer) -> ScoreBound {
        var fewest = Int.max
        var best: Float = 0
        for position in 0..<members.count where members[position].document == document {
            let member = members[position].documentBound(scorer: scorer)
            if member.typos < fewest {
                fewest = member.typos
                best = member.score
            } else if member.typos == fewest {
                best = max(best, member.score)
            }
        }
        return ScoreBound(typos: fewest == Int.max ? 0 : fewest, score: best)
    }

    func globalBound(scorer: BM25FScorer) -> Float {
        var best: Float = 0
        for position in 0..<members.count { best = max(best, members[position].globalBound(scorer: scorer)) }
        return best
    }

    var fewestTypos: Int {
        var fewest = Int.max
        for position in 0..<members.count { fewest = min(fewest, members[position].fewestTypos) }
        return fewest == Int.max ? 0 : fewest
    }

    @inline(__always)
    mutating func match(scorer: BM25FScorer, mask: inout UInt64) -> MatchScore {
        var best = MatchScore(matchedWords: 0, typos: Int.max, score: 0)
        for position in 0..<members.count where members[position].document == document {
            let member = members[position].match(scorer: scorer, mask: &mask)
            if member.typos < best.typos || (member.typos == best.typos && member.score > best.score) {
                best = member
            }
        }
        if best.typos == Int.max { best.typos = 0 }
        return best
    }

    /// A word of one term passes over that term's blocks; a word of several, one document.
    var documentsLeftInCurrentBlock: Int {
        members.count == 1 ? members[0].documentsLeftInCurrentBlock : (isExhausted ? 0 : 1)
    }

    mutating func skipCurrentBlock() {
        guard members.count == 1 else { return next() }
        members[0].skipCurrentBlock()
        document = members[0].document
    }
}
