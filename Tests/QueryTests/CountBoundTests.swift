import Analysis
import Foundation
import Testing
@testable import Query

/// Totals counted up to a bound (issue 16, "Exact totals over millions of matches"): below
/// the bound the total is exact, from it on the total is the bound and said to be a lower
/// bound; the results never change; and the walk really stops counting. Over the generated
/// catalog of `ScoreBoundTests`, with bounds small enough for its postings.
@Suite struct CountBoundTests {
    /// One-word (single term, whole blocks counted), several words, prefixes, typos, partial
    /// matches of two and of four words, and a stop word.
    static let queries = ["black", "steel", "wireless headphones", "cotton shirt", "stainless ste", "headphnes wireless",
                          "lamp steel", "leather wallet black cotton", "the bag", "pro"]

    private func search(_ query: String, bound: Int, limit: Int, offset: Int, sort: SearchSort = .relevance,
                        filter: SearchFilter = SearchFilter(), parallelWalkCost: Int = TierExecution.defaultParallelWalkCost) throws
        -> SearchResponse {
        var request = SearchRequest(query: query, limit: limit, offset: offset, filter: filter, sort: sort, includeProducts: false)
        request.countBound = bound
        return try Searcher(index: ScoreBoundTests.index, usesScoreBounds: true, parallelWalkCost: parallelWalkCost).search(request)
    }

    /// Below the bound the total is the exact one; from it on it is the bound (at least a
    /// page), flagged; the hits are the exact search's, page by page, split walks or not.
    @Test(arguments: [1, 7, 40, 300])
    func totalIsExactBelowTheBoundAndTheBoundFromIt(bound: Int) throws {
        var boundedSeen = 0
        for query in Self.queries {
            for sort in [SearchSort.relevance, .priceAscending] {
                for filter in [SearchFilter(), SearchFilter(minPrice: 20)] {
                    for (limit, offset) in [(10, 0), (10, 20), (3, 6)] {
                        for parallelWalkCost in [TierExecution.defaultParallelWalkCost, 16] {
                            let exact = try search(query, bound: .max, limit: limit, offset: offset, sort: sort, filter: filter)
                            let bounded = try search(query, bound: bound, limit: limit, offset: offset, sort: sort, filter: filter,
                                                     parallelWalkCost: parallelWalkCost)
                            let label = "\(query) \(sort) \(filter.minPrice ?? 0) \(limit)+\(offset) \(parallelWalkCost)"
                            let effective = max(bound, limit)
                            #expect(!exact.totalIsLowerBound)
                            #expect(bounded.hits.map(\.productID) == exact.hits.map(\.productID), "\(label)")
                            if exact.totalMatches < effective {
                                #expect(bounded.totalMatches == exact.totalMatches, "\(label)")
                                #expect(!bounded.totalIsLowerBound, "\(label)")
                            } else {
                                #expect(bounded.totalMatches == effective, "\(label)")
                                #expect(bounded.totalIsLowerBound, "\(label)")
                                boundedSeen += 1
                            }
                        }
                    }
                }
            }
        }
        // The catalog gives every bound queries on both sides of it.
        #expect(boundedSeen > 0)
    }

    /// The total does not depend on the page asked for: every page of a query agrees.
    @Test func everyPageOfAQueryHasTheSameTotal() throws {
        for query in Self.queries {
            let totals = try (0..<8).map { page in
                let response = try search(query, bound: 25, limit: 5, offset: page * 5)
                return "\(response.totalMatches) \(response.totalIsLowerBound)"
            }
            #expect(Set(totals).count == 1, "\(query): \(totals)")
        }
    }

    /// Past its limit a walk passes over what cannot enter the top k uncounted: a frequent
    /// word's walk counts fewer matches than it has (by whole blocks, and filtered document
    /// by document), so the bound saves work, not just the number. "with" is the catalog's
    /// most frequent word but one (how much is saved depends on how its scores spread:
    /// Benchmarks/results/totals16.md measures it at a million products).
    @Test(arguments: ["with"])
    func aWalkStopsCountingAtItsLimit(query: String) throws {
        let index = ScoreBoundTests.index
        let scorer = BM25FScorer(metadata: index.metadata, norms: index.norms, parameters: BM25Parameters())
        let candidates = try TermCandidates(index: index, scorer: scorer, words: QueryWords.parse(query), prefixMatching: false)
        let required = Array(candidates.words.indices)
        for filter in [SearchFilter(), SearchFilter(minPrice: 1)] {
            let resolved = try ResolvedFilter(filter, index: index)
            var exact = TierExecution(index: index, scorer: scorer, filter: resolved, sort: .relevance, wanted: 5)
            let all = exact.conjunction(candidates.byWord, required: required, optional: [])
            var limited = TierExecution(index: index, scorer: scorer, filter: resolved, sort: .relevance, wanted: 5)
            limited.countLimit = 20
            let counted = limited.conjunction(candidates.byWord, required: required, optional: [])
            let label = "\(query) \(filter.minPrice ?? 0)"
            #expect(all.total > 1_000, "the query must match far more than the limit: \(all.total) \(label)")
            #expect(counted.total >= 20, "\(label)")
            #expect(counted.total < all.total * 3 / 4, "\(counted.total) of \(all.total) \(label)")
            #expect(counted.ranked.map(\.document) == all.ranked.map(\.document), "\(label)")
        }
    }
}
