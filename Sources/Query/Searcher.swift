import Analysis
import IndexFormat

/// Runs one search over a shared `SearchIndex`. All state is local to the call, so any
/// number of searches run at once.
///
/// Ranking puts products matching more required words first, then fewer typos, then the
/// sort value (README, "How search ranks"). That order lets the search stop early, tier by
/// tier, and each tier is a conjunction driven by its rarest word:
/// 1. every required word, matched exactly, by stem or (last word) by prefix;
/// 2. if that finds fewer than needed: every required word, typo candidates allowed;
/// 3. if still too few: any required word (the shopper's query over-constrains the catalog).
/// A later tier includes everything an earlier one found, so its ranking stands alone.
public struct Searcher: Sendable {
    public let index: SearchIndex

    public init(index: SearchIndex) {
        self.index = index
    }

    public func search(_ request: SearchRequest) throws(IndexFormatError) -> SearchResponse {
        let words = QueryWords.parse(request.query)
        let wanted = max(0, request.offset) + max(0, request.limit)
        let scorer = BM25FScorer(metadata: index.metadata, norms: index.norms, parameters: request.ranking)
        let filter = ResolvedFilter(request.filter, index: index)
        let queryWords = words.map(\.surfaceText)

        guard !words.isEmpty else {
            let (ranked, total) = browse(filter: filter, sort: request.sort, wanted: wanted)
            return SearchResponse(hits: try makeHits(ranked, request: request, candidates: [], words: []),
                                  totalMatches: total, queryWords: [], requiredWordCount: 0,
                                  isPartialMatch: false, usedTypoTolerance: false)
        }
        // Stop words are optional unless the query is nothing but stop words.
        let requiredWords = words.indices.filter { !words[$0].isStopWord }
        let required = requiredWords.isEmpty ? Array(words.indices) : requiredWords
        let optional = words.indices.filter { !required.contains($0) }

        var candidates = try TermCandidates(index: index, scorer: scorer, words: words, prefixMatching: request.prefixMatching)
        var execution = TierExecution(index: index, scorer: scorer, filter: filter, sort: request.sort, wanted: wanted)

        // Tier 1: every required word without typos.
        if required.allSatisfy({ !candidates.byWord[$0].isEmpty }) {
            let result = execution.conjunction(candidates.byWord, required: required, optional: optional)
            if result.total >= wanted || !request.typoTolerance {
                return SearchResponse(hits: try makeHits(result.ranked, request: request, candidates: execution.flatCandidates, words: words),
                                      totalMatches: result.total, queryWords: queryWords, requiredWordCount: required.count,
                                      isPartialMatch: false, usedTypoTolerance: false)
            }
        }
        if request.typoTolerance {
            try candidates.addTypoCandidates(prefixMatching: request.prefixMatching)
        }
        // Tier 2: every required word, typos allowed.
        if required.allSatisfy({ !candidates.byWord[$0].isEmpty }) {
            let result = execution.conjunction(candidates.byWord, required: required, optional: optional)
            if result.total >= wanted || required.count == 1 {
                return SearchResponse(hits: try makeHits(result.ranked, request: request, candidates: execution.flatCandidates, words: words),
                                      totalMatches: result.total, queryWords: queryWords, requiredWordCount: required.count,
                                      isPartialMatch: false, usedTypoTolerance: candidates.typosAdded)
            }
        }
        // Tier 3: any required word.
        let result = execution.union(candidates.byWord, required: required, optional: optional)
        let hits = try makeHits(result.ranked, request: request, candidates: execution.flatCandidates, words: words)
        let isPartial = hits.contains { $0.matchedWordCount < required.count }
        return SearchResponse(hits: hits, totalMatches: result.total, queryWords: queryWords, requiredWordCount: required.count,
                              isPartialMatch: isPartial, usedTypoTolerance: candidates.typosAdded)
    }

    /// An empty query lists the products passing the filter, in sort order (relevance falls
    /// back to rating, the best signal without words).
    private func browse(filter: ResolvedFilter, sort: SearchSort, wanted: Int) -> ([RankedDocument], Int) {
        var collector = TopKCollector(capacity: wanted)
        var total = 0
        let columns = index.columns
        for document in 0..<UInt32(index.documentCount) where filter.accepts(document, columns: columns) {
            total += 1
            let sortValues = TierExecution.sortValues(document, score: 0, sort: sort == .relevance ? .ratingDescending : sort, columns: columns)
            collector.offer(RankedDocument(document: document, matchedWords: 0, typos: 0, primary: sortValues.primary,
                                           secondary: sortValues.secondary, score: 0, candidateMask: 0))
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
