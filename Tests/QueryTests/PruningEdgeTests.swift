import Catalog
import Foundation
import Indexer
import Testing
@testable import Query

/// Catalogs made to hit the two places where skipping by score bounds can go wrong: long
/// runs of documents that cannot reach the top k (skipped whole when matches need not be
/// counted), and exact score ties between word choices of the partial-match tier (where the
/// lower document must win even when it is found after the higher one).
@Suite struct PruningEdgeTests {
    static func index(_ products: [Product], name: String) throws -> SearchIndex {
        var builder = IndexBuilder()
        for product in products { builder.add(product) }
        return try SearchIndex(bytes: try builder.encoded(), name: name)
    }

    /// 6,000 products mention "alpine kettle" in their description; one in 450 also has it
    /// in the name, so most postings blocks hold only low scores and the conjunction can pass
    /// over them once the top k is made of the named ones.
    @Test func skippingRunsOfLowScoresKeepsTheTopK() throws {
        var products: [Product] = []
        for number in 0..<6_000 {
            let named = number % 450 == 17
            let padding = String(repeating: "plain ", count: number % 7)
            // Later named products have shorter names, so score higher: the top k keeps
            // changing until the end, and a wrongly skipped document shows.
            let nameTail = String(repeating: " Basic", count: max(0, 4 - number / 1_500))
            products.append(Product(id: String(format: "p%05d", number),
                                    name: named ? "Alpine Kettle\(nameTail)" : "Household Item \(number)",
                                    category: "Home",
                                    description: "An alpine \(padding)kettle companion, model \(number)."))
        }
        let index = try Self.index(products, name: "runs")
        let pruned = Searcher(index: index)
        let exhaustive = Searcher(index: index, usesScoreBounds: false)
        for query in ["alpine kettle", "kettle alpine", "alpine kettle companion"] {
            for limit in [1, 5, 10, 14] {
                var request = SearchRequest(query: query, limit: limit, prefixMatching: false, includeProducts: false)
                let expected = try exhaustive.search(request)
                request.countsEveryMatch = false
                let skipping = try pruned.search(request)
                #expect(skipping.hits.map(\.productID) == expected.hits.map(\.productID), "\(query) top \(limit)")
                #expect(skipping.hits.map(\.score) == expected.hits.map(\.score), "\(query) top \(limit)")
                #expect(expected.totalMatches == 6_000)
                // Runs were passed over uncounted: that is what makes the total a lower bound.
                #expect(skipping.totalMatches < expected.totalMatches, "\(query) top \(limit)")
                #expect(skipping.totalMatches >= skipping.hits.count)
            }
        }
    }

    /// No product has both "gamma" and "alpha", so the partial tier runs the choice "gamma"
    /// and then "alpha" (equal cost, query order), the second starting from the first's top k.
    /// All twenty products score the same: the top ten are the ten lowest documents, the
    /// "alpha" ones, although they are found after the "gamma" ones fill the top k.
    @Test func tiedScoresAcrossWordChoicesGoToTheLowerDocuments() throws {
        var products: [Product] = []
        for number in 0..<10 { products.append(Product(id: String(format: "a%02d", number), name: "Alpha Widget", category: "Tools")) }
        for number in 0..<200 { products.append(Product(id: String(format: "m%03d", number), name: "Filler Gadget \(number)", category: "Tools")) }
        for number in 0..<10 { products.append(Product(id: String(format: "z%02d", number), name: "Gamma Widget", category: "Tools")) }
        let index = try Self.index(products, name: "ties")
        for countsEveryMatch in [true, false] {
            let request = SearchRequest(query: "gamma alpha", limit: 10, typoTolerance: false, prefixMatching: false,
                                        includeProducts: false, countsEveryMatch: countsEveryMatch)
            let response = try Searcher(index: index).search(request)
            let exhaustive = try Searcher(index: index, usesScoreBounds: false).search(request)
            #expect(Set(response.hits.map(\.score)).count == 1)
            #expect(response.hits.map(\.productID) == (0..<10).map { String(format: "a%02d", $0) })
            #expect(response.hits.map(\.productID) == exhaustive.hits.map(\.productID))
            #expect(response.isPartialMatch)
        }
    }
}
