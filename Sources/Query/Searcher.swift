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
            // Symbols or emoji only ("🎈", "!!!", "-"): there is nothing to match, and listing
            // the catalog as if nothing had been typed would answer a question not asked.
            if request.query.contains(where: { !$0.isWhitespace }) {
                return SearchResponse(hits: [], totalMatches: 0, queryWords: [], requiredWordCount: 0, notice: .noSearchableWords,
                                      isPartialMatch: false, usedTypoTolerance: false,
                                      facets: try countFacets(request, stages: [MatchedDocuments(byWord: [], anyWord: false)]))
            }
            let (ranked, total) = browse(filter: filter, sort: request.sort, wanted: wanted)
            return SearchResponse(hits: try makeHits(ranked, request: request, candidates: [], words: [], requiredWordCount: 0),
                                  totalMatches: total, queryWords: [], requiredWordCount: 0,
                                  isPartialMatch: false, usedTypoTolerance: false,
                                  facets: try countFacets(request, stages: [nil]))
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
        // Each step runs only while the steps before found fewer products than a page holds.
        // The bar is the page size, not `offset + limit`, so that whether a later step runs
        // does not depend on the page asked for: every page of a query sees the same results
        // and the same total, and `count`, `next` and the pages agree.
        let pageSize = min(max(0, request.limit), documentCount)
        var steps = StepResults()
        // Counted exactly up to the bound, all steps together: each step's walks count what
        // is left of it (a step runs only below a page, so below the bound, and every total
        // below the bound is exact). At least a page, so that that decision is exact too.
        let countBound = max(request.countBound, pageSize, 1)
        func limitCount() {
            if request.countsEveryMatch { execution.countLimit = countBound == Int.max ? Int.max : countBound - steps.total }
        }
        // What the steps run so far matched, after each, for the facets: each step's
        // candidates hold the step before's (`MatchedDocuments`).
        var stages: [MatchedDocuments?] = []

        // Step 1: every required word as a whole word (exact or same stem). A last word the
        // catalog has whole is taken as finished: its completions wait for step 2.
        let wholeWords = Self.withoutCompletionsOfKnownWords(candidates.byWord, words: words)
        if required.allSatisfy({ !wholeWords[$0].isEmpty }) {
            limitCount()
            steps.append(execution.conjunction(wholeWords, required: required, optional: optional, excluded: steps.found,
                                               capacity: wanted - steps.ranked.count))
            stages.append(MatchedDocuments(byWord: required.map { wholeWords[$0] }, anyWord: false))
        }
        // Step 2: the completions held back, below every whole-word match ("desk lamp": desk
        // lamps, then lampshades).
        if steps.total < pageSize, wholeWords.map(\.count) != candidates.byWord.map(\.count),
           required.allSatisfy({ !candidates.byWord[$0].isEmpty }) {
            limitCount()
            steps.append(execution.conjunction(candidates.byWord, required: required, optional: optional, excluded: steps.found,
                                               capacity: wanted - steps.ranked.count))
            stages.append(MatchedDocuments(byWord: required.map { candidates.byWord[$0] }, anyWord: false))
        }
        // Step 3: typo candidates for the words the catalog lacks as typed, or has only as a
        // rare neighbour of a far more frequent word (`TermCandidates.addTypoCandidates`).
        // A query of one word stops here: its partial matches would be these.
        let untyped = candidates.byWord.map(\.count)
        if steps.total < pageSize, request.typoTolerance, try candidates.addTypoCandidates(prefixMatching: request.prefixMatching),
           required.allSatisfy({ !candidates.byWord[$0].isEmpty }),
           let typed = Self.typoStepCandidates(candidates.byWord, untyped: untyped, required: required) {
            limitCount()
            steps.append(execution.conjunction(typed, required: required, optional: optional, excluded: steps.found,
                                               capacity: wanted - steps.ranked.count))
            stages.append(MatchedDocuments(byWord: required.map { candidates.byWord[$0] }, anyWord: false))
        }
        // Step 4: products matching some of the words, ranked by how much of the query they
        // cover, each word weighted by how informative it is (`WordDisjunction`). A word the
        // catalog has nothing for, even with typos, is left out: it cannot match.
        if request.partialMatches, required.count > 1, steps.total < pageSize {
            let matchable = required.filter { !candidates.byWord[$0].isEmpty }
            let weights = matchable.map { wordWeight(candidates.byWord[$0], scorer: scorer) }
            // Two words, or three when matches need not all be counted, each matchable: the
            // same results by conjunctions (`PartialMatchesOfFewWords`).
            limitCount()
            if matchable.count == required.count, matchable.count == 2 || matchable.count == 3 && !request.countsEveryMatch {
                steps.append(PartialMatchesOfFewWords.search(&execution, byWord: candidates.byWord, words: matchable, weights: weights,
                                                             optional: optional, excluded: steps.found,
                                                             capacity: wanted - steps.ranked.count,
                                                             countsEveryMatch: request.countsEveryMatch))
            } else {
                steps.append(execution.disjunction(candidates.byWord, words: matchable, weights: weights, optional: optional,
                                                   excluded: steps.found, capacity: wanted - steps.ranked.count))
            }
            stages.append(MatchedDocuments(byWord: matchable.map { candidates.byWord[$0] }, anyWord: true))
        }
        let hits = try makeHits(steps.ranked, request: request, candidates: execution.flatCandidates, words: words,
                                requiredWordCount: required.count)
        let isLowerBound = request.countsEveryMatch && steps.total >= countBound
        var response = SearchResponse(hits: hits, totalMatches: isLowerBound ? countBound : steps.total, queryWords: queryWords,
                                      requiredWordCount: required.count, isPartialMatch: hits.contains(where: \.isPartialMatch),
                                      usedTypoTolerance: candidates.typosAdded, facets: try countFacets(request, stages: stages))
        response.totalIsLowerBound = isLowerBound
        return response
    }

    /// The requested facets' counts over the matches after each step run (`stages`: nil,
    /// every document; none, nothing matched); none asked, nothing done.
    private func countFacets(_ request: SearchRequest, stages: [MatchedDocuments?]) throws(IndexFormatError) -> [FacetCounts] {
        guard !request.facets.isEmpty else { return [] }
        let counter = try FacetCounter(facets: request.facets, filter: request.filter, index: index)
        let pageSize = min(max(0, request.limit), index.documentCount)
        return counter.count(stages: stages, pageSize: pageSize, index: index)
    }

    /// A word's weight in the partial tier: the inverse document frequency of the documents
    /// any of its candidates holds (their frequencies summed, at most the catalog), so a word
    /// is as informative as what it matches, whichever candidate matched.
    private func wordWeight(_ candidates: [TermCandidate], scorer: BM25FScorer) -> Float {
        let frequency = min(index.documentCount, candidates.reduce(0) { $0 + $1.term.documentFrequency })
        return scorer.inverseDocumentFrequency(documentFrequency: frequency)
    }

    /// The candidates the typo step must walk, or nil when it can find nothing new. When it
    /// runs, the steps before found every product matching the words by the candidates they
    /// had (`untyped[w]` of word w's, the first ones): fewer than a page, all kept, and
    /// excluded from it. So a product it finds matches some required word by typo candidates
    /// only. When one required word got them, such a product holds none of that word's
    /// earlier candidates, and the word is walked by its typo candidates alone: the same
    /// products and scores, without walking again the postings of what it already found (a
    /// rare brand's frequent neighbour alone is a single-term walk that skips whole blocks).
    /// With no required word given any, nothing new can match.
    static func typoStepCandidates(_ byWord: [[TermCandidate]], untyped: [Int], required: [Int]) -> [[TermCandidate]]? {
        let typed = required.filter { byWord[$0].count > untyped[$0] }
        guard let word = typed.first else { return nil }
        guard typed.count == 1, untyped[word] > 0 else { return byWord }
        var walked = byWord
        walked[word] = Array(byWord[word][untyped[word]...])
        return walked
    }

    /// The candidates without the prefix completions of a word that has a whole-word
    /// candidate, unless it is a stop word: a stop word being typed is more likely the start
    /// of a word ("the" of "thermos", "can" of "candle") than a word meant, and its own
    /// matches weigh little, so its completions compete from the start.
    static func withoutCompletionsOfKnownWords(_ byWord: [[TermCandidate]], words: [QueryWord]) -> [[TermCandidate]] {
        byWord.enumerated().map { position, candidates in
            guard !words[position].isStopWord, candidates.contains(where: { $0.kind != .prefix }) else { return candidates }
            return candidates.filter { $0.kind != .prefix }
        }
    }

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
                          words: [QueryWord], requiredWordCount: Int) throws(IndexFormatError) -> [SearchHit] {
        let page = ranked.dropFirst(max(0, request.offset))
        var hits: [SearchHit] = []
        hits.reserveCapacity(page.count)
        let highlighter = request.highlights && request.includeProducts && !page.isEmpty
            ? try MatchHighlighter(candidates: candidates, index: index) : nil
        for entry in page {
            let cached = request.includeProducts ? try index.cachedProduct(document: entry.document) : nil
            let product = cached?.product
            let matches = MatchExplainer.explain(mask: entry.candidateMask, candidates: candidates, words: words, wordForms: cached?.wordForms)
            hits.append(SearchHit(document: entry.document, productID: product?.id ?? index.productID(document: entry.document),
                                  score: entry.score, matchedWordCount: entry.matchedWords, typoCount: entry.typos,
                                  matches: matches, product: product, isPartialMatch: entry.matchedWords < requiredWordCount,
                                  highlights: product.flatMap { product in highlighter?.highlights(of: product, mask: entry.candidateMask) }))
        }
        return hits
    }
}

/// The results of a search's steps, in step order: each step excludes what the steps before
/// found (all of it, as a step runs only when they found fewer than a page), so results never
/// repeat and the totals add up.
struct StepResults {
    private(set) var ranked: [RankedDocument] = []
    private(set) var total = 0
    private(set) var found = Set<UInt32>()

    mutating func append(_ step: (ranked: [RankedDocument], total: Int)) {
        ranked += step.ranked
        total += step.total
        found.formUnion(step.ranked.map(\.document))
    }
}
