import Analysis
import IndexFormat

/// Runs one search over a shared `SearchIndex`. All state is local to the call, so any
/// number of searches run at once.
///
/// Ranking puts products matching more required words first, then fewer typos, then the
/// sort value (README, "How search ranks"). That order lets the search stop early, tier by
/// tier, and each tier is a conjunction driven by its rarest word:
/// 1. every required word, matched exactly, by stem or (last word) by prefix;
/// 2. if that finds fewer than needed: every required word, typo candidates allowed for the
///    words the catalog does not have as typed;
/// 3. if still too few: products with all but one of the words, then all but two, ...
///    (the shopper's query over-constrains the catalog).
/// A later tier includes everything an earlier one found, so its ranking stands alone.
public struct Searcher: Sendable {
    public let index: SearchIndex

    /// False makes every search score every match instead of skipping those whose score
    /// bound cannot reach the top k; results are the same, which tests check.
    let usesScoreBounds: Bool
    /// Driving cost from which a walk is split over two cores (`TierExecution`).
    let parallelWalkCost: Int

    public init(index: SearchIndex) {
        self.init(index: index, usesScoreBounds: true)
    }

    init(index: SearchIndex, usesScoreBounds: Bool, parallelWalkCost: Int = TierExecution.defaultParallelWalkCost) {
        self.index = index
        self.usesScoreBounds = usesScoreBounds
        self.parallelWalkCost = parallelWalkCost
    }

    public func search(_ request: SearchRequest) throws(IndexFormatError) -> SearchResponse {
        let parsedWords = QueryWords.parse(request.query)
        // No search ranks more documents than the index holds: bounding the sum here keeps it
        // from overflowing and the top-k's memory from following a caller's huge limit.
        let documentCount = index.documentCount
        let wanted = min(max(0, request.offset), documentCount) + min(max(0, request.limit), documentCount)
        let scorer = BM25FScorer(metadata: index.metadata, norms: index.norms, parameters: request.ranking)
        let filter = try ResolvedFilter(request.filter, index: index)
        let queryWords = parsedWords.map(\.surfaceText)

        guard !parsedWords.isEmpty else {
            let (ranked, total) = browse(filter: filter, sort: request.sort, wanted: wanted)
            return SearchResponse(hits: try makeHits(ranked, request: request, candidates: [], words: []),
                                  totalMatches: total, queryWords: [], requiredWordCount: 0,
                                  isPartialMatch: false, usedTypoTolerance: false)
        }
        var candidates = try TermCandidates(index: index, scorer: scorer, words: parsedWords, prefixMatching: request.prefixMatching)
        // The words after joined, split and synonymous forms were added (`QueryExpansion`).
        let words = candidates.words
        // Stop words are optional unless the query is nothing but stop words.
        let requiredWords = words.indices.filter { !words[$0].isStopWord }
        let required = requiredWords.isEmpty ? Array(words.indices) : requiredWords
        let optional = words.indices.filter { !required.contains($0) }

        var execution = TierExecution(index: index, scorer: scorer, filter: filter, sort: request.sort, wanted: wanted,
                                      usesScoreBounds: usesScoreBounds, countsEveryMatch: request.countsEveryMatch,
                                      parallelWalkCost: parallelWalkCost)

        // Tier 1: every required word without typos.
        var found: (ranked: [RankedDocument], total: Int) = ([], 0)
        if required.allSatisfy({ !candidates.byWord[$0].isEmpty }) {
            found = execution.conjunction(candidates.byWord, required: required, optional: optional)
            if found.total >= wanted {
                return SearchResponse(hits: try makeHits(found.ranked, request: request, candidates: execution.flatCandidates, words: words),
                                      totalMatches: found.total, queryWords: queryWords, requiredWordCount: required.count,
                                      isPartialMatch: false, usedTypoTolerance: false)
            }
        }
        // Tier 2: every required word, typo candidates for the words the catalog lacks as
        // typed. A word it has is taken as meant: its typo neighbours would be other words.
        if request.typoTolerance, try candidates.addTypoCandidates(prefixMatching: request.prefixMatching),
           required.allSatisfy({ !candidates.byWord[$0].isEmpty }) {
            found = execution.conjunction(candidates.byWord, required: required, optional: optional)
            if found.total >= wanted || required.count == 1 {
                return SearchResponse(hits: try makeHits(found.ranked, request: request, candidates: execution.flatCandidates, words: words),
                                      totalMatches: found.total, queryWords: queryWords, requiredWordCount: required.count,
                                      isPartialMatch: false, usedTypoTolerance: candidates.typosAdded)
            }
        }
        guard request.partialMatches else {
            return SearchResponse(hits: try makeHits(found.ranked, request: request, candidates: execution.flatCandidates, words: words),
                                  totalMatches: found.total, queryWords: queryWords, requiredWordCount: required.count,
                                  isPartialMatch: false, usedTypoTolerance: candidates.typosAdded)
        }
        // Tier 3: products matching fewer of the words, more words first: every choice of
        // all but one word, then all but two, ... Each choice is a conjunction, so a rare word
        // keeps it cheap. Results of one size are disjoint (a product matching two choices
        // would match more words) and every larger match is already in `ranked` (the steps
        // stop once the page is full), so counts add up and nothing repeats.
        var ranked = found.ranked
        var total = found.total
        var excluded = Set(ranked.map(\.document))
        // A word the catalog has nothing for, even with typos, cannot match: leave it out
        // rather than let it sink every step.
        let matchable = required.filter { !candidates.byWord[$0].isEmpty }
        let largestSize = matchable.count == required.count ? matchable.count - 1 : matchable.count
        //
        // The choices of one size share their top k: each starts from the best found so far,
        // so once a rare word's choice has filled it, a common word's choice is mostly passed
        // over by its score bounds instead of scored. Cheapest (rarest) choices go first.
        let costOfWord = { (word: Int) in candidates.byWord[word].reduce(0) { $0 + $1.term.documentFrequency } }
        for size in stride(from: largestSize, through: 1, by: -1) where ranked.count < wanted {
            let capacity = wanted - ranked.count
            var sized: [RankedDocument] = []
            let choices = Self.wordChoices(of: matchable, size: size).enumerated()
                .map { (cost: $0.element.map(costOfWord).min() ?? 0, order: $0.offset, words: $0.element) }
                .sorted { ($0.cost, $0.order) < ($1.cost, $1.order) }
            for choice in choices {
                let step = execution.conjunction(candidates.byWord, required: choice.words, optional: optional,
                                                 excluded: excluded, capacity: capacity, seeds: sized)
                sized = step.ranked
                total += step.total
            }
            ranked += sized
            excluded.formUnion(sized.map(\.document))
        }
        let hits = try makeHits(ranked, request: request, candidates: execution.flatCandidates, words: words)
        let isPartial = hits.contains { $0.matchedWordCount < required.count }
        return SearchResponse(hits: hits, totalMatches: total, queryWords: queryWords, requiredWordCount: required.count,
                              isPartialMatch: isPartial, usedTypoTolerance: candidates.typosAdded)
    }

    /// The ways to keep `size` of `words`, in query order. Long queries would make many
    /// choices; beyond `maximumWordChoices` only the leading words are kept (the "last"
    /// matching strategy of Meilisearch: a shopper's first words usually name the product).
    static func wordChoices(of words: [Int], size: Int) -> [[Int]] {
        guard size > 0, size <= words.count else { return [] }
        var choices: [[Int]] = []
        func choose(from start: Int, _ chosen: [Int]) {
            guard choices.count <= maximumWordChoices else { return }
            if chosen.count == size {
                choices.append(chosen)
                return
            }
            guard start < words.count else { return }
            for next in start..<words.count where words.count - next >= size - chosen.count {
                choose(from: next + 1, chosen + [words[next]])
            }
        }
        choose(from: 0, [])
        return choices.count > maximumWordChoices ? [Array(words.prefix(size))] : choices
    }

    static let maximumWordChoices = 8

    /// An empty query lists the products passing the filter, in sort order (relevance falls
    /// back to rating, the best signal without words).
    private func browse(filter: ResolvedFilter, sort: SearchSort, wanted: Int) -> ([RankedDocument], Int) {
        var collector = TopKCollector(capacity: wanted)
        var total = 0
        let columns = index.columns
        let order = SortOrder(sort: sort == .relevance ? .ratingDescending : sort, columns: columns, usesScoreBounds: false)
        for document in 0..<UInt32(index.documentCount) where filter.accepts(document, columns: columns) {
            total += 1
            collector.offer(order.ranked(document, words: 0, typos: 0, score: 0, mask: 0))
        }
        return (collector.sorted(), total)
    }

    private func makeHits(_ ranked: [RankedDocument], request: SearchRequest, candidates: [TermCandidate],
                          words: [QueryWord]) throws(IndexFormatError) -> [SearchHit] {
        let page = ranked.dropFirst(max(0, request.offset))
        var hits: [SearchHit] = []
        hits.reserveCapacity(page.count)
        for entry in page {
            var product: StoredProduct?
            if request.includeProducts { product = try index.product(document: entry.document) }
            let matches = MatchExplainer.explain(mask: entry.candidateMask, candidates: candidates, words: words, product: product)
            hits.append(SearchHit(document: entry.document, productID: product?.id ?? index.productID(document: entry.document),
                                  score: entry.score, matchedWordCount: entry.matchedWords, typoCount: entry.typos,
                                  matches: matches, product: product))
        }
        return hits
    }
}
