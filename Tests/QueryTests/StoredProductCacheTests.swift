import Analysis
import Catalog
import Foundation
import IndexFormat
import Testing
@testable import Query

/// The products of result pages, decoded and analysed once and kept (`StoredProductCache`,
/// `ProductWordForms`, issue 16): a cached product is the stored one, the cache stays within its
/// bound, and the exact/stem explanation read from the kept words is the one a fresh analysis
/// of the product gives.
@Suite struct StoredProductCacheTests {
    /// The explanation's question answered the way `MatchExplainer` answered it before the
    /// cache: every token of the product's text, analysed afresh, grouped by term.
    private static func referenceForm(of product: StoredProduct, term: [UInt8], typed surface: [UInt8]) -> (Bool, [UInt8]?) {
        let text = ([product.name, product.brand, product.category] + product.attributes.map(\.value) + [product.description])
            .joined(separator: " \u{1F} ")
        let surfaces = TextAnalyzer.analyze(text).filter { $0.term == term }.map(\.surface)
        return surfaces.contains(surface) ? (true, nil) : (false, surfaces.first)
    }

    @Test func cachedProductsAreTheStoredOnes() throws {
        let index = SearchFixture.index
        for document in 0..<UInt32(index.documentCount) {
            let first = try index.cachedProduct(document: document)
            let again = try index.cachedProduct(document: document)
            #expect(first.product == (try index.product(document: document)))
            #expect(first === again, "the second read of document \(document) is the kept entry")
        }
    }

    @Test func theCacheKeepsAtMostItsCapacity() throws {
        let index = SearchFixture.index
        let cache = StoredProductCache(capacity: 3)
        #expect(cache.capacity == StoredProductCache.shardCount, "one slot a shard at least")
        // Four documents for every slot: each takes its slot from the one before. The cache
        // keeps whatever `decode` gives, so the documents may outnumber the fixture's products.
        var decoded: [UInt32] = []
        func read(_ document: UInt32) throws -> StoredProductCache.Entry {
            try cache.entry(document) { document throws(IndexFormatError) in
                decoded.append(document)
                return try index.product(document: document % UInt32(index.documentCount))
            }
        }
        let documents = (0..<UInt32(4 * cache.capacity)).map { $0 }
        for document in documents {
            #expect(try read(document).document == document)
        }
        #expect(cache.count == cache.capacity)
        #expect(decoded == documents)
        // The last document of a slot is kept there; the first it pushed out is decoded again.
        let last = documents[documents.count - StoredProductCache.shardCount]
        decoded = []
        _ = try read(last)
        _ = try read(0)
        #expect(decoded == [0])
        #expect(cache.count == cache.capacity)
    }

    /// A kept product is served only while the block table names the block it was read
    /// from: a table changed under the mapping (a file damaged in place) means reading again,
    /// and the reading reports the damage (`ChatStoreFailureTests` at the route).
    @Test func aProductReadFromAnotherBlockIsReadAgain() throws {
        let index = SearchFixture.index
        let cache = StoredProductCache(capacity: 64)
        let location = try index.stored.location(of: 1)
        let moved = StoredFields.BlockLocation(block: location.block, firstDocument: location.firstDocument,
                                               uncompressedLength: location.uncompressedLength, offset: location.offset + 1,
                                               compressedLength: location.compressedLength)
        var decoded = 0
        let decode = { (document: UInt32) throws(IndexFormatError) -> StoredProduct in
            decoded += 1
            return try index.product(document: document)
        }
        let first = try cache.entry(1, location: location, decode: decode)
        #expect(try cache.entry(1, location: location, decode: decode) === first)
        #expect(decoded == 1)
        #expect(try cache.entry(1, location: moved, decode: decode) !== first)
        #expect(decoded == 2)
        let cached = try index.cachedProduct(document: 1)
        #expect(cached.location == location && cached.product == first.product)
    }

    /// Every word of every fixture product, as typed and in other forms (plural, singular,
    /// capitalised, accents), against the product it comes from and against another.
    @Test func keptWordsExplainMatchesAsAFreshAnalysis() throws {
        let index = SearchFixture.index
        let products = try (0..<UInt32(index.documentCount)).map { try index.product(document: $0) }
        var typed: Set<String> = ["headphone", "headphones", "boot", "boots", "cafe", "café", "coffee", "coffees", "leathers", "mugs"]
        for product in products {
            for token in TextAnalyzer.analyze(product.name + " " + product.description) {
                typed.insert(token.surfaceText)
                typed.insert(token.surfaceText + "s")
                typed.insert(String(token.surfaceText.dropLast()))
            }
        }
        var compared = 0
        for (position, product) in products.enumerated() {
            let forms = ProductWordForms(product)
            let other = ProductWordForms(products[(position + 1) % products.count])
            for word in QueryWords.parse(typed.sorted().joined(separator: " ")) {
                let term = TextAnalyzer.term(forSurface: word.surface, flags: word.flags)
                let expected = Self.referenceForm(of: product, term: term, typed: word.surface)
                let actual = forms.form(ofTerm: term, typed: word.surface)
                #expect(actual.hasTypedForm == expected.0 && actual.firstForm == expected.1, "\(word.surfaceText) in \(product.id)")
                let expectedOther = Self.referenceForm(of: products[(position + 1) % products.count], term: term, typed: word.surface)
                let actualOther = other.form(ofTerm: term, typed: word.surface)
                #expect(actualOther.hasTypedForm == expectedOther.0 && actualOther.firstForm == expectedOther.1)
                compared += 1
            }
        }
        #expect(compared > 500)
    }
}
