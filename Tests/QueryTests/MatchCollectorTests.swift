import Catalog
import Foundation
import Testing
@testable import Query

/// The collectors at their edges: ties go to the lower document whatever the order of
/// arrival, nothing is kept at capacity 0, and scoring in batches (with its stale threshold
/// and its sort-value pre-filter) keeps what scoring each match at once keeps.
@Suite struct MatchCollectorTests {
    /// 300 products named alike in pairs ("Copper Kettle" twice, ...): many exact score ties.
    /// Prices repeat every 7 products; every 11th has none.
    static let index: SearchIndex = {
        let products = (0..<300).map { (number: Int) -> Product in
            let name = "Copper Kettle" + String(repeating: " Basic", count: (number / 2) % 3)
            let description = number % 4 == 0 ? "Steel kettle lid" : ""
            let price: Double? = number % 11 == 0 ? nil : Double(10 + number % 7)
            return Product(id: String(format: "p%03d", number), name: name, category: "Home", description: description, price: price)
        }
        do {
            return try WalkPartsFixture.index(products, label: "collectors")
        } catch {
            fatalError("cannot build the test index: \(error)")
        }
    }()

    static func ranked(_ document: UInt32, score: Double) -> RankedDocument {
        RankedDocument(document: document, matchedWords: 1, typos: 0, primary: score, secondary: 0, score: Float(score), candidateMask: 0)
    }

    @Test func tiesGoToTheLowerDocumentWhateverTheOrderOfArrival() {
        for order in [Array(0..<20), Array((0..<20).reversed()), (0..<20).map { ($0 * 7) % 20 }] {
            var top = TopKCollector(capacity: 5)
            for (arrival, document) in order.enumerated() {
                #expect((top.threshold == nil) == (arrival < 5))
                top.offer(Self.ranked(UInt32(document), score: 1.5))
            }
            #expect(top.sorted().map(\.document) == [0, 1, 2, 3, 4], "\(order)")
            #expect(top.threshold?.document == 4)
        }
    }

    @Test func aCollectorOfNoCapacityKeepsNothing() {
        var top = TopKCollector(capacity: 0)
        top.offer(Self.ranked(1, score: 9))
        #expect(top.sorted().isEmpty)
        var negative = TopKCollector(capacity: -3)
        negative.offer(Self.ranked(1, score: 9))
        #expect(negative.sorted().isEmpty)
    }

    /// Seeds of higher documents fill the collector first (as in the partial-match tier); the
    /// lower documents that tie with them still take their places.
    @Test func seedsTiedWithLaterMatchesGiveWayToLowerDocuments() throws {
        let scorer = WalkPartsFixture.scorer(Self.index)
        let order = SortOrder(sort: .relevance, columns: Self.index.columns, usesScoreBounds: true)
        let terms = [try #require(try WalkPartsFixture.term("copper", in: Self.index))]
        // Products 0 and 1 score alike, and so do the seeds, 294 and 295 (names as long).
        var seedTerm = terms[0]
        seedTerm.advance(to: 294)
        var mask: UInt64 = 0
        let seedScore = seedTerm.match(scorer: scorer, mask: &mask).score
        let seeds = [UInt32(294), 295].map { RankedDocument(document: $0, matchedWords: 1, typos: 0, primary: Double(seedScore), secondary: 0,
                                                            score: seedScore, candidateMask: 1) }
        for capacity in [2, 3] {
            var fresh = terms
            let kept = fresh.withUnsafeMutableBufferPointer { terms in
                var matches = Intersection(terms, within: 0..<2)
                var collector = ScoringCollector<Intersection<TermScorer>>(capacity: capacity, seeds: seeds, order: order, scorer: scorer,
                                                                           fewestTypos: 0)
                while !matches.isExhausted {
                    collector.collect(matches.document, from: &matches)
                    matches.next()
                }
                return collector.harvest(from: &matches)
            }
            // The seeds keep the places the lower documents leave.
            #expect(kept.map(\.document) == Array([0, 1, 294].prefix(capacity)))
            #expect(kept.map(\.score) == Array(repeating: seedScore, count: capacity))
        }
    }

    /// Every match of a two-term intersection collected by both collectors, each from its own
    /// copy of the terms: the same results, scores and explanation bits, for several sizes of
    /// top k (fewer and more than the matches, batches full and not) and sorts.
    @Test(arguments: [SearchSort.relevance, .priceAscending, .priceDescending, .ratingDescending])
    func batchesKeepWhatScoringAtOnceKeeps(sort: SearchSort) throws {
        let scorer = WalkPartsFixture.scorer(Self.index)
        let words = [try #require(try WalkPartsFixture.term("kettle", in: Self.index, flatIndex: 0)),
                     try #require(try WalkPartsFixture.term("copper", in: Self.index, flatIndex: 3))]
        for capacity in [1, 5, 33, 64, 500] {
            for dropsByValue in [true, false] {
                let order = SortOrder(sort: sort, columns: Self.index.columns, usesScoreBounds: dropsByValue)
                var first = words
                let atOnce = first.withUnsafeMutableBufferPointer { terms in
                    var matches = Intersection(terms, within: 0..<PostingsCursor.exhausted)
                    var collector = ScoringCollector<Intersection<TermScorer>>(capacity: capacity, seeds: [], order: order,
                                                                               scorer: scorer, fewestTypos: 0)
                    while !matches.isExhausted {
                        collector.collect(matches.document, from: &matches)
                        matches.next()
                    }
                    return collector.harvest(from: &matches)
                }
                var second = words
                let batched = second.withUnsafeMutableBufferPointer { terms in
                    var matches = Intersection(terms, within: 0..<PostingsCursor.exhausted)
                    return BatchScoringCollector.withCollector(for: matches, capacity: capacity, seeds: [], order: order,
                                                               scorer: scorer) { collector in
                        while !matches.isExhausted {
                            collector.collect(matches.document, from: &matches)
                            matches.next()
                        }
                        return collector.harvest(from: &matches)
                    }
                }
                #expect(atOnce.count == min(capacity, 300))
                #expect(batched.map(\.document) == atOnce.map(\.document), "\(sort) top \(capacity)")
                #expect(batched.map(\.score) == atOnce.map(\.score), "\(sort) top \(capacity)")
                #expect(batched.allSatisfy { $0.candidateMask == 0b1001 && $0.matchedWords == 2 && $0.typos == 0 })
                #expect(atOnce.allSatisfy { $0.candidateMask == 0b1001 && $0.matchedWords == 2 && $0.typos == 0 })
            }
        }
    }
}
