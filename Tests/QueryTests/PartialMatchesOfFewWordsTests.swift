import Analysis
import Testing
@testable import Query

/// `PartialMatchesOfFewWords` stands in for `WordDisjunction`'s walk on queries of two or
/// three words: it must give the same results, bit for bit, in the same order, whatever the
/// page, the sort and the filter.
@Suite struct PartialMatchesOfFewWordsTests {
    /// Word pairs and triples of the generated catalog that few or no products hold together,
    /// with common words, rare ones and a last word of several completions.
    static let queries = ["sony book", "leather headphones", "dog coffee maker", "organic size black", "black book",
                          "wireless leather mug", "size black", "coffee headphones cable", "tea dog", "blue gel sony",
                          "steel organic runn"]

    @Test(arguments: [SearchSort.relevance, .priceAscending, .ratingDescending])
    func conjunctionsGiveTheDisjunctionsResults(sort: SearchSort) throws {
        let index = ScoreBoundTests.index
        let scorer = BM25FScorer(metadata: index.metadata, norms: index.norms, parameters: BM25Parameters())
        var compared = 0
        for query in Self.queries {
            let candidates = try TermCandidates(index: index, scorer: scorer, words: QueryWords.parse(query), prefixMatching: true)
            let words = candidates.words.indices.filter { !candidates.words[$0].isStopWord && !candidates.byWord[$0].isEmpty }
            guard words.count == 2 || words.count == 3 else { continue }
            let weights = words.map { word in
                scorer.inverseDocumentFrequency(documentFrequency: candidates.byWord[word].reduce(0) { $0 + $1.term.documentFrequency })
            }
            for filter in [SearchFilter(), SearchFilter(maxPrice: 40)] {
                let resolved = try ResolvedFilter(filter, index: index)
                // The products with every word, all of them: what the tier runs after.
                var full = TierExecution(index: index, scorer: scorer, filter: resolved, sort: sort, wanted: index.documentCount)
                let excluded = Set(full.conjunction(candidates.byWord, required: words, optional: []).ranked.map(\.document))
                for capacity in [1, 5, 10, 40] {
                    for countsEveryMatch in [true, false] {
                        var walked = TierExecution(index: index, scorer: scorer, filter: resolved, sort: sort, wanted: capacity,
                                                   countsEveryMatch: true)
                        let expected = walked.disjunction(candidates.byWord, words: words, weights: weights, optional: [],
                                                          excluded: excluded, capacity: capacity)
                        var joined = TierExecution(index: index, scorer: scorer, filter: resolved, sort: sort, wanted: capacity,
                                                   countsEveryMatch: countsEveryMatch)
                        let found = PartialMatchesOfFewWords.search(&joined, byWord: candidates.byWord, words: words, weights: weights,
                                                                     optional: [], excluded: excluded, capacity: capacity,
                                                                     countsEveryMatch: countsEveryMatch)
                        let label = "\(query) \(filter) \(capacity) \(countsEveryMatch)"
                        #expect(found.ranked.map(\.document) == expected.ranked.map(\.document), "\(label)")
                        #expect(found.ranked.map(\.score) == expected.ranked.map(\.score), "\(label)")
                        #expect(found.ranked.map(\.missingWeight) == expected.ranked.map(\.missingWeight), "\(label)")
                        if countsEveryMatch && words.count == 2 {
                            #expect(found.total == expected.total, "\(label)")
                        } else {
                            #expect(found.total <= expected.total && found.total >= found.ranked.count, "\(label)")
                        }
                        compared += 1
                    }
                }
            }
        }
        #expect(compared >= 100)
    }
}
