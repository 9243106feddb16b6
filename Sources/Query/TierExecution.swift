import Foundation
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
    /// Candidates of the tiers run so far, each once, in the order their mask bits refer to.
    private(set) var flatCandidates: [TermCandidate] = []
    private struct FlatKey: Hashable {
        let wordIndex: Int
        let termOrdinal: Int
    }
    private var flatIndexByCandidate: [FlatKey: Int] = [:]

    /// False scores every match (tests compare the two ways).
    let usesScoreBounds: Bool
    /// False lets a walk pass over runs of documents that cannot enter the top k without
    /// counting them (`SearchRequest.countsEveryMatch`).
    let countsEveryMatch: Bool
    /// Driving cost from which a walk is split over two cores (`defaultParallelWalkCost`;
    /// tests lower it to compare split and whole walks on small indexes).
    let parallelWalkCost: Int

    init(index: SearchIndex, scorer: BM25FScorer, filter: ResolvedFilter, sort: SearchSort, wanted: Int,
         usesScoreBounds: Bool = true, countsEveryMatch: Bool = true, parallelWalkCost: Int = defaultParallelWalkCost) {
        self.index = index
        self.scorer = scorer
        self.filter = filter
        self.sort = sort
        self.wanted = wanted
        self.usesScoreBounds = usesScoreBounds
        self.countsEveryMatch = countsEveryMatch
        self.parallelWalkCost = parallelWalkCost
    }

    /// Documents containing every required word (each by any of its candidates), except
    /// those in `excluded`, best `capacity` kept together with `seeds` (results of another
    /// conjunction with as many words, disjoint from this one, which it must beat). `total`
    /// counts this conjunction's matches only.
    ///
    /// Every match is counted, but a match is only scored when it could enter the top k: once
    /// the collector is full, a document with more typos than the worst kept one, or as many
    /// and a score upper bound (from the stored block maxima, FORMAT.md "POSTINGS") no higher,
    /// is passed over; with a single term and no filter whole blocks are counted and skipped
    /// undecoded. When matches need not all be counted, any run of documents up to the end of
    /// the current blocks is passed over at once when its bound cannot enter.
    mutating func conjunction(_ byWord: [[TermCandidate]], required: [Int], optional: [Int],
                              excluded: Set<UInt32> = [], capacity: Int? = nil,
                              seeds: [RankedDocument] = []) -> (ranked: [RankedDocument], total: Int) {
        let capacity = capacity ?? wanted
        let order = openCursors(byWord, words: required).enumerated().sorted { ($0.element.cost, $0.offset) < ($1.element.cost, $1.offset) }
        var groups = order.map(\.element)
        var optionalGroups = openCursors(byWord, words: optional)
        guard !groups.isEmpty, !groups.contains(where: \.isExhausted) else {
            return (Array(seeds.sorted { $0.ranksAbove($1) }.prefix(capacity)), 0)
        }
        // A walk that skips whole blocks is cheap, and gains most from one top k whose bar
        // rises early: it is not split (measured: one-word p99 at 100k products 300 -> 165 µs,
        // at 1M 530 -> 340-410 µs; multi-word walks keep gaining from the split at 1M).
        guard groups[0].cost >= parallelWalkCost, !skipsWholeBlocks(groups, optionalGroups),
              ProcessInfo.processInfo.activeProcessorCount > 1 else {
            return walk(&groups, &optionalGroups, excluded: excluded, capacity: capacity, seeds: seeds,
                        range: 0..<PostingsCursor.exhausted)
        }
        // A long walk is split at the middle document and its halves walked on two cores: the
        // halves share nothing but the mapped index, and their top k merge into the top k.
        let reopened = openCursors(byWord, words: required)
        var halfGroups = [groups, order.map { reopened[$0.offset] }]
        var halfOptionalGroups = [optionalGroups, openCursors(byWord, words: optional)]
        let middle = UInt32(index.documentCount / 2)
        let ranges = [0..<middle, middle..<PostingsCursor.exhausted]
        var results = [(ranked: [RankedDocument], total: Int)](repeating: ([], 0), count: 2)
        let execution = self
        results.withUnsafeMutableBufferPointer { output in
            halfGroups.withUnsafeMutableBufferPointer { required in
                halfOptionalGroups.withUnsafeMutableBufferPointer { optional in
                    // Each iteration touches only its own element of each buffer.
                    nonisolated(unsafe) let output = output
                    nonisolated(unsafe) let required = required
                    nonisolated(unsafe) let optional = optional
                    nonisolated(unsafe) let execution = execution
                    DispatchQueue.concurrentPerform(iterations: 2) { half in
                        output[half] = execution.walk(&required[half], &optional[half], excluded: excluded,
                                                      capacity: capacity, seeds: seeds, range: ranges[half])
                    }
                }
            }
        }
        // Both halves started from the seeds: keep each document once.
        var seen = Set<UInt32>()
        let merged = (results[0].ranked + results[1].ranked).sorted { $0.ranksAbove($1) }.filter { seen.insert($0.document).inserted }
        return (Array(merged.prefix(capacity)), results[0].total + results[1].total)
    }

    /// Driving-word postings longer than this are walked in two halves at once; shorter ones
    /// finish before a second thread would start (a walk costs some 100-200 ns a document,
    /// a second thread some 20-50 µs to start: splitting pays off from several thousand).
    static let defaultParallelWalkCost = 8_000

    /// The conjunction over the documents in `range`: the walk described at `conjunction`.
    private func walk(_ groups: inout [WordCursor], _ optionalGroups: inout [WordCursor], excluded: Set<UInt32>,
                      capacity: Int, seeds: [RankedDocument], range: Range<UInt32>) -> (ranked: [RankedDocument], total: Int) {
        if groups.count > 1, optionalGroups.isEmpty, groups.allSatisfy({ $0.cursors.count == 1 }) {
            return walkTerms(groups.map { $0.cursors[0] }, groups.map { $0.scoring[0] }, excluded: excluded,
                             capacity: capacity, seeds: seeds, range: range)
        }
        var collector = TopKCollector(capacity: capacity)
        for seed in seeds { collector.offer(seed) }
        var total = 0
        let columns = index.columns
        let pruning = self.pruning
        let optionalBounds = optionalGroups.map { globalBound(of: $0) }
        let skipsWholeBlocks = skipsWholeBlocks(groups, optionalGroups)
        // Excluded documents inside a skipped block must not be counted: those on this word's
        // postings, found up front with a copy of its cursor (they are few: one page at most).
        var excludedOnPostings: [UInt32] = []
        if skipsWholeBlocks, !excluded.isEmpty {
            var probe = groups[0].cursors[0]
            for document in excluded.sorted() {
                probe.advance(to: document)
                if probe.document == document { excludedOnPostings.append(document) }
            }
        }
        let unbounded = range.upperBound == PostingsCursor.exhausted
        groups[0].advance(to: range.lowerBound)
        var candidate = groups[0].document
        search: while candidate < range.upperBound {
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
            if !countsEveryMatch, pruning, let worst = collector.threshold {
                // Every group is on the candidate, so up to the first end of a current block
                // each term's documents lie in its current block, under its block maximum.
                let run = runBound(groups, optionalBounds: optionalBounds)
                if cannotEnter(typos: run.typos, bound: run.bound, worst: worst, document: candidate) {
                    // `range` ends at `exhausted` at most: past the guard, `run.last + 1` cannot overflow.
                    guard run.last < range.upperBound else { break search }
                    groups[0].advance(to: run.last + 1)
                    candidate = groups[0].document
                    continue search
                }
            }
            if !excluded.isEmpty && excluded.contains(candidate) || !filter.accepts(candidate, columns: columns) {
                groups[0].next()
                candidate = groups[0].document
                continue search
            }
            if pruning, let worst = collector.threshold {
                let (typos, bound) = typosAndBound(groups, optionalBounds: optionalBounds, at: candidate, documentOnly: !skipsWholeBlocks)
                if cannotEnter(typos: typos, bound: bound, worst: worst, document: candidate) {
                    let cursor = groups[0].cursors[0]
                    if skipsWholeBlocks, unbounded || cursor.blockLastDocument < range.upperBound {
                        // One candidate, so every document of its block has these typos and
                        // a score within this bound.
                        total += cursor.documentsLeftInCurrentBlock
                            - excludedOnPostings.count { $0 >= candidate && $0 <= cursor.blockLastDocument }
                        groups[0].skipCurrentBlock()
                    } else {
                        total += 1
                        groups[0].next()
                    }
                    candidate = groups[0].document
                    continue search
                }
            }
            total += 1
            // Under a price or rating sort, a document worse on that value is out, scored or
            // not. Its typos are unknown here, so only when the worst kept one has none.
            if let worst = collector.threshold, worst.typos == 0, sortValueCannotEnter(candidate, worst: worst, columns: columns) {
                groups[0].next()
                candidate = groups[0].document
                continue search
            }
            collector.offer(rank(candidate, groups: &groups, optionalGroups: &optionalGroups, columns: columns))
            groups[0].next()
            candidate = groups[0].document
        }
        return (collector.sorted(), total)
    }

    /// True when the sort is by a product value (price, rating) and `document`'s is worse than
    /// `worst`'s: then its score, only a tie-breaker, cannot lift it in. The caller has made
    /// sure it has at least `worst`'s typos (fewer would rank it above whatever its value).
    @inline(__always)
    func sortValueCannotEnter(_ document: UInt32, worst: RankedDocument, columns: ProductColumns) -> Bool {
        // Off with the bounds, so that the exhaustive search the tests compare with scores all.
        guard usesScoreBounds, sort != .relevance else { return false }
        // Under these sorts the primary value does not depend on the score.
        return Self.sortValues(document, score: 0, sort: sort, columns: columns).primary < worst.primary
    }

    /// Bounds stand in for scores only when ranking is by score and the BM25 parameters are
    /// the index's own, which the stored maxima were computed with.
    var pruning: Bool { usesScoreBounds && sort == .relevance && scorer.usesIndexDefaults }

    /// True when a walk passes over whole blocks whose bound cannot enter, counting them
    /// undecoded: a single term, no filter, nothing optional.
    private func skipsWholeBlocks(_ groups: [WordCursor], _ optionalGroups: [WordCursor]) -> Bool {
        pruning && groups.count == 1 && groups[0].cursors.count == 1 && optionalGroups.isEmpty && filter.isEmpty
    }

    /// True when `document`, or any later one, with at least `typos` typos and a score of at
    /// most `bound` cannot rank above `worst`. Conjunction matches (and seeds) tie on words;
    /// fewer typos rank first; a tie on score goes to the lower document. The bound is exact,
    /// not estimated: the indexer computes block maxima with the scorer's own weight formula
    /// and scores are monotone in weights (`BM25FScorer.score`), which a test checks.
    @inline(__always)
    func cannotEnter(typos: Int, bound: Float, worst: RankedDocument, document: UInt32) -> Bool {
        if typos != worst.typos { return typos > worst.typos }
        let score = Double(bound)
        return score < worst.primary || score == worst.primary && document > worst.document
    }

    /// For the documents from the current one (which every group is on) to `last`, the first
    /// end of a current block among the cursors: the fewest typos and the highest score any
    /// of them can have. In that run each cursor's documents are in its current block, and a
    /// cursor already past `last` has none. Summed in `rank`'s order, like `typosAndBound`.
    @inline(__always)
    private func runBound(_ groups: [WordCursor], optionalBounds: [Float]) -> (typos: Int, bound: Float, last: UInt32) {
        var last = PostingsCursor.exhausted
        for group in groups {
            for cursor in group.cursors where !cursor.isExhausted {
                last = min(last, cursor.blockLastDocument)
            }
        }
        var typos = 0
        var bound: Float = 0
        for group in groups {
            var fewest = Int.max
            var best: Float = 0
            for (position, cursor) in group.cursors.enumerated() where !cursor.isExhausted && cursor.document <= last {
                let candidate = group.scoring[position]
                fewest = min(fewest, candidate.typos)
                best = max(best, scorer.score(weight: cursor.blockMaxWeight, idf: candidate.idf) * candidate.scoreFactor)
            }
            typos += fewest == Int.max ? 0 : fewest
            bound += best
        }
        for optionalBound in optionalBounds { bound += optionalBound }
        return (typos, bound, last)
    }

    /// The document's typo count as `rank` will count it (each word by its fewest-typo
    /// candidate there) and an upper bound of its score: per word, the best block maximum
    /// among those fewest-typo candidates, summed in the order `rank` sums scores so that the
    /// bound rounds like the score. With `documentOnly` each maximum is tightened by the
    /// document's own postings (`termWeightBound`): then it bounds this document only, not
    /// the rest of its block.
    @inline(__always)
    private func typosAndBound(_ groups: [WordCursor], optionalBounds: [Float], at document: UInt32, documentOnly: Bool) -> (Int, Float) {
        var typos = 0
        var bound: Float = 0
        for groupIndex in groups.indices {
            let group = groups[groupIndex]
            var fewest = Int.max
            var best: Float = 0
            for (position, cursor) in group.cursors.enumerated() where cursor.document == document {
                let candidate = group.scoring[position]
                let weight = documentOnly ? min(cursor.blockMaxWeight, scorer.termWeightBound(cursor)) : cursor.blockMaxWeight
                let score = scorer.score(weight: weight, idf: candidate.idf) * candidate.scoreFactor
                if candidate.typos < fewest {
                    fewest = candidate.typos
                    best = score
                } else if candidate.typos == fewest {
                    best = max(best, score)
                }
            }
            typos += fewest == Int.max ? 0 : fewest
            bound += best
        }
        for optionalBound in optionalBounds { bound += optionalBound }
        return (typos, bound)
    }

    /// The most the word can add to any document's score.
    private func globalBound(of group: WordCursor) -> Float {
        var best: Float = 0
        for (position, cursor) in group.cursors.enumerated() {
            let candidate = group.scoring[position]
            best = max(best, scorer.score(weight: cursor.maxWeight, idf: candidate.idf) * candidate.scoreFactor)
        }
        return best
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
            let candidate = group.scoring[position]
            let candidateIndex = candidate.flatIndex
            let score = scorer.score(weight: scorer.termWeight(cursor), idf: candidate.idf) * candidate.scoreFactor
            if candidate.typos < bestTypos || (candidate.typos == bestTypos && score > bestScore) {
                bestTypos = candidate.typos
                bestScore = score
            }
            if candidateIndex < 64 { mask |= 1 << UInt64(candidateIndex) }
        }
        return (bestTypos == Int.max ? 0 : bestTypos, bestScore)
    }

    /// The candidate's position in `flatCandidates`, added on first use: tiers that run
    /// several conjunctions over the same candidates keep one explanation bit per candidate.
    private mutating func flatIndex(of candidate: TermCandidate) -> Int {
        let key = FlatKey(wordIndex: candidate.wordIndex, termOrdinal: candidate.term.ordinal)
        if let known = flatIndexByCandidate[key] { return known }
        flatIndexByCandidate[key] = flatCandidates.count
        flatCandidates.append(candidate)
        return flatCandidates.count - 1
    }

    private mutating func openCursors(_ byWord: [[TermCandidate]], words: [Int]) -> [WordCursor] {
        var groups: [WordCursor] = []
        for word in words {
            var cursors: [PostingsCursor] = []
            var scoring: [CandidateScoring] = []
            for candidate in byWord[word] {
                let start = candidate.term.postingsOffset
                let length = candidate.term.postingsLength
                // A range outside POSTINGS is corruption: the candidate is left out rather
                // than read out of bounds.
                guard start >= 0, length >= 0, start <= index.postings.count, length <= index.postings.count - start else { continue }
                let bytes = UnsafeRawBufferPointer(rebasing: index.postings[start..<(start + length)])
                cursors.append(PostingsCursor(postings: bytes, documentFrequency: candidate.term.documentFrequency,
                                              documentLimit: UInt32(index.documentCount)))
                scoring.append(CandidateScoring(flatIndex: flatIndex(of: candidate), idf: candidate.idf,
                                                scoreFactor: candidate.scoreFactor, typos: candidate.typos))
            }
            groups.append(WordCursor(wordIndex: word, cursors: cursors, scoring: scoring))
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
