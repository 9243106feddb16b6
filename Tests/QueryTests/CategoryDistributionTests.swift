import Catalog
import Foundation
import IndexFormat
import Indexer
import Testing
@testable import Query

/// The category model of TERMCATS (`TermCategoriesFormat`, `CategoryDistribution`): the
/// values learned from a small catalog worked out by hand, and damaged section bytes refused
/// with `IndexFormatError` instead of a trap or a read outside the section.
@Suite struct CategoryDistributionTests {
    /// 10 products: 4 pet products (3 say "dog"), 6 grocery ones (1 says "dog", 4 "chocolate"),
    /// one word ("unique") in a single product and one product without a category.
    static func smallCatalog() throws -> [UInt8] {
        var builder = IndexBuilder()
        let products = [
            Product(id: "p1", name: "Dog bed", category: "Pet Supplies"),
            Product(id: "p2", name: "Dog toy", category: "Pet Supplies"),
            Product(id: "p3", name: "Dogs leash", category: "Pet Supplies"),
            Product(id: "p4", name: "Cat litter", category: "Pet Supplies"),
            Product(id: "g1", name: "Dog biscuits", category: "Grocery"),
            Product(id: "g2", name: "Milk chocolate", category: "Grocery"),
            Product(id: "g3", name: "Dark chocolate", category: "Grocery"),
            Product(id: "g4", name: "Chocolate bar", category: "Grocery"),
            Product(id: "g5", name: "Chocolate spread unique", category: "Grocery"),
            Product(id: "g6", name: "Olive oil", category: "Grocery"),
            Product(id: "x1", name: "Dog chocolate mould", category: ""),
        ]
        for product in products { builder.add(product) }
        return try builder.encoded()
    }

    static func share(_ distribution: CategoryDistribution, _ category: String) -> Double {
        distribution.shares.first { $0.category == category }?.probability ?? -1
    }

    @Test func theStoredSharesAreTheSmoothedShareOfTheWordsProducts() throws {
        let index = try SearchIndex(bytes: try Self.smallCatalog())
        let dog = try #require(try index.terms.lookup(Array("dog".utf8)))
        let (support, entries) = try #require(try index.termCategories.categories(ofTerm: dog.ordinal))
        // The product without a category is not counted: 3 pet + 1 grocery.
        #expect(support == 4)
        let pet = try #require(index.categories.ordinals(matching: "Pet Supplies").first)
        let grocery = try #require(index.categories.ordinals(matching: "Grocery").first)
        // (n(c,t) + 2 P(c)) / (n(t) + 2) with P(pet) = 0.4, P(grocery) = 0.6.
        #expect(entries.map(\.category) == [pet, grocery])
        #expect(abs(entries[0].share - (3 + 2 * 0.4) / 6) < 1e-4)
        #expect(abs(entries[1].share - (1 + 2 * 0.6) / 6) < 1e-4)
    }

    @Test func oneWordsDistributionIsItsShareAndPluralsShareTheTerm() throws {
        let index = try SearchIndex(bytes: try Self.smallCatalog())
        for word in ["dog", "Dogs"] {
            let distribution = try index.categoryDistribution(for: [word])
            #expect(distribution.informativeWords == [word.lowercased()])
            #expect(distribution.support == 4)
            #expect(abs(Self.share(distribution, "Pet Supplies") - 3.8 / 6) < 1e-4, "\(word)")
            #expect(distribution.likelyCategories() == ["Pet Supplies"])
        }
        let chocolate = try index.categoryDistribution(for: ["chocolate"])
        #expect(abs(Self.share(chocolate, "Grocery") - (4 + 1.2) / 6) < 1e-4)
        #expect(chocolate.likelyCategories() == ["Grocery"])
    }

    /// Naive Bayes: P(c | dog, chocolate) ∝ P(c) · P(c|dog)/P(c) · P(c|chocolate)/P(c); the
    /// pet category was never seen with "chocolate", so it gets the floor 2 P(c) / (n + 2).
    @Test func wordsCombineAsIndependentEvidence() throws {
        let index = try SearchIndex(bytes: try Self.smallCatalog())
        let both = try index.categoryDistribution(for: ["dog", "chocolate"])
        let pet = 0.4 * (3.8 / 6 / 0.4) * ((2 * 0.4 / 6) / 0.4)
        let grocery = 0.6 * (2.2 / 6 / 0.6) * (5.2 / 6 / 0.6)
        #expect(abs(Self.share(both, "Grocery") - grocery / (pet + grocery)) < 1e-3)
        #expect(abs(both.shares.map(\.probability).reduce(0, +) - 1) < 1e-9)
        #expect(both.informativeWords == ["dog", "chocolate"])
    }

    @Test func rareOrUnknownWordsSayNothing() throws {
        let index = try SearchIndex(bytes: try Self.smallCatalog())
        for words in [["unique"], ["zebra"], [], [""], ["the"]] {
            let distribution = try index.categoryDistribution(for: words)
            #expect(!distribution.isInformative, "\(words)")
            #expect(distribution.likelyCategories().isEmpty)
            // The prior: the catalog's own category shares.
            #expect(abs(Self.share(distribution, "Grocery") - 0.6) < 1e-9)
        }
    }

    @Test func aWordSpreadEvenlyPointsNowhere() throws {
        var builder = IndexBuilder()
        for number in 0..<20 {
            builder.add(Product(id: "p\(number)", name: "Black thing \(number)", category: number % 2 == 0 ? "Shoes" : "Clothing"))
        }
        let index = try SearchIndex(bytes: try builder.encoded())
        #expect(try index.categoryDistribution(for: ["black"]).likelyCategories().isEmpty)
    }

    // MARK: - Damaged bytes

    /// The TERMCATS section's start in `bytes`, and its length.
    static func section(_ bytes: [UInt8]) throws -> (start: Int, length: Int) {
        let entry = try #require(try SearchIndex(bytes: bytes).sections.first { $0.name == "TERMCATS" })
        return (Int(entry.offset), Int(entry.length))
    }

    static func store(_ value: UInt32, in bytes: inout [UInt8], at offset: Int) {
        for byte in 0..<4 { bytes[offset + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
    }

    /// Header fields that disagree with TERMS or FACETS, or cannot be, refuse the file at open
    /// (the section checksum is only read by `verify()`).
    @Test func aDamagedHeaderIsRefusedAtOpen() throws {
        let good = try Self.smallCatalog()
        let (start, _) = try Self.section(good)
        for (field, value) in [(0, UInt32(7)), (4, UInt32.max), (8, UInt32(31)), (12, UInt32(9)), (16, Float.nan.bitPattern),
                               (16, Float(-1).bitPattern), (4, UInt32(1) << 28)] {
            var bytes = good
            Self.store(value, in: &bytes, at: start + field)
            #expect(throws: IndexFormatError.self, "field at \(field) = \(value)") { _ = try SearchIndex(bytes: bytes) }
        }
    }

    /// Damage behind the header is met by lookups, each of which throws or answers: a block
    /// offset past the end, a category count above the limit, a category ordinal past FACETS,
    /// entries cut short.
    @Test func damagedEntriesThrowOnLookup() throws {
        let good = try Self.smallCatalog()
        let (start, length) = try Self.section(good)
        let entries = start + TermCategoriesFormat.headerSize + 4
        var offsetPastEnd = good
        Self.store(UInt32.max - 2, in: &offsetPastEnd, at: start + TermCategoriesFormat.headerSize)
        var manyCategories = good
        manyCategories[entries + 1] = 200
        var endsEarly = good
        for position in entries..<(start + length) { endsEarly[position] = 0xFF }
        for (name, bytes) in [("block offset", offsetPastEnd), ("category count", manyCategories), ("varints", endsEarly)] {
            let index = try SearchIndex(bytes: bytes)
            #expect(throws: IndexFormatError.self, "\(name)") {
                for word in ["bar", "bed", "biscuits", "cat", "chocolate", "dark", "dog", "leash", "milk", "oil", "olive", "toy"] {
                    _ = try index.categoryDistribution(for: [word])
                }
            }
        }
        // Every byte of the section flipped in turn: never a trap, whatever is answered.
        for position in start..<(start + length) {
            var bytes = good
            bytes[position] ^= 0xA5
            guard let index = try? SearchIndex(bytes: bytes) else { continue }
            for word in ["dog", "chocolate", "olive"] { _ = try? index.categoryDistribution(for: [word]) }
        }
    }
}
