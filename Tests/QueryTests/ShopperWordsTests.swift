import Catalog
import Foundation
import Indexer
import Query
import Testing

/// Issue 13, "Long queries", "Prefixes and stop words", "Typos", "Paging and flags": how the
/// search ranks partial matches, completions, stop words being typed and rare misspellings,
/// and that the pages of a query agree with its total. Each case is one kind of shopper's
/// query over a small catalog built for it (`ShopperWordsCatalog`).
@Suite struct ShopperWordsTests {
    private func search(_ query: String, limit: Int = 10, offset: Int = 0, sort: SearchSort = .relevance,
                        countsEveryMatch: Bool = true) throws -> SearchResponse {
        var request = SearchRequest(query: query, limit: limit, offset: offset, sort: sort)
        request.countsEveryMatch = countsEveryMatch
        return try Searcher(index: ShopperWordsCatalog.index).search(request)
    }

    private func ids(_ query: String, limit: Int = 10) throws -> [String] {
        try search(query, limit: limit).hits.map(\.productID)
    }

    // MARK: Long queries

    /// No product has "heavy" and "cord": the cords, which hold the other, more telling
    /// words (outdoor, extension, cord, 50 ft), rank above the gloves, which hold only the
    /// two leading words.
    @Test func partialMatchesRankByTheirShareOfTheQueryNotByPosition() throws {
        let response = try search("heavy duty outdoor extension cord 50 ft")
        let top = response.hits.prefix(3).map(\.productID)
        #expect(Set(top) == ["cord-50-a", "cord-50-b", "cord-50-c"], "\(response.hits.map(\.productID))")
        // Then the 25 ft cords (outdoor extension cord, not 50 ft), then the gloves.
        #expect(response.hits.dropFirst(3).prefix(2).allSatisfy { $0.productID.hasPrefix("cord-25") })
        #expect(response.hits.allSatisfy { $0.isPartialMatch })
    }

    /// Order of the query's words does not matter: the same words reversed rank alike.
    @Test func partialMatchesIgnoreWordOrder() throws {
        let forward = try ids("heavy duty outdoor extension cord 50 ft", limit: 5)
        let backward = try ids("50 ft cord extension outdoor duty heavy", limit: 5)
        #expect(Set(forward) == Set(backward))
    }

    /// Products with every word still come first, before any partial match.
    @Test func fullMatchesStayFirst() throws {
        let response = try search("outdoor extension cord 50 ft")
        #expect(Set(response.hits.prefix(3).map(\.productID)) == ["cord-50-a", "cord-50-b", "cord-50-c"])
        #expect(response.hits.prefix(3).allSatisfy { !$0.isPartialMatch })
        #expect(response.hits.dropFirst(3).allSatisfy { $0.isPartialMatch })
        #expect(response.isPartialMatch)
    }

    // MARK: Prefixes and stop words

    /// "lamp" is a catalog word: its completions ("lampshade") rank below every product with
    /// the word itself, whatever their scores.
    @Test func completionsRankBelowTheWordItself() throws {
        let lamp = try ids("desk lamp")
        #expect(lamp.first == "desk-lamp", "\(lamp)")
        #expect(lamp.contains("lampshade"), "completions still come as a fallback: \(lamp)")
        let pot = try ids("pot")
        #expect(pot.first == "pot", "\(pot)")
        #expect(pot.contains("potatoes"))
    }

    /// A page full of whole-word matches leaves the completions out (they are a fallback).
    @Test func completionsOfAKnownWordAreOnlyAFallback() throws {
        let response = try search("gloves", limit: 5)
        #expect(response.hits.count == 5)
        #expect(!response.hits.contains { $0.matches.contains { $0.kind == .prefix } })
    }

    /// A query of stop words only is being typed: "the" finds the Thermos. A word that merely
    /// starts another ("show", "can") finds it too, after its own matches.
    @Test func aStopWordBeingTypedMatchesAsAPrefix() throws {
        let the = try ids("the", limit: 3)
        #expect(the.contains("thermos"), "\(the)")
        let can = try ids("can")
        #expect(can.contains("candle"), "\(can)")
        let show = try ids("show"), showe = try ids("showe")
        #expect(show.contains("shower-head"), "\(show)")
        #expect(showe.contains("shower-head"), "\(showe)")
    }

    // MARK: Typos

    /// "samsnug" is in one title, "samsung" in twenty: the far more frequent neighbour is
    /// also tried, after the product that has the word as typed.
    @Test func aRareMisspellingInTheCatalogStillFindsTheFrequentWord() throws {
        let response = try search("samsnug tv")
        #expect(response.hits.first?.productID == "samsnug-tv")
        #expect(response.hits.count == 10)
        #expect(response.hits.dropFirst().allSatisfy { $0.productID.hasPrefix("samsung-tv") && !$0.isPartialMatch })
        #expect(response.usedTypoTolerance)
    }

    /// Alone, a rare word the catalog has is taken as meant: without other words to confirm
    /// it, its frequent neighbour's products would be a guess.
    @Test func aRareWordAloneIsNotCorrected() throws {
        let response = try search("samsnug")
        #expect(response.hits.map(\.productID) == ["samsnug-tv"])
        #expect(!response.usedTypoTolerance)
    }

    /// A word as frequent as its neighbours is taken as meant.
    @Test func aCommonWordIsNotCorrected() throws {
        let response = try search("gloves")
        #expect(!response.usedTypoTolerance)
    }

    /// A query of symbols or emoji has no word to search for: nothing, and why.
    @Test(arguments: ["🎈", "!!!", "-", " ¿? ", "🎈🎈 -- !!"])
    func aQueryWithoutWordsFindsNothingAndSaysWhy(query: String) throws {
        let response = try search(query)
        #expect(response.hits.isEmpty)
        #expect(response.totalMatches == 0)
        #expect(response.notice == .noSearchableWords)
    }

    /// An empty query still lists the catalog (browsing by filter), with no notice.
    @Test func anEmptyQueryStillBrowses() throws {
        let response = try search("   ")
        #expect(response.totalMatches == ShopperWordsCatalog.products.count)
        #expect(response.notice == nil)
    }

    // MARK: Paging

    /// Every page of a query with partial matches reports the same total, and the pages up to
    /// it hold exactly that many products, each once; the page after is empty.
    @Test(arguments: [1, 3, 5, 7])
    func pagesAgreeWithTheTotal(limit: Int) throws {
        let query = "heavy duty outdoor extension cord 50 ft"
        let first = try search(query, limit: limit)
        var seen: [String] = []
        var offset = 0
        while offset < first.totalMatches + limit {
            let page = try search(query, limit: limit, offset: offset)
            #expect(page.totalMatches == first.totalMatches, "offset \(offset)")
            seen += page.hits.map(\.productID)
            offset += limit
        }
        #expect(seen.count == first.totalMatches)
        #expect(Set(seen).count == seen.count)
    }

    /// The same with full matches that fill the first page: later pages do not switch to
    /// partial matches the total does not count.
    @Test func pagesOfFullMatchesDoNotGrowPartialOnes() throws {
        let first = try search("heavy duty gloves", limit: 5)
        #expect(first.totalMatches == 12)
        let beyond = try search("heavy duty gloves", limit: 5, offset: 10)
        #expect(beyond.totalMatches == 12)
        #expect(beyond.hits.count == 2)
        let past = try search("heavy duty gloves", limit: 5, offset: 15)
        #expect(past.hits.isEmpty)
    }
}
