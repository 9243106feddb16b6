import CatalogGenerator
import Foundation
import Indexer
import Testing
@testable import Query

/// Searches skip matches whose score bound cannot reach the top k. That is only right if the
/// bounds are true bounds, bit for bit, and if skipping never changes a result: both checked
/// here on generated catalogs large enough for many postings blocks.
@Suite struct ScoreBoundTests {
    static let index: SearchIndex = {
        var generator = CatalogGenerator(seed: 9)
        var builder = IndexBuilder()
        for _ in 0..<3_000 { builder.add(generator.next()) }
        do {
            return try SearchIndex(bytes: try builder.encoded())
        } catch {
            fatalError("cannot build the test index: \(error)")
        }
    }()

    @Test func storedBlockMaximaBoundEveryDocumentsWeightAndScore() throws {
        let index = Self.index
        let scorer = BM25FScorer(metadata: index.metadata, norms: index.norms, parameters: BM25Parameters())
        var checkedBlocks = 0
        for ordinal in 0..<index.terms.termCount {
            let info = try #require(try index.terms.entry(ordinal: ordinal)).info
            let bytes = UnsafeRawBufferPointer(rebasing: index.postings[info.postingsOffset..<(info.postingsOffset + info.postingsLength)])
            var cursor = PostingsCursor(postings: bytes, documentFrequency: info.documentFrequency, documentLimit: UInt32(index.documentCount))
            let idf = scorer.inverseDocumentFrequency(documentFrequency: info.documentFrequency)
            var lastBlockEnd: UInt32 = 0
            while !cursor.isExhausted {
                let weight = scorer.termWeight(cursor)
                #expect(weight <= cursor.blockMaxWeight, "term \(ordinal) document \(cursor.document)")
                #expect(weight <= scorer.termWeightBound(cursor), "term \(ordinal) document \(cursor.document)")
                #expect(cursor.blockMaxWeight <= cursor.maxWeight)
                #expect(scorer.score(weight: weight, idf: idf) <= scorer.score(weight: cursor.blockMaxWeight, idf: idf))
                if cursor.blockLastDocument != lastBlockEnd, cursor.blockLastDocument != .max {
                    checkedBlocks += 1
                    lastBlockEnd = cursor.blockLastDocument
                }
                cursor.next()
            }
        }
        // Terms of more than one block (128 documents) have a skip table to check.
        #expect(checkedBlocks > 100)
    }

    @Test func scoresNeverDecreaseWithWeight() {
        let scorer = BM25FScorer(metadata: Self.index.metadata, norms: Self.index.norms, parameters: BM25Parameters())
        var weight: Float = 0
        var previous = scorer.score(weight: 0, idf: 3.7)
        while weight < 50 {
            weight = weight.nextUp * 1.0001
            let score = scorer.score(weight: weight, idf: 3.7)
            #expect(score >= previous)
            previous = score
        }
    }

    @Test(arguments: [SearchSort.relevance, .priceAscending])
    func skippingByBoundsChangesNoResult(sort: SearchSort) throws {
        let pruned = Searcher(index: Self.index)
        let exhaustive = Searcher(index: Self.index, usesScoreBounds: false)
        let queries = ["wireless headphones", "black", "small", "coffee maker", "men's running shoes size 10", "leather",
                       "organic green tea", "headphon", "blue jeans", "the", "stand mixer red", "dog", "book",
                       "wireles headphnes", "usb-c cable 6 ft", "gel pens black", "sony", "size", "zzzz coffee",
                       // Few or no products with every word: the partial-match tier walks the
                       // words' disjunction, and without counting skips, under any sort, to
                       // documents holding enough of the words as the bar rises (WAND pivots,
                       // `WordDisjunction.raiseBar`).
                       "sony book", "leather headphones", "dog coffee maker", "organic size black",
                       "organic green tea leather headphones dog", "wireless coffee book size black running shoes",
                       "the black dog of the stand mixer"]
        for query in queries {
            for filter in [SearchFilter(), SearchFilter(maxPrice: 40), SearchFilter(categories: ["Electronics"])] {
                for limit in [1, 10, 25] {
                    let request = SearchRequest(query: query, limit: limit, filter: filter, sort: sort, includeProducts: false)
                    let fast = try pruned.search(request)
                    let slow = try exhaustive.search(request)
                    #expect(fast.hits.map(\.productID) == slow.hits.map(\.productID), "\(query) \(filter) \(limit)")
                    #expect(fast.hits.map(\.score) == slow.hits.map(\.score), "\(query)")
                    #expect(fast.totalMatches == slow.totalMatches, "\(query) \(filter) \(limit)")
                    // Without counting, whole runs are passed over: same hits, a total that
                    // is a lower bound.
                    var uncounted = request
                    uncounted.countsEveryMatch = false
                    let topOnly = try pruned.search(uncounted)
                    #expect(topOnly.hits.map(\.productID) == slow.hits.map(\.productID), "\(query) \(filter) \(limit)")
                    #expect(topOnly.hits.map(\.score) == slow.hits.map(\.score), "\(query)")
                    #expect(topOnly.totalMatches <= slow.totalMatches && topOnly.totalMatches >= topOnly.hits.count, "\(query)")
                }
            }
        }
    }

    /// Queries of two or three words taken from products' names, so that they share many
    /// products and scores come close or tie: where skipping by bounds goes wrong first.
    @Test func skippingByBoundsChangesNoResultOfNameWordQueries() throws {
        let index = Self.index
        let pruned = Searcher(index: index)
        let exhaustive = Searcher(index: index, usesScoreBounds: false)
        var compared = 0
        for step in 0..<240 {
            let document = UInt32((step * 7_919) % index.documentCount)
            let words = try index.product(document: document).name.split(separator: " ")
                .filter { $0.count >= 3 && $0.allSatisfy(\.isLetter) }
            guard words.count >= 2 else { continue }
            var query = "\(words[step % words.count]) \(words[(step * 3 + 1) % words.count])"
            if step % 3 == 0 { query += " \(words[(step + 2) % words.count])" }
            for limit in [1, 3, 10] {
                for countsEveryMatch in [true, false] {
                    // Every fourth query sorts by price, where matches are dropped by price.
                    let request = SearchRequest(query: query, limit: limit, sort: step % 4 == 1 ? .priceAscending : .relevance,
                                                prefixMatching: step % 2 == 0, includeProducts: false,
                                                countsEveryMatch: countsEveryMatch)
                    let fast = try pruned.search(request)
                    let slow = try exhaustive.search(request)
                    #expect(fast.hits.map(\.productID) == slow.hits.map(\.productID), "\(query) \(limit) \(countsEveryMatch)")
                    #expect(fast.hits.map(\.score) == slow.hits.map(\.score), "\(query) \(limit)")
                    if countsEveryMatch { #expect(fast.totalMatches == slow.totalMatches, "\(query) \(limit)") }
                    compared += 1
                }
            }
        }
        #expect(compared > 1_000)
    }

    /// Long walks run in two halves on two cores, each half with its own top k (and the
    /// partial tier's seeds in both). Splitting every walk must give what whole walks give.
    /// (On a one-core machine nothing is split and this compares a walk with itself.)
    @Test func splitWalksGiveTheResultsOfWholeWalks() throws {
        let whole = Searcher(index: Self.index, usesScoreBounds: true, parallelWalkCost: .max)
        let split = Searcher(index: Self.index, usesScoreBounds: true, parallelWalkCost: 1)
        let queries = ["black", "size", "wireless headphones", "leather", "men's running shoes size 10", "sony book",
                       "dog coffee maker", "organic size black", "headphon", "wireles headphnes", "the"]
        for query in queries {
            for sort in [SearchSort.relevance, .priceAscending] {
                for filter in [SearchFilter(), SearchFilter(maxPrice: 40)] {
                    for countsEveryMatch in [true, false] {
                        let request = SearchRequest(query: query, limit: 10, filter: filter, sort: sort,
                                                    includeProducts: false, countsEveryMatch: countsEveryMatch)
                        let expected = try whole.search(request)
                        let halves = try split.search(request)
                        #expect(halves.hits.map(\.productID) == expected.hits.map(\.productID), "\(query) \(sort) \(filter)")
                        #expect(halves.hits.map(\.score) == expected.hits.map(\.score), "\(query)")
                        if countsEveryMatch { #expect(halves.totalMatches == expected.totalMatches, "\(query) \(sort) \(filter)") }
                    }
                }
            }
        }
    }
}
