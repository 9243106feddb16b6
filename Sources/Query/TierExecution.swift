import Foundation
import IndexFormat

/// Evaluates one tier of a search: opens the candidate terms of its words, chooses the parts
/// of the walk for the query's shape (scorers, collector, whether to count whole blocks, one
/// core or two), and runs `ConjunctionWalk` over them.
///
/// Cost: the conjunction is driven by its cheapest word; every other word is advanced with
/// skips, so a rare word in the query makes the whole query cheap. Each matching document
/// costs one filter check and, if its bounds let it, one BM25F evaluation per matched
/// candidate.
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
    /// Matches each walk counts exactly before it may pass over runs of documents that
    /// cannot enter the top k uncounted (`ConjunctionWalk.countLimit`): `Int.max` when every
    /// match is counted, 0 when none need be (`SearchRequest.countsEveryMatch`). The
    /// searcher lowers it step by step to what is left of `SearchRequest.countBound`.
    var countLimit: Int
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
        self.countLimit = countsEveryMatch ? Int.max : 0
        self.parallelWalkCost = parallelWalkCost
    }

    /// Documents containing every required word (each by any of its candidates), except
    /// those in `excluded`, best `capacity` kept together with `seeds` (results of another
    /// conjunction with as many words, disjoint from this one, which it must beat). `total`
    /// counts this conjunction's matches only.
    ///
    /// Every match is counted, but a match is only scored when it could enter the top k
    /// (`ConjunctionWalk`): once the collector is full, a run of documents whose bound from
    /// the stored block maxima (FORMAT.md "POSTINGS") cannot beat the worst kept result is
    /// passed over, and a document whose bound from its own postings cannot is not scored.
    /// With a single term and no filter whole blocks are counted and skipped undecoded. When
    /// matches need not all be counted, such runs are passed over uncounted.
    mutating func conjunction(_ byWord: [[TermCandidate]], required: [Int], optional: [Int],
                              excluded: Set<UInt32> = [], capacity: Int? = nil,
                              seeds: [RankedDocument] = []) -> (ranked: [RankedDocument], total: Int) {
        let capacity = capacity ?? wanted
        guard let plan = open(byWord, required: required, optional: optional) else {
            return (Array(seeds.sorted { $0.ranksAbove($1) }.prefix(capacity)), 0)
        }
        // A walk that skips whole blocks is cheap, and gains most from one top k whose bar
        // rises early: it is not split (measured: one-word p99 at 100k products 300 -> 165 µs,
        // at 1M 530 -> 340-410 µs; multi-word walks keep gaining from the split at 1M).
        guard plan.leadCost >= parallelWalkCost, !countsWholeBlocks(plan),
              ProcessInfo.processInfo.activeProcessorCount > 1 else {
            return walk(plan, excluded: excluded, capacity: capacity, seeds: seeds, range: 0..<PostingsCursor.exhausted)
        }
        // A long walk is split at the middle document and its halves walked on two cores: the
        // halves share nothing but the mapped index (each copies the plan's unmoved cursors),
        // and their top k merge into the top k (Tantivy's `merge_fruits`).
        let middle = UInt32(index.documentCount / 2)
        let ranges = [0..<middle, middle..<PostingsCursor.exhausted]
        var results = [(ranked: [RankedDocument], total: Int)](repeating: ([], 0), count: 2)
        let execution = self
        results.withUnsafeMutableBufferPointer { output in
            // Each iteration touches only its own element of the buffer.
            nonisolated(unsafe) let output = output
            nonisolated(unsafe) let execution = execution
            nonisolated(unsafe) let plan = plan
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                output[half] = execution.walk(plan, excluded: excluded, capacity: capacity, seeds: seeds, range: ranges[half])
            }
        }
        // Both halves started from the seeds: keep each document once.
        var seen = Set<UInt32>()
        let merged = (results[0].ranked + results[1].ranked).sorted { $0.ranksAbove($1) }.filter { seen.insert($0.document).inserted }
        return (Array(merged.prefix(capacity)), results[0].total + results[1].total)
    }

    /// Documents containing any of `words` (each by any of its candidates), except those in
    /// `excluded`, best `capacity` kept by `WordDisjunction`'s order: least
    /// weight of the words missing (`weights`, one per word), then typos, then the sort
    /// value. `optional` words add score where they occur. `total` counts every match.
    ///
    /// One walk over the union of the words' postings, on one core: it runs only when the
    /// conjunctions found fewer products than a page. Under a price or rating sort a match
    /// missing as much as the worst kept result or more is dropped by its value unscored.
    mutating func disjunction(_ byWord: [[TermCandidate]], words: [Int], weights: [Float], optional: [Int],
                              excluded: Set<UInt32>, capacity: Int) -> (ranked: [RankedDocument], total: Int) {
        var terms: [TermScorer] = []
        var wordRanges: [Range<Int>] = []
        var wordWeights: [Float] = []
        for (word, weight) in zip(words, weights) {
            let opened = openTerms(of: byWord[word])
            guard !opened.isEmpty else { continue }
            wordRanges.append(terms.count..<(terms.count + opened.count))
            wordWeights.append(weight)
            terms += opened
        }
        var optionalRanges: [Range<Int>] = []
        for word in optional {
            let opened = openTerms(of: byWord[word])
            optionalRanges.append(terms.count..<(terms.count + opened.count))
            terms += opened
        }
        guard !wordRanges.isEmpty else { return ([], 0) }
        let order = SortOrder(sort: sort, columns: index.columns, usesScoreBounds: usesScoreBounds)
        let walk = ConjunctionWalk(scorer: scorer, filter: filter, columns: index.columns, excluded: excluded,
                                   pruning: pruning, countLimit: countLimit, wholeBlocks: nil)
        let scorer = self.scorer
        return terms.withUnsafeMutableBufferPointer { terms in
            var unions = wordRanges.map { Union(UnsafeMutableBufferPointer(rebasing: terms[$0])) }
            var optionalUnions = optionalRanges.map { Union(UnsafeMutableBufferPointer(rebasing: terms[$0])) }
            return unions.withUnsafeMutableBufferPointer { unions in
                optionalUnions.withUnsafeMutableBufferPointer { optionalUnions in
                    let any = WordDisjunction(unions, weights: wordWeights, within: 0..<PostingsCursor.exhausted)
                    if optionalUnions.isEmpty {
                        var matches = any
                        var collector = ScoringCollector<WordDisjunction<Union<TermScorer>>>(
                            capacity: capacity, seeds: [], order: order, scorer: scorer, fewestTypos: matches.fewestTypos)
                        return walk.run(&matches, into: &collector, end: PostingsCursor.exhausted)
                    }
                    var matches = OptionalWords(any, optional: optionalUnions, scorer: scorer)
                    var collector = ScoringCollector<OptionalWords<WordDisjunction<Union<TermScorer>>, Union<TermScorer>>>(
                        capacity: capacity, seeds: [], order: order, scorer: scorer, fewestTypos: matches.fewestTypos)
                    return walk.run(&matches, into: &collector, end: PostingsCursor.exhausted)
                }
            }
        }
    }

    /// Driving-word postings longer than this are walked in two halves at once; shorter ones
    /// finish before a second thread would start (a walk costs some 100-200 ns a document,
    /// a second thread some 20-50 µs to start: splitting pays off from several thousand).
    static let defaultParallelWalkCost = 8_000

    /// Bounds stand in for scores only when ranking is by score and the BM25 parameters are
    /// the index's own, which the stored maxima were computed with.
    var pruning: Bool { usesScoreBounds && sort == .relevance && scorer.usesIndexDefaults }

    /// True when a walk counts whole blocks whose bound cannot enter, undecoded: a single
    /// term, no filter, nothing optional.
    private func countsWholeBlocks(_ plan: ConjunctionPlan) -> Bool {
        pruning && plan.terms.count == 1 && plan.optionalWords.isEmpty && filter.isEmpty
    }

    /// The conjunction over the documents in `range`, walked by the parts its shape calls for
    /// (the walk itself is always `ConjunctionWalk`):
    /// - every required word one term, several words, nothing optional (the usual exact
    ///   query): an intersection of term scorers into a collector scoring in batches;
    /// - every required word one term otherwise (one word, or optional words): an
    ///   intersection of term scorers, with the optional words' unions if any, into a
    ///   collector scoring each match at once, so that the top k's bar rises from the first
    ///   match; one term alone without filter also counts whole blocks;
    /// - some word of several candidate terms (prefix completions, typo candidates): an
    ///   intersection of unions, one a word, with optional words if any, scoring at once.
    private func walk(_ plan: ConjunctionPlan, excluded: Set<UInt32>, capacity: Int, seeds: [RankedDocument],
                      range: Range<UInt32>) -> (ranked: [RankedDocument], total: Int) {
        let order = SortOrder(sort: sort, columns: index.columns, usesScoreBounds: usesScoreBounds)
        let wholeBlocks = countsWholeBlocks(plan) ? WholeBlockCounting(term: plan.terms[0].cursor, excluded: excluded) : nil
        let conjunctionWalk = ConjunctionWalk(scorer: scorer, filter: filter, columns: index.columns, excluded: excluded,
                                              pruning: pruning, countLimit: countLimit, wholeBlocks: wholeBlocks)
        // A copy of the plan's cursors, moved by this walk only.
        var terms = plan.terms
        return terms.withUnsafeMutableBufferPointer { terms in
            var optional = plan.optionalWords.map { Union(UnsafeMutableBufferPointer(rebasing: terms[$0])) }
            return optional.withUnsafeMutableBufferPointer { optional in
                if plan.oneTermPerRequiredWord {
                    let wordCount = plan.requiredWords.count
                    var matches = Intersection(UnsafeMutableBufferPointer(rebasing: terms[0..<wordCount]), within: range)
                    guard wordCount > 1, optional.isEmpty else {
                        return collect(matches, optional: optional, walk: conjunctionWalk, order: order, capacity: capacity,
                                       seeds: seeds, end: range.upperBound)
                    }
                    return BatchScoringCollector.withCollector(for: matches, capacity: capacity, seeds: seeds, order: order,
                                                               scorer: scorer) { collector in
                        conjunctionWalk.run(&matches, into: &collector, end: range.upperBound)
                    }
                }
                var words = plan.requiredWords.map { Union(UnsafeMutableBufferPointer(rebasing: terms[$0])) }
                return words.withUnsafeMutableBufferPointer { words in
                    collect(Intersection(words, within: range), optional: optional, walk: conjunctionWalk, order: order,
                            capacity: capacity, seeds: seeds, end: range.upperBound)
                }
            }
        }
    }

    /// Walks `required`, with `optional` words if any, into a collector scoring each match at once.
    private func collect<Required: MatchScorer>(_ required: Required, optional: UnsafeMutableBufferPointer<Union<TermScorer>>,
                                               walk: ConjunctionWalk, order: SortOrder, capacity: Int, seeds: [RankedDocument],
                                               end: UInt32) -> (ranked: [RankedDocument], total: Int) {
        if optional.isEmpty {
            var matches = required
            var collector = ScoringCollector<Required>(capacity: capacity, seeds: seeds, order: order, scorer: scorer,
                                                       fewestTypos: matches.fewestTypos)
            return walk.run(&matches, into: &collector, end: end)
        }
        var matches = OptionalWords(required, optional: optional, scorer: scorer)
        var collector = ScoringCollector<OptionalWords<Required, Union<TermScorer>>>(capacity: capacity, seeds: seeds, order: order,
                                                                                    scorer: scorer, fewestTypos: matches.fewestTypos)
        return walk.run(&matches, into: &collector, end: end)
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

    /// Opens the candidate terms of the words (a candidate whose postings range lies outside
    /// POSTINGS is corruption, and left out rather than read out of bounds), required words
    /// in query order then optional ones, so that explanation bits are given in that order.
    /// Nil when there is no required word or one has no postings: nothing can match.
    private mutating func open(_ byWord: [[TermCandidate]], required: [Int], optional: [Int]) -> ConjunctionPlan? {
        var requiredTerms: [[TermScorer]] = []
        for word in required { requiredTerms.append(openTerms(of: byWord[word])) }
        var optionalTerms: [[TermScorer]] = []
        for word in optional { optionalTerms.append(openTerms(of: byWord[word])) }
        // The cheapest word leads the intersection (ties in query order).
        let byCost = requiredTerms.map { $0.reduce(0) { $0 + $1.cost } }.enumerated()
            .sorted { ($0.element, $0.offset) < ($1.element, $1.offset) }
        let ordered = byCost.map { requiredTerms[$0.offset] }
        guard let lead = byCost.first, !ordered.contains(where: { $0.allSatisfy(\.isExhausted) }) else { return nil }
        var terms: [TermScorer] = []
        var requiredWords: [Range<Int>] = []
        var optionalWords: [Range<Int>] = []
        for word in ordered {
            requiredWords.append(terms.count..<(terms.count + word.count))
            terms += word
        }
        for word in optionalTerms {
            optionalWords.append(terms.count..<(terms.count + word.count))
            terms += word
        }
        return ConjunctionPlan(terms: terms, requiredWords: requiredWords, optionalWords: optionalWords, leadCost: lead.element,
                               oneTermPerRequiredWord: ordered.allSatisfy { $0.count == 1 })
    }

    private mutating func openTerms(of candidates: [TermCandidate]) -> [TermScorer] {
        var terms: [TermScorer] = []
        for candidate in candidates {
            let start = candidate.term.postingsOffset
            let length = candidate.term.postingsLength
            guard start >= 0, length >= 0, start <= index.postings.count, length <= index.postings.count - start else { continue }
            let bytes = UnsafeRawBufferPointer(rebasing: index.postings[start..<(start + length)])
            let cursor = PostingsCursor(postings: bytes, documentFrequency: candidate.term.documentFrequency,
                                        documentLimit: UInt32(index.documentCount))
            terms.append(TermScorer(cursor: cursor, scoring: CandidateScoring(flatIndex: flatIndex(of: candidate), idf: candidate.idf,
                                                                             scoreFactor: candidate.scoreFactor, typos: candidate.typos)))
        }
        return terms
    }

}

/// The terms of one conjunction, opened and not yet moved: what each walk of it (or each
/// half of a split walk) starts from, copying the cursors.
struct ConjunctionPlan {
    /// Every candidate term, word after word: the required words cheapest first, then the
    /// optional ones.
    let terms: [TermScorer]
    /// Each required word's terms in `terms`, the lead (cheapest) first.
    let requiredWords: [Range<Int>]
    let optionalWords: [Range<Int>]
    /// The lead word's cost: its terms' document frequencies summed.
    let leadCost: Int
    let oneTermPerRequiredWord: Bool
}
