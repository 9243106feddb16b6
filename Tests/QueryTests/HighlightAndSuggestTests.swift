import Catalog
import Indexer
import Testing
@testable import Query

/// Highlights (`SearchRequest.highlights`) and suggestions (`QuerySuggester`), issue 15: the
/// words a search matched are marked in a result's name and description snippet whether they
/// matched exactly, by stem, by typo or as a completed prefix; offsets survive text whose
/// normalised form has another length; the segments join back into the text.
@Suite struct HighlightAndSuggestTests {
    static let products: [Product] = [
        Product(id: "shoes", name: "Nike Running Shoes, Volt", brand: "Nike", category: "Shoes",
                description: "Light shoes for runners who run every day.", price: 120, rating: 4.5, stock: 3),
        Product(id: "torch", name: "Café Crème Brûlée Torch", brand: "Bonjour", category: "Home & Kitchen",
                description: "Caramelises the crème of a brûlée in seconds.", price: 30, rating: 4.2, stock: 10),
        Product(id: "html", name: "<b>Bold</b> & <script>alert(1)</script> Mug", brand: "Hackers", category: "Home & Kitchen",
                description: "A mug called <img src=x onerror=alert(2)>.", price: 9, rating: 3.1, stock: 1),
        Product(id: "strasse", name: "Straße Leather Boots", brand: "Großmann", category: "Shoes",
                description: "Boots for the Straße.", price: 200, rating: 4.0, stock: 0),
        Product(id: "emoji", name: "🎧🎧 Headphones Deluxe", brand: "Sony", category: "Electronics",
                description: String(repeating: "Comfortable padding and a long cable. ", count: 8) + "Folds into its case for travel with headphones.",
                price: 99, rating: 4.8, stock: 4),
        Product(id: "wide", name: "ＳＯＮＹ Ｅａｒｂｕｄｓ", brand: "Sony", category: "Electronics",
                description: "Small earbuds.", price: 59, rating: 4.1, stock: 8),
        Product(id: "model", name: "Sony WH-1000XM5 Headphones", brand: "Sony", category: "Electronics",
                description: "Noise cancelling headphones.", price: 348, rating: 4.7, stock: 12),
    ]

    static let index: SearchIndex = {
        var builder = IndexBuilder()
        for product in products { builder.add(product) }
        do {
            return try SearchIndex(bytes: try builder.encoded())
        } catch {
            fatalError("cannot build the highlight catalog: \(error)")
        }
    }()

    /// The highlights of product `id` for `query`.
    static func highlights(_ query: String, id: String) throws -> ProductHighlights {
        var request = SearchRequest(query: query, limit: 20)
        request.highlights = true
        let hit = try #require(try Searcher(index: index).search(request).hits.first { $0.productID == id }, "\(query) finds \(id)")
        return try #require(hit.highlights)
    }

    static func marked(_ segments: [HighlightSegment]) -> [String] { segments.filter(\.isMatch).map(\.text) }

    @Test(arguments: [
        ("run", "shoes", ["Running"]),            // stem: "running" is "run"
        ("runnign", "shoes", ["Running"]),        // typo
        ("runn", "shoes", ["Running"]),           // prefix completion
        ("nike shoes", "shoes", ["Nike", "Shoes"]),
        ("cafe creme", "torch", ["Café", "Crème"]),  // diacritics folded
        ("brulee", "torch", ["Brûlée"]),
        ("strasse", "strasse", ["Straße"]),       // "ß" is "ss": two bytes for one character
        ("headphones", "emoji", ["Headphones"]),  // after two characters of two UTF-16 units each
        ("sony earbuds", "wide", ["ＳＯＮＹ", "Ｅａｒｂｕｄｓ"]), // full-width forms
        ("wh1000xm5", "model", ["WH-1000XM5"]),   // a model number's group, joiner included
        ("script", "html", ["script", "script"]),
    ] as [(String, String, [String])])
    func matchedWordsAreMarkedInTheName(query: String, id: String, expected: [String]) throws {
        let highlights = try Self.highlights(query, id: id)
        #expect(Self.marked(highlights.name) == expected)
        let product = try #require(Self.products.first { $0.id == id })
        #expect(highlights.name.map(\.text).joined() == product.name, "the segments join back into the name")
    }

    /// Markup in a name stays text: the segments hold it as written, the page renders text.
    @Test func aNameThatLooksLikeMarkupComesBackAsText() throws {
        let highlights = try Self.highlights("mug", id: "html")
        #expect(highlights.name.map(\.text).joined() == "<b>Bold</b> & <script>alert(1)</script> Mug")
        #expect(Self.marked(highlights.name) == ["Mug"])
        #expect(highlights.descriptionSnippet.map(\.text).joined() == "A mug called <img src=x onerror=alert(2)>.")
    }

    /// A long description is cut around its first matched word, at spaces, within bounds.
    @Test func aLongDescriptionIsCutAroundItsFirstMatch() throws {
        let highlights = try Self.highlights("travel", id: "emoji")
        let snippet = highlights.descriptionSnippet
        #expect(snippet.first?.text == "…")
        #expect(snippet.last?.text == "…" || snippet.last?.text.hasSuffix("headphones.") == true)
        #expect(Self.marked(snippet) == ["travel"])
        let body = snippet.filter { $0.text != "…" }.map(\.text).joined()
        #expect(body.utf16.count <= MatchHighlighter.snippetLength)
        #expect(Self.products[4].description.contains(body))
    }

    /// A match near the end of a long description still gets a full-length snippet.
    @Test func aMatchNearTheEndGetsAFullSnippet() {
        let text = String(repeating: "word ", count: 60) + "target end."
        let utf16 = Array(text.utf16)
        let target = text.utf16.count - "target end.".utf16.count
        let snippet = MatchHighlighter.snippet(text, ranges: [target..<(target + 6)])
        let body = snippet.filter { $0.text != "…" }.map(\.text).joined()
        #expect(snippet.first?.text == "…" && snippet.last?.text != "…")
        #expect(body.utf16.count > MatchHighlighter.snippetLength - 6, "\(body.utf16.count) of \(utf16.count)")
        #expect(snippet.filter(\.isMatch).map(\.text) == ["target"])
    }

    @Test func noHighlightsUnlessAsked() throws {
        let hits = try Searcher(index: Self.index).search(SearchRequest(query: "headphones")).hits
        #expect(!hits.isEmpty)
        #expect(hits.allSatisfy { $0.highlights == nil })
    }

    @Test func segmentsCutAtRangesAndJoinBack() {
        let text = "a🎧b cd"
        let segments = MatchHighlighter.segments(text, ranges: [1..<3, 5..<7])
        #expect(segments == [HighlightSegment(text: "a", isMatch: false), HighlightSegment(text: "🎧", isMatch: true),
                             HighlightSegment(text: "b ", isMatch: false), HighlightSegment(text: "cd", isMatch: true)])
    }

    // MARK: Suggestions

    @Test(arguments: [
        ("headph", "headphones"),     // prefix of the last word
        ("hedph", "headphones"),      // typo in the prefix
        ("sony headph", "sony headphones"),
        ("RUNN", "running"),
    ])
    func theLastWordIsCompleted(text: String, expected: String) throws {
        let suggestions = try QuerySuggester(index: Self.index).suggest(text, limit: 5)
        #expect(suggestions.queries.contains(expected), "\(suggestions.queries)")
    }

    /// A completion that finds nothing with the words before is not offered.
    @Test func completionsThatFindNothingTogetherAreLeftOut() throws {
        let suggestions = try QuerySuggester(index: Self.index).suggest("nike headph", limit: 5)
        #expect(!suggestions.queries.contains("nike headphones"), "\(suggestions.queries)")
    }

    @Test func categoriesStartingWithTheWordAreSuggested() throws {
        let suggestions = try QuerySuggester(index: Self.index).suggest("elec", limit: 5)
        #expect(suggestions.categories.map(\.name) == ["Electronics"])
    }

    @Test(arguments: ["", "h", "!!!", "qqqqzzzz"])
    func nothingToCompleteSuggestsNothing(text: String) throws {
        let suggestions = try QuerySuggester(index: Self.index).suggest(text, limit: 5)
        #expect(suggestions.queries.isEmpty)
    }

    @Test(arguments: [0, 1, 3, 1_000_000])
    func suggestionsAreBounded(limit: Int) throws {
        let suggestions = try QuerySuggester(index: Self.index).suggest("s", limit: limit)
        let all = try QuerySuggester(index: Self.index).suggest("so", limit: limit)
        #expect(suggestions.queries.isEmpty)
        #expect(all.queries.count <= min(max(1, limit), QuerySuggester.maximumLimit))
        #expect(all.categories.count <= min(max(1, limit), QuerySuggester.maximumLimit))
    }
}
