import Foundation
@testable import Query
import Search
import Testing
@testable import API

/// `/api/search/`'s hand-written JSON (`SearchPage.jsonBytes()`, `JSONWriter`, issue 16) is the
/// same bytes `JSONResponse`'s `JSONEncoder` writes for the same page, over many generated pages
/// whose text holds every ASCII control character, quotes, backslashes, slashes, DEL, accents,
/// line separators and characters outside the Basic Multilingual Plane, and whose numbers run
/// from cents to exponents.
@Suite struct SearchPageJSONTests {
    /// A small deterministic generator (SplitMix64), so a failure names a seed that repeats.
    private struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    /// Pieces of text that JSON writers get wrong: each control character, the characters JSON
    /// escapes, the ones it must not (slash, DEL, U+2028), and multi-byte and non-BMP ones.
    private static let pieces: [String] = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        + ["\"", "\\", "/", "\u{7F}", "é", "Ω", "\u{2028}", "\u{2029}", "\u{FEFF}", "😀", "𝄞", "👩‍👩‍👧", "e\u{301}",
           "headphones", "Wireless ", "<b>", "&amp;", " ", "42", "'", "{}", "[1,2]", "\u{10FFFF}"]

    private static func text(_ generator: inout Generator, most: Int = 8) -> String {
        (0..<generator.below(most + 1)).map { _ in pieces[generator.below(pieces.count)] }.joined()
    }

    private static func number(_ generator: inout Generator) -> Double {
        switch generator.below(6) {
        case 0: Double(generator.below(100_000)) / 100
        case 1: Double(generator.below(1000))
        case 2: Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)
        case 3: [0, 5, 1e16, 3e15, 1e-7, 9_007_199_254_740_994, 0.1, 4.95][generator.below(8)]
        case 4: Double(generator.below(50)) / 10
        default: Double(generator.below(1_000_000)) + 0.5
        }
    }

    private static func product(_ generator: inout Generator) -> ProductSummaryJSON {
        let product = StoredProduct(
            id: text(&generator), name: text(&generator), brand: text(&generator), category: text(&generator),
            description: text(&generator, most: 20), image: text(&generator), attributes: [],
            price: generator.chance(80) ? number(&generator) : nil, rating: generator.chance(70) ? number(&generator) : nil,
            stock: generator.chance(70) ? generator.below(5) : nil)
        let kinds: [MatchKind] = [.exact, .stem, .compound, .synonym, .prefix, .typo]
        let matches = generator.chance(80) ? (0..<generator.below(4)).map { _ in
            WordMatchExplanation(queryWord: text(&generator), matchedWord: text(&generator),
                                 kind: kinds[generator.below(kinds.count)], typos: generator.below(3))
        } : nil
        let segments = { (generator: inout Generator) in
            (0..<generator.below(4)).map { _ in HighlightSegment(text: text(&generator), isMatch: generator.chance(50)) }
        }
        let highlights = generator.chance(40)
            ? ProductHighlights(name: segments(&generator), descriptionSnippet: segments(&generator)) : nil
        return ProductSummaryJSON(product, matches: matches, partialMatch: generator.chance(70) ? generator.chance(50) : nil,
                                  highlights: highlights)
    }

    private static func page(_ generator: inout Generator) -> CatalogRoutes.SearchPage {
        var facets: [String: FacetJSON]?
        if generator.chance(50) {
            let counts = SearchFacet.allCases.filter { _ in generator.chance(60) }.map { facet in
                FacetCounts(facet: facet, values: (0..<generator.below(5)).map { _ in
                    FacetValueCount(value: text(&generator), count: generator.below(10_000), isSelected: generator.chance(30))
                }, omittedValueCount: generator.below(40))
            }
            facets = FacetJSON.byName(counts)
        }
        return CatalogRoutes.SearchPage(
            count: generator.below(2_000_000), countRelation: generator.chance(50) ? "eq" : "gte", next: generator.chance(50) ? "/api/search/?q=" + text(&generator) + "&page=2" : nil,
            previous: generator.chance(30) ? text(&generator) : nil,
            results: (0..<generator.below(12)).map { _ in product(&generator) }, query: text(&generator),
            partialMatch: generator.chance(50), usedTypoTolerance: generator.chance(50),
            didYouMean: (0..<generator.below(3)).map { _ in text(&generator) },
            notice: generator.chance(20) ? .noSearchableWords : nil, facets: facets)
    }

    @Test(arguments: 0..<8)
    func writerWritesWhatJSONEncoderWrites(seed: UInt64) {
        var generator = Generator(state: seed)
        for round in 0..<60 {
            let page = Self.page(&generator)
            let expected = JSONResponse.make(page).body
            let written = page.jsonBytes()
            #expect(written == expected, """
                seed \(seed) round \(round):
                written  \(String(decoding: written, as: UTF8.self))
                expected \(String(decoding: expected, as: UTF8.self))
                """)
            if written != expected { return }
        }
    }

    /// The escapes themselves, spelled out: a reader must get every character back.
    @Test func everyControlCharacterRoundTrips() throws {
        let text = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }.joined() + "😀\u{2028}é"
        var writer = JSONWriter()
        writer.beginArray()
        writer.string(text)
        writer.endArray()
        let decoded = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String]
        #expect(decoded == [text])
        let written = String(decoding: writer.bytes, as: UTF8.self)
        #expect(written.contains(#"\u0000\u0001"#) && written.contains(#"\b\t\n\u000b\f\r"#) && written.contains(#"\u001f"#))
        #expect(written.contains("😀") && written.contains("/"), "non-BMP characters and slashes are written as they are")
    }
}

/// Product page links percent-encode ids without Foundation (`ProductJSON.pageURL`, issue 16),
/// byte for byte as `addingPercentEncoding(withAllowedCharacters:)` did.
@Suite struct ProductPageURLTests {
    @Test func pageURLsAreWhatFoundationWrote() {
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))
        var ids = (0..<0x80).map { "id" + String(UnicodeScalar(UInt8($0))) + "x" }
        ids += ["", "sony-xm5", "a/b?c#d", "100%", "café", "😀-𝄞", "e\u{301}", "\u{10FFFF}", "x y+z", "[v6]", "a@b:c;d=e"]
        for id in ids {
            let expected = "/products/" + (id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id)
            #expect(ProductJSON.pageURL(of: id) == expected, "\(Array(id.utf8))")
        }
    }
}
