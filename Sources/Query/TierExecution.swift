import IndexFormat

/// Evaluates one tier of a search: opens cursors for the candidate terms, walks the
/// conjunction (or union) of the words, filters, scores and keeps the top k.
///
/// Cost: the conjunction is driven by its cheapest word; every other word is advanced with
/// skips, so a rare word in the query makes the whole query cheap. Each matching document
/// costs one filter check and one BM25F evaluation per matched candidate.
struct TierExecution {
    let index: SearchIndex
    let scorer: BM25FScorer
    let filter: ResolvedFilter
    let sort: SearchSort
    let wanted: Int
    /// Candidates of the last tier run, in the order their mask bits refer to.
    private(set) var flatCandidates: [TermCandidate] = []

    init(index: SearchIndex, scorer: BM25FScorer, filter: ResolvedFilter, sort: SearchSort, wanted: Int) {
        self.index = index
        self.scorer = scorer
        self.filter = filter
        self.sort = sort
        self.wanted = wanted
    }

    /// Documents containing every required word (each by any of its candidates).
    mutating func conjunction(_ byWord: [[TermCandidate]], required: [Int], optional: [Int]) -> (ranked: [RankedDocument], total: Int) {
        var groups = openCursors(byWord, words: required).sorted { $0.cost < $1.cost }
        var optionalGroups = openCursors(byWord, words: optional)
        var collector = TopKCollector(capacity: wanted)
        var total = 0
        guard !groups.isEmpty, !groups.contains(where: \.isExhausted) else { return ([], 0) }
        let columns = index.columns
        var candidate = groups[0].document
        search: while candidate != PostingsCursor.exhausted {
            for position in 1..<groups.count {
                groups[position].advance(to: candidate)
                let document = groups[position].document
                if document != candidate {
                    if document == PostingsCursor.exhausted { break search }
                    groups[0].advance(to: document)
                    candidate = groups[0].document
                    continue search
                }
            }
            if filter.accepts(candidate, columns: columns) {
                total += 1
                collector.offer(rank(candidate, groups: &groups, optionalGroups: &optionalGroups, columns: columns))
            }
            groups[0].next()
            candidate = groups[0].document
        }
        return (collector.sorted(), total)
    }

    /// Documents containing at least one required word, ranked by how many they contain.
    mutating func union(_ byWord: [[TermCandidate]], required: [Int], optional: [Int]) -> (ranked: [RankedDocument], total: Int) {
        var groups = openCursors(byWord, words: required)
        var optionalGroups = openCursors(byWord, words: optional)
        var collector = TopKCollector(capacity: wanted)
        var total = 0
        let columns = index.columns
        while true {
            let candidate = groups.reduce(PostingsCursor.exhausted) { min($0, $1.document) }
            if candidate == PostingsCursor.exhausted { break }
            if filter.accepts(candidate, columns: columns) {
                total += 1
                collector.offer(rank(candidate, groups: &groups, optionalGroups: &optionalGroups, columns: columns))
            }
            for position in groups.indices where groups[position].document == candidate {
                groups[position].next()
            }
        }
        return (collector.sorted(), total)
    }

    /// Scores `document`, which the required `groups` are positioned on or past.
    @inline(__always)
    private func rank(_ document: UInt32, groups: inout [WordCursor], optionalGroups: inout [WordCursor],
                      columns: ProductColumns) -> RankedDocument {
        var matchedWords = 0
        var typos = 0
        var score: Float = 0
        var mask: UInt64 = 0
        for position in groups.indices where groups[position].document == document {
            let word = bestMatch(of: groups[position], at: document, mask: &mask)
            matchedWords += 1
            typos += word.typos
            score += word.score
        }
        for position in optionalGroups.indices {
            optionalGroups[position].advance(to: document)
            if optionalGroups[position].document == document {
                score += bestMatch(of: optionalGroups[position], at: document, mask: &mask).score
            }
        }
        let values = Self.sortValues(document, score: score, sort: sort, columns: columns)
        return RankedDocument(document: document, matchedWords: matchedWords, typos: typos, primary: values.primary,
                              secondary: values.secondary, score: score, candidateMask: mask)
    }

    /// The word's best candidate in `document`: fewest typos, then highest score.
    @inline(__always)
    private func bestMatch(of group: WordCursor, at document: UInt32, mask: inout UInt64) -> (typos: Int, score: Float) {
        var bestTypos = Int.max
        var bestScore: Float = 0
        for (position, cursor) in group.cursors.enumerated() where cursor.document == document {
            let candidateIndex = group.candidateIndices[position]
            let candidate = flatCandidates[candidateIndex]
            let score = scorer.score(weight: scorer.termWeight(cursor), idf: candidate.idf) * candidate.scoreFactor
            if candidate.typos < bestTypos || (candidate.typos == bestTypos && score > bestScore) {
                bestTypos = candidate.typos
                bestScore = score
            }
            if candidateIndex < 64 { mask |= 1 << UInt64(candidateIndex) }
        }
        return (bestTypos == Int.max ? 0 : bestTypos, bestScore)
    }

    private mutating func openCursors(_ byWord: [[TermCandidate]], words: [Int]) -> [WordCursor] {
        var groups: [WordCursor] = []
        for word in words {
            var cursors: [PostingsCursor] = []
            var indices: [Int] = []
            for candidate in byWord[word] {
                let start = candidate.term.postingsOffset
                let length = candidate.term.postingsLength
                // A range outside POSTINGS is corruption: the candidate is left out rather
                // than read out of bounds.
                guard start >= 0, length >= 0, start <= index.postings.count, length <= index.postings.count - start else { continue }
                let bytes = UnsafeRawBufferPointer(rebasing: index.postings[start..<(start + length)])
                cursors.append(PostingsCursor(postings: bytes, documentFrequency: candidate.term.documentFrequency,
                                              documentLimit: UInt32(index.documentCount)))
                indices.append(flatCandidates.count)
                flatCandidates.append(candidate)
            }
            groups.append(WordCursor(wordIndex: word, cursors: cursors, candidateIndices: indices))
        }
        return groups
    }

    /// The sort's (primary, secondary) values, higher is better. Products without the sorted
    /// value (no price, no rating) go last.
    @inline(__always)
    static func sortValues(_ document: UInt32, score: Float, sort: SearchSort, columns: ProductColumns) -> (primary: Double, secondary: Double) {
        switch sort {
        case .relevance:
            return (Double(score), 0)
        case .priceAscending:
            guard let cents = columns.priceCents(document) else { return (-.infinity, Double(score)) }
            return (-Double(cents), Double(score))
        case .priceDescending:
            guard let cents = columns.priceCents(document) else { return (-.infinity, Double(score)) }
            return (Double(cents), Double(score))
        case .ratingDescending:
            guard let tenths = columns.ratingTenths(document) else { return (-1, Double(score)) }
            return (Double(tenths), Double(score))
        }
    }
}
