import Analysis
import Catalog
import Foundation
import IndexFormat
import Testing
import TestSupport
@testable import Indexer
@testable import Query

@Suite struct IndexRoundTripTests {
    private func build(_ products: [Product], at path: String) throws -> IndexBuildStatistics {
        var builder = IndexBuilder()
        for product in products { builder.add(product) }
        return try builder.write(to: path)
    }

    /// The catalog's limits are the VALUES columns' (u32 with the largest value meaning
    /// "none"), and the search's; the extremes read back exactly. A price whose cents round up
    /// to the "no price" mark, given to the builder directly, is stored as no price, not as a
    /// wrapped or trapped conversion.
    @Test func pricesAndStockAtTheLimitsReadBack() throws {
        #expect(Product.maximumPrice * 100 == Double(StoredFormat.noPrice - 1))
        #expect(Product.maximumPrice == SearchFilter.maximumPrice)
        #expect(Product.maximumStock == Int(StoredFormat.noStock - 1))
        let directory = try TemporaryDirectory()
        let products = [
            Product(id: "top", name: "Most expensive", price: Product.maximumPrice, stock: Product.maximumStock),
            Product(id: "free", name: "Free sample", price: 0, stock: 0),
            Product(id: "rounds-to-none", name: "Just below the mark", price: 42_949_672.949),
            Product(id: "huge", name: "Not from a catalog line", price: 1e300, stock: Int.max),
            Product(id: "nan", name: "Not a number", price: .nan, rating: .nan),
        ]
        _ = try build(products, at: directory.file("i.uplyft"))
        let index = try SearchIndex(path: directory.file("i.uplyft"))
        let top = try #require(try index.product(id: "top"))
        #expect(top.price == Product.maximumPrice)
        #expect(top.stock == Product.maximumStock)
        #expect(try index.product(id: "free")?.price == 0)
        #expect(try index.product(id: "rounds-to-none")?.price == nil)
        #expect(try index.product(id: "huge")?.price == nil)
        #expect(try index.product(id: "huge")?.stock == Product.maximumStock)
        #expect(try index.product(id: "nan")?.price == nil)
        #expect(try index.product(id: "nan")?.rating == nil)
        let filtered = try Searcher(index: index).search(SearchRequest(query: "", limit: 10, filter: SearchFilter(minPrice: Product.maximumPrice)))
        #expect(filtered.hits.map(\.productID) == ["top"])
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func everyProductAndFieldReadsBack(seed: UInt64) throws {
        let directory = try TemporaryDirectory()
        var random = RandomCatalog(seed: seed)
        let products = random.products(300)
        let statistics = try build(products, at: directory.file("i.uplyft"))
        #expect(statistics.productCount == products.count)
        let index = try SearchIndex(path: directory.file("i.uplyft"))
        #expect(index.documentCount == products.count)
        for (document, original) in products.enumerated() {
            let stored = try index.product(document: UInt32(document))
            #expect(stored.id == original.id)
            #expect(stored.name == original.name)
            #expect(stored.brand == original.brand)
            #expect(stored.category == original.category)
            #expect(stored.description == original.description)
            #expect(stored.image == original.image)
            #expect(stored.attributes.map(\.name) == original.attributes.map(\.name))
            #expect(stored.attributes.map(\.value) == original.attributes.map(\.value))
            #expect(stored.price == original.price.map { ($0 * 100).rounded() / 100 })
            #expect(stored.rating == original.rating)
            #expect(stored.stock == original.stock)
            #expect(try index.product(id: original.id)?.name == original.name)
        }
        #expect(try index.product(id: "no-such-id") == nil)
    }

    /// Every term written is found with the right document frequency, and its postings list
    /// exactly the documents (with their fields) that contain it.
    @Test func everyTermAndPostingReadsBack() throws {
        let directory = try TemporaryDirectory()
        var random = RandomCatalog(seed: 11)
        // More than one postings block (128 documents) for common terms.
        let products = random.products(700)
        _ = try build(products, at: directory.file("i.uplyft"))
        let index = try SearchIndex(path: directory.file("i.uplyft"))

        var expected: [[UInt8]: [UInt32: UInt8]] = [:]
        for (document, product) in products.enumerated() {
            let fields = [product.name, product.brand, product.category, product.attributes.map(\.value).joined(separator: " "), product.description]
            for (field, text) in fields.enumerated() {
                for token in TextAnalyzer.analyze(text) {
                    expected[token.term, default: [:]][UInt32(document), default: 0] |= 1 << UInt8(field)
                }
            }
        }
        #expect(index.metadata.termCount == expected.count)
        for (term, documents) in expected {
            let info = try #require(try index.terms.lookup(term), "term \(String(decoding: term, as: UTF8.self)) missing")
            #expect(info.documentFrequency == documents.count)
            var cursor = PostingsCursor(postings: UnsafeRawBufferPointer(rebasing: index.postings[info.postingsOffset..<(info.postingsOffset + info.postingsLength)]),
                                        documentFrequency: info.documentFrequency, documentLimit: UInt32(index.documentCount))
            var seen: [UInt32: UInt8] = [:]
            while !cursor.isExhausted {
                seen[cursor.document] = cursor.fieldByte & PostingsFormat.fieldMaskBits
                cursor.next()
            }
            #expect(seen == documents, "postings of \(String(decoding: term, as: UTF8.self))")
            let byOrdinal = try #require(try index.terms.entry(ordinal: info.ordinal))
            #expect(byOrdinal.term == term)
        }
        #expect(try index.terms.lookup(Array("zzzz-absent".utf8)) == nil)
        #expect(try index.terms.lookup([]) == nil)
    }

    @Test func skippingLandsOnTheSameDocumentsAsWalking() throws {
        let directory = try TemporaryDirectory()
        var random = RandomCatalog(seed: 5)
        _ = try build(random.products(2000), at: directory.file("i.uplyft"))
        let index = try SearchIndex(path: directory.file("i.uplyft"))
        let info = try #require(try index.terms.lookup(EnglishStemmer.stem(Array("wireless".utf8))))
        #expect(info.documentFrequency > 3 * PostingsFormat.docsPerBlock)
        let bytes = UnsafeRawBufferPointer(rebasing: index.postings[info.postingsOffset..<(info.postingsOffset + info.postingsLength)])
        var all: [UInt32] = []
        var walker = PostingsCursor(postings: bytes, documentFrequency: info.documentFrequency, documentLimit: 2000)
        while !walker.isExhausted { all.append(walker.document); walker.next() }
        #expect(all.count == info.documentFrequency)
        for target in stride(from: UInt32(0), to: 2100, by: 37) {
            var skipper = PostingsCursor(postings: bytes, documentFrequency: info.documentFrequency, documentLimit: 2000)
            skipper.advance(to: target)
            let expected = all.first(where: { $0 >= target }) ?? PostingsCursor.exhausted
            #expect(skipper.document == expected, "advance(to: \(target))")
            // After a skip, walking on continues in order.
            if let position = all.firstIndex(of: expected), position + 1 < all.count {
                skipper.next()
                #expect(skipper.document == all[position + 1])
            }
        }
    }

    @Test func sameCatalogGivesIdenticalBytes() throws {
        let directory = try TemporaryDirectory()
        var first = RandomCatalog(seed: 9)
        var second = RandomCatalog(seed: 9)
        _ = try build(first.products(400), at: directory.file("a.uplyft"))
        _ = try build(second.products(400), at: directory.file("b.uplyft"))
        let a = try Data(contentsOf: URL(fileURLWithPath: directory.file("a.uplyft")))
        let b = try Data(contentsOf: URL(fileURLWithPath: directory.file("b.uplyft")))
        #expect(a == b)
    }

    @Test func emptyCatalogMakesAValidIndex() throws {
        let directory = try TemporaryDirectory()
        _ = try build([], at: directory.file("e.uplyft"))
        let index = try SearchIndex(path: directory.file("e.uplyft"))
        try index.verify()
        #expect(index.documentCount == 0)
        #expect(try Searcher(index: index).search(SearchRequest(query: "anything")).hits.isEmpty)
    }

    @Test func facetsAreListedWithCounts() throws {
        let directory = try TemporaryDirectory()
        let products = [
            Product(id: "1", name: "a", brand: "Sony", category: "Electronics"),
            Product(id: "2", name: "b", brand: "sony", category: "Electronics"),
            Product(id: "3", name: "c", brand: "Bose", category: "Home & Kitchen"),
        ]
        _ = try build(products, at: directory.file("f.uplyft"))
        let index = try SearchIndex(path: directory.file("f.uplyft"))
        #expect(index.allCategories().map(\.name) == ["Electronics", "Home & Kitchen"])
        #expect(index.allCategories().map(\.productCount) == [2, 1])
        #expect(index.allBrands().map(\.name) == ["Bose", "Sony", "sony"])
        #expect(index.categories.ordinals(matching: "home-kitchen").count == 1)
        #expect(index.brands.ordinals(matching: "SONY").count == 2)
    }
}
