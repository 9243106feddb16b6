import Query
import Testing

/// Negation in the engine (`SearchFilter.excludedPhrases`, `excludedBrands`,
/// `excludedCategories`): what is excluded never comes back, counts say what is left, and
/// the rest of the search is unchanged.
@Suite struct ExclusionFilterTests {
    @Test func anExcludedWordLeavesOutProductsHoldingIt() throws {
        let all = try SearchFixture.ids("boots")
        #expect(Set(all) == ["boots-black", "boots-brown"])
        // "black" is in boots-black's name and colour attribute.
        #expect(try SearchFixture.ids("boots", filter: SearchFilter(excludedPhrases: ["black"])) == ["boots-brown"])
        let response = try SearchFixture.search("wireless headphones", filter: SearchFilter(excludedPhrases: ["black"]))
        #expect(!response.hits.map(\.productID).contains("sony-xm5"))
        #expect(response.totalMatches == response.hits.count, "the count is of what is left")
    }

    @Test func wordsAreComparedAfterAnalysis() throws {
        // Case, plural and stem: "LEATHER" and "Blacks" exclude as "leather" and "black" do.
        #expect(try SearchFixture.ids("timberland", filter: SearchFilter(excludedPhrases: ["LEATHER"])).isEmpty)
        #expect(try SearchFixture.ids("boots", filter: SearchFilter(excludedPhrases: ["Blacks"])) == ["boots-brown"])
    }

    @Test func theDescriptionDoesNotExclude() throws {
        // "bean" and "espresso" are in cafe-beans' name, "roast" only in its description.
        #expect(try SearchFixture.ids("coffee", filter: SearchFilter(excludedPhrases: ["roast"])).contains("cafe-beans"))
        #expect(!(try SearchFixture.ids("coffee", filter: SearchFilter(excludedPhrases: ["espresso"]))).contains("cafe-beans"))
    }

    @Test func aPhraseExcludesOnlyProductsHoldingAllItsWords() throws {
        // Both boots are "Men's ... Leather Boots"; only one is brown.
        #expect(try SearchFixture.ids("boots", filter: SearchFilter(excludedPhrases: ["brown leather"])) == ["boots-black"])
        // A word the index lacks makes its phrase exclude nothing, not everything.
        #expect(Set(try SearchFixture.ids("boots", filter: SearchFilter(excludedPhrases: ["purple leather"]))) == ["boots-black", "boots-brown"])
        #expect(Set(try SearchFixture.ids("boots", filter: SearchFilter(excludedPhrases: ["zzzz", "", "the"]))) == ["boots-black", "boots-brown"])
        // Several phrases: each excludes its own.
        #expect(try SearchFixture.ids("boots", filter: SearchFilter(excludedPhrases: ["black", "brown"])).isEmpty)
    }

    @Test func excludedBrandsAndCategories() throws {
        let headphones = try SearchFixture.ids("headphones", filter: SearchFilter(excludedBrands: ["BOSE"]))
        #expect(!headphones.contains("bose-qc45"))
        #expect(headphones.contains("sony-xm5"))
        let black = try SearchFixture.ids("black", filter: SearchFilter(excludedCategories: ["shoes"]))
        #expect(!black.contains("boots-black"))
        #expect(black.contains("mug"))
        // An unknown brand or category excludes nothing.
        #expect(try SearchFixture.ids("boots", filter: SearchFilter(excludedBrands: ["No Such Brand"])).count == 2)
    }

    @Test func exclusionsApplyWhenBrowsingAndSortingToo() throws {
        // No query: the filter alone lists products, as the chat does for "only Shoes".
        let response = try SearchFixture.search("", filter: SearchFilter(categories: ["Shoes"], excludedPhrases: ["black"]), sort: .priceAscending)
        #expect(response.hits.map(\.productID) == ["boots-brown"])
        #expect(response.totalMatches == 1)
        let sorted = try SearchFixture.ids("wireless", filter: SearchFilter(excludedPhrases: ["white"]), sort: .priceAscending)
        #expect(!sorted.contains("bose-qc45"))
        #expect(!sorted.isEmpty)
    }

    @Test func anExclusionMakesTheFilterNonEmpty() {
        #expect(SearchFilter().isEmpty)
        #expect(!SearchFilter(excludedCategories: ["Books"]).isEmpty)
        #expect(!SearchFilter(excludedBrands: ["Sony"]).isEmpty)
        #expect(!SearchFilter(excludedPhrases: ["black"]).isEmpty)
    }
}

/// `SearchFilter.requiredPhrases`: what a product is, not what its description mentions.
@Suite struct RequiredPhraseFilterTests {
    @Test func aRequiredWordMustBeOutsideTheDescription() throws {
        // "headphones" is in earbuds-gym's and book-gym's descriptions only.
        let anywhere = try SearchFixture.ids("headphones")
        #expect(anywhere.contains("earbuds-gym"))
        let named = try SearchFixture.ids("headphones", filter: SearchFilter(requiredPhrases: ["headphones"]))
        #expect(Set(named) == ["sony-xm5", "bose-qc45", "jbl-tune"])
        let response = try SearchFixture.search("headphones", filter: SearchFilter(requiredPhrases: ["headphone"]))
        #expect(response.totalMatches == 3)
    }

    @Test func everyWordOfEveryPhraseIsRequired() throws {
        #expect(try SearchFixture.ids("boots", filter: SearchFilter(requiredPhrases: ["brown boots"])) == ["boots-brown"])
        #expect(try SearchFixture.ids("boots", filter: SearchFilter(requiredPhrases: ["boots", "black"])) == ["boots-black"])
        // A word no product has admits nothing; a phrase of no words requires nothing.
        #expect(try SearchFixture.ids("boots", filter: SearchFilter(requiredPhrases: ["zzzz boots"])).isEmpty)
        #expect(try SearchFixture.ids("boots", filter: SearchFilter(requiredPhrases: [""])).count == 2)
    }

    @Test func requiredAndExcludedTogether() throws {
        let ids = try SearchFixture.ids("", filter: SearchFilter(excludedPhrases: ["black"], requiredPhrases: ["leather"]))
        #expect(ids == ["boots-brown"])
        #expect(!SearchFilter(requiredPhrases: ["x"]).isEmpty)
    }
}
