import Foundation
import Testing
@testable import Query

@Suite struct SearcherTests {
    @Test func allWordsRankAboveSomeWords() throws {
        let ids = try SearchFixture.ids("black leather boots")
        #expect(ids.first == "boots-black")
        // Brown boots match two of three words: after the full match, before one-word matches.
        #expect(ids.count >= 2 && ids[1] == "boots-brown")
        let response = try SearchFixture.search("black leather boots")
        #expect(response.hits[0].matchedWordCount == 3)
        #expect(!response.isPartialMatch || response.hits[0].matchedWordCount == 3)
    }

    @Test func partialMatchesCanBeLeftOut() throws {
        let full = try Searcher(index: SearchFixture.index).search(SearchRequest(query: "black leather boots", partialMatches: false))
        #expect(full.hits.map(\.productID) == ["boots-black"])
        #expect(!full.isPartialMatch)
        let none = try Searcher(index: SearchFixture.index).search(SearchRequest(query: "purple leather boots", partialMatches: false))
        #expect(none.hits.isEmpty)
    }

    @Test func conjunctionWhenEnoughProductsHaveEveryWord() throws {
        let response = try SearchFixture.search("wireless headphones", limit: 2)
        #expect(response.hits.count == 2)
        #expect(response.hits.allSatisfy { $0.matchedWordCount == 2 })
        #expect(!response.isPartialMatch)
    }

    @Test func pluralAndSingularMatchTheSameProducts() throws {
        let plural = Set(try SearchFixture.ids("headphones"))
        let singular = Set(try SearchFixture.ids("headphone"))
        #expect(plural == singular)
        #expect(plural.contains("jbl-tune"))
        let explanation = try SearchFixture.search("headphone").hits.first { $0.productID == "sony-xm5" }?.matches.first
        #expect(explanation?.kind == .stem)
        #expect(explanation?.matchedWord == "headphones")
    }

    @Test func typoFindsTheWordAndRanksBelowExact() throws {
        let response = try SearchFixture.search("hedphones")
        #expect(response.usedTypoTolerance)
        #expect(response.hits.contains { $0.productID == "sony-xm5" })
        #expect(response.hits.first?.matches.first?.kind == .typo)
        #expect(response.hits.first?.typoCount == 1)
        // Short words get no typos: "cabel" (5 letters) may, "bots" (4) may not.
        #expect(try SearchFixture.ids("cabel").contains("anker-cable"))
        #expect(try SearchFixture.ids("bots").isEmpty)
    }

    @Test func aMisspeltPluralFindsTheSingularTheCatalogHas() throws {
        // The catalog writes "cable" only: "cabels" is two edits from it, its stem "cabel" one.
        let response = try SearchFixture.search("cabels")
        #expect(response.hits.contains { $0.productID == "anker-cable" })
        #expect(response.usedTypoTolerance)
        #expect(response.hits.first?.typoCount == 1)
    }

    @Test func exactMatchesComeBeforeTypoMatchesOfAnotherWord() throws {
        // "boots" is exact for the boots; "books"/"boost" would be typos of other words.
        let response = try SearchFixture.search("leather boots", typos: true)
        #expect(response.hits.prefix(2).allSatisfy { $0.typoCount == 0 })
    }

    @Test func lastWordMatchesAsPrefix() throws {
        let response = try SearchFixture.search("noise canc")
        #expect(response.hits.first?.productID == "sony-xm5" || response.hits.first?.productID == "bose-qc45")
        #expect(response.hits.first?.matches.contains { $0.kind == .prefix } == true)
        #expect(try SearchFixture.ids("espres").contains("cafe-beans"))
        // Prefixes apply to the last word only.
        #expect(try SearchFixture.ids("espres beans").first == "cafe-beans")
    }

    @Test func aFinishedStopWordAtTheEndIsNotCompleted() throws {
        // "me" would complete to "memory"; as a stop word it is taken as typed.
        let response = try SearchFixture.search("headphones for me")
        #expect(!response.hits.isEmpty)
        #expect(response.hits.allSatisfy { hit in !hit.matches.contains { $0.kind == .prefix } })
    }

    @Test func modelNumbersInEverySpelling() throws {
        for query in ["WH-1000XM5", "wh1000xm5", "1000xm5", "wh 1000xm5", "sony wh-1000xm5"] {
            #expect(try SearchFixture.ids(query).first == "sony-xm5", "query \(query)")
        }
        #expect(try SearchFixture.ids("510bt").first == "jbl-tune")
    }

    @Test func accentsAreFoldedBothWays() throws {
        #expect(try SearchFixture.ids("cafe").first == "cafe-beans")
        #expect(try SearchFixture.ids("café").first == "cafe-beans")
        #expect(try SearchFixture.ids("NESTLE creme").first == "nestle-creme")
    }

    @Test func stopWordsNeitherDecideNorBreakQueries() throws {
        // "for the" must not demand products containing "for" and "the".
        let ids = try SearchFixture.ids("headphones for the gym")
        // Both products with "headphones" and "gym" come first, whatever else they contain.
        #expect(Set(ids.prefix(2)) == ["earbuds-gym", "book-gym"])
        #expect(try SearchFixture.search("headphones for the gym").requiredWordCount == 2)
        // A query of only stop words still matches products containing them.
        #expect(try SearchFixture.ids("the").contains("book-gym"))
    }

    @Test func filtersApplyInsideTheSearch() throws {
        // Without the filter the cheap headphones rank low; with it they must still appear.
        let cheap = try SearchFixture.ids("wireless headphones", limit: 1, filter: SearchFilter(maxPrice: 100))
        #expect(cheap == ["jbl-tune"])
        let electronicsBlack = try SearchFixture.ids("black", filter: SearchFilter(categories: ["electronics"]))
        #expect(electronicsBlack == ["sony-xm5"])
        let kitchen = try SearchFixture.ids("coffee", filter: SearchFilter(categories: ["home-kitchen"]))
        #expect(kitchen == ["mug"])
        let inStock = try SearchFixture.ids("headphones", filter: SearchFilter(inStockOnly: true))
        #expect(!inStock.contains("bose-qc45"))
        #expect(inStock.contains("sony-xm5"))
        let brand = try SearchFixture.ids("headphones", filter: SearchFilter(brands: ["BOSE", "jbl"]))
        #expect(Set(brand) == ["bose-qc45", "jbl-tune"])
        let range = try SearchFixture.ids("boots", filter: SearchFilter(minPrice: 160, maxPrice: 169.99))
        #expect(range == ["boots-black"])
        // Products without a price never pass a price filter.
        #expect(!(try SearchFixture.ids("wireless", filter: SearchFilter(minPrice: 0))).contains("no-price"))
        #expect(try SearchFixture.ids("boots", filter: SearchFilter(categories: ["no such category"])).isEmpty)
    }

    @Test func sortsByPriceAndRatingWithinTheMatchTier() throws {
        let ascending = try SearchFixture.search("headphones", sort: .priceAscending).hits
        let prices = ascending.compactMap { $0.product?.price }
        #expect(prices == prices.sorted())
        let descending = try SearchFixture.search("wireless", sort: .priceDescending).hits
        #expect(descending.first?.productID == "sony-xm5")
        #expect(descending.last?.productID == "no-price")
        let rated = try SearchFixture.search("coffee", sort: .ratingDescending).hits.map(\.productID)
        #expect(rated.first == "cafe-beans")
    }

    @Test func resultsAreDeterministicAndPaged() throws {
        let first = try SearchFixture.ids("wireless")
        #expect(first == (try SearchFixture.ids("wireless")))
        let searcher = Searcher(index: SearchFixture.index)
        let page2 = try searcher.search(SearchRequest(query: "wireless", limit: 2, offset: 2)).hits.map(\.productID)
        #expect(page2 == Array(first[2..<4]))
    }

    @Test func emptyQueryBrowsesByFilter() throws {
        let response = try SearchFixture.search("", filter: SearchFilter(categories: ["Shoes"]), sort: .priceAscending)
        #expect(response.hits.map(\.productID) == ["boots-brown", "boots-black"])
        #expect(response.totalMatches == 2)
    }

    @Test func nothingMatches() throws {
        let response = try SearchFixture.search("xylophone")
        #expect(response.hits.isEmpty)
        #expect(response.totalMatches == 0)
    }

    @Test func resultsCarryProductFields() throws {
        let hit = try #require(try SearchFixture.search("anker cable").hits.first)
        #expect(hit.product?.name == "Anker USB-C to USB-C Cable 6ft")
        #expect(hit.product?.price == 12.99)
        #expect(hit.product?.stock == 100)
        #expect(hit.score > 0)
    }

    @Test func concurrentSearchesAgreeWithSerialOnes() async throws {
        let queries = ["wireless headphones", "hedphones", "black", "boots", "cafe", "wh-1000xm5", "noise cancel", "the"]
        let expected = try queries.map { try SearchFixture.ids($0) }
        try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for round in 0..<200 {
                let position = round % queries.count
                group.addTask { (position, try SearchFixture.ids(queries[position])) }
            }
            for try await (position, ids) in group {
                #expect(ids == expected[position])
            }
        }
    }

    @Test func suggestionsComeFromTheVocabulary() {
        #expect(SearchFixture.index.suggestions(for: "hedphones").contains("headphones"))
        #expect(SearchFixture.index.suggestions(for: "zzzzzzzz").isEmpty)
    }
}
