import Foundation
import Testing
import Catalog
import TestSupport
@testable import CatalogGenerator

@Suite struct CatalogGeneratorTests {
    private func products(_ count: Int, seed: UInt64 = 42) -> [Product] {
        var generator = CatalogGenerator(seed: seed)
        return (0..<count).map { _ in generator.next() }
    }

    /// Lowercased words of every text field, split on anything not a letter or digit.
    private func words(of product: Product) -> [String] {
        var fields = [product.name, product.brand, product.category, product.description]
        for attribute in product.attributes { fields += [attribute.name, attribute.value] }
        return fields.flatMap { $0.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init) }
    }

    /// Highest sane shelf price per category, in dollars.
    private static let maximumPrice: [String: Double] = [
        "Electronics": 2_500, "Books": 100, "Clothing": 400, "Shoes": 300, "Home & Kitchen": 700,
        "Sports & Outdoors": 600, "Beauty": 450, "Toys & Games": 300, "Grocery": 100,
        "Office Supplies": 700, "Pet Supplies": 250, "Garden & Outdoor": 1_200,
    ]

    @Test func sameSeedGivesByteIdenticalCatalogs() {
        let first = products(3_000)
        let second = products(3_000)
        #expect(first == second)
        #expect(first.map(CatalogLineEncoder.encode) == second.map(CatalogLineEncoder.encode))
    }

    @Test func differentSeedsGiveDifferentCatalogs() {
        let names42 = products(200, seed: 42).map(\.name)
        let names43 = products(200, seed: 43).map(\.name)
        let sameNames = zip(names42, names43).filter { $0 == $1 }.count
        #expect(sameNames < 20)
    }

    @Test func idsAreSequentialAndUnique() {
        let ids = products(2_500).map(\.id)
        #expect(ids.first == "sku-0000001")
        #expect(ids[41] == "sku-0000042")
        #expect(ids.last == "sku-0002500")
        #expect(Set(ids).count == ids.count)
        #expect(CatalogGenerator.productID(9_999_999) == "sku-9999999")
        #expect(CatalogGenerator.productID(12_345_678) == "sku-12345678")
    }

    @Test func firstThousandCoverAllTwelveCategoriesEvenly() throws {
        let counts = Dictionary(grouping: products(1_000), by: \.category).mapValues(\.count)
        #expect(Set(counts.keys) == Set(CatalogVocabulary.categories))
        #expect(counts.count == 12)
        // 1000 / 12 is about 83; a uniform draw stays well inside this band.
        for (category, count) in counts {
            #expect((45...125).contains(count), "\(category): \(count)")
        }
    }

    @Test func everyProductIsWellFormed() throws {
        for product in products(20_000) {
            #expect(!product.name.isEmpty && !product.brand.isEmpty && !product.description.isEmpty)
            let maximum = try #require(Self.maximumPrice[product.category], "unknown category \(product.category)")
            let price = try #require(product.price)
            #expect(price > 0 && price <= maximum, "\(product.id) \(product.category) \(price)")
            let cents = Int((price * 100).rounded()) % 100
            #expect([99, 49, 0].contains(cents), "\(product.id) \(price)")
            if let rating = product.rating {
                #expect((1.0...5.0).contains(rating))
                #expect(rating * 10 == (rating * 10).rounded(), "rating \(rating) has more than one decimal")
            }
            let stock = try #require(product.stock)
            #expect((0...500).contains(stock))
            #expect(product.image.hasPrefix("/images/products/") && product.image.hasSuffix(".svg"))
            for text in [product.name, product.description] {
                // A leftover brace is a template slot that was not filled in.
                #expect(!text.contains("{") && !text.contains("}"), "\(product.id): \(text)")
                #expect(!text.contains("  ") && !text.hasPrefix(" ") && !text.hasSuffix(" "), "\(product.id): \(text)")
            }
            #expect(product.attributes.allSatisfy { !$0.name.isEmpty && !$0.value.isEmpty })
        }
    }

    @Test func someProductsAreUnratedAndSomeAreOutOfStock() {
        let catalog = products(2_000)
        let unrated = catalog.filter { $0.rating == nil }.count
        let soldOut = catalog.filter { $0.stock == 0 }.count
        #expect((40...300).contains(unrated))
        #expect((40...300).contains(soldOut))
        let ratings = catalog.compactMap(\.rating)
        let average = ratings.reduce(0, +) / Double(ratings.count)
        #expect(average > 3.8 && average < 4.7, "ratings should lean high, average \(average)")
    }

    @Test func firstThousandUseOnlyWellKnownBrands() {
        let knownBrands = Set(ProductKindTable.all.flatMap(\.brands))
        let unknown = products(CatalogGenerator.curatedProductCount).map(\.brand).filter { !knownBrands.contains($0) }
        #expect(unknown.isEmpty, "invented brands among the curated products: \(unknown.prefix(5))")
    }

    @Test func vocabularyGrowsWithCatalogSize() {
        let catalog = products(20_000)
        let small = catalog.prefix(2_000)
        let smallWords = Set(small.flatMap(words(of:)))
        let largeWords = Set(catalog.flatMap(words(of:)))
        let smallBrands = Set(small.map(\.brand))
        let largeBrands = Set(catalog.map(\.brand))
        #expect(largeWords.count > 2 * smallWords.count, "\(smallWords.count) -> \(largeWords.count)")
        #expect(largeBrands.count > 5 * smallBrands.count, "\(smallBrands.count) -> \(largeBrands.count)")
    }

    @Test func mostElectronicsNamesCarryAModelNumber() {
        let electronics = products(5_000).filter { $0.category == "Electronics" }
        // A model number: a token with both letters and digits, e.g. "WH-1000XM5", "QC45".
        let withModel = electronics.filter { product in
            product.name.split(separator: " ").contains { token in
                token.contains(where: \.isLetter) && token.contains(where: \.isNumber) && token.first?.isUppercase == true
            }
        }
        #expect(electronics.count > 300)
        #expect(withModel.count * 2 > electronics.count, "\(withModel.count) of \(electronics.count)")
        #expect(electronics.contains { $0.name.contains("-") && $0.name.contains(where: \.isNumber) })
    }

    @Test func generatedCatalogReadsBackUnchangedUnderStrictPolicy() throws {
        let catalog = products(3_000)
        let path = NSTemporaryDirectory() + "uplyft-generated-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = catalog.map { CatalogLineEncoder.encode($0) + "\n" }.joined()
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var reader = try CatalogReader(path: path, policy: .strict)
        var readBack: [Product] = []
        let summary = try reader.forEach { readBack.append($0) }
        #expect(summary.badLineCount == 0 && summary.unknownFieldCounts.isEmpty)
        #expect(readBack == catalog)
    }

    @Test func encodedLinesHaveNoRawLineBreaks() {
        for product in products(5_000) {
            let line = CatalogLineEncoder.encode(product)
            #expect(!line.contains("\n") && !line.contains("\r"), "\(product.id)")
        }
    }
}

@Suite struct CatalogTablesTests {
    private static let reservedSlotNames: Set<String> = ["brand", "model", "series", "feature", "version", "type", "types", "title"]

    @Test func templatesOnlyReadAttributesTheirKindHas() {
        for kind in ProductKindTable.all {
            let attributeNames = Set(kind.attributes.map(\.name))
            let templates = kind.names + kind.sentences + kind.titles
            for name in templates.flatMap(\.attributeNames) {
                #expect(attributeNames.contains(name), "\(kind.name) template reads missing attribute {\(name)}")
            }
            // An attribute named like a reserved slot or word list could never be read by a template.
            for name in attributeNames {
                #expect(!Self.reservedSlotNames.contains(name) && CatalogVocabulary.wordLists[name] == nil, "\(kind.name): \(name)")
            }
        }
    }

    @Test func everyKindIsCompleteAndPricedSensibly() {
        for kind in ProductKindTable.all {
            #expect(!kind.brands.isEmpty && !kind.names.isEmpty && kind.sentences.count >= 2, "\(kind.name)")
            #expect(kind.dollars.lowerBound >= 1, "\(kind.name)")
            #expect(CatalogVocabulary.categories.contains(kind.category), "\(kind.name)")
            let usesFeature = (kind.names + kind.sentences).contains { $0.pieces.contains { if case .slot(.feature) = $0 { true } else { false } } }
            #expect(!usesFeature || !kind.features.isEmpty, "\(kind.name) names a feature but has none")
        }
        #expect(ProductKindTable.byCategory.count == CatalogVocabulary.categories.count)
        for (index, kinds) in ProductKindTable.byCategory.enumerated() {
            #expect(kinds.count >= 5 && kinds.allSatisfy { $0.category == CatalogVocabulary.categories[index] })
        }
    }

    @Test func imageSlugsAreUniqueAndReadable() {
        let slugs = ProductKindTable.all.map(\.slug)
        #expect(Set(slugs).count == slugs.count)
        #expect(ProductKind.slug(of: "Children's Book") == "childrens-book")
        #expect(ProductKind.slug(of: "USB-C Cable") == "usb-c-cable")
        #expect(ProductKind.slug(of: "Home & Kitchen") == "home-kitchen")
        #expect(ProductKind.slug(of: "") == "")
    }

    @Test func syntheticWordsAreDistinctAndLookLikeNames() {
        let words = (0..<20_000).map(SyntheticNames.word)
        #expect(Set(words).count == words.count)
        for word in words.prefix(500) {
            #expect(word.first?.isUppercase == true && word.allSatisfy(\.isLetter), "\(word)")
        }
        #expect(SyntheticNames.word(-5) == SyntheticNames.word(0))
    }

    @Test func splitMix64IsStableAcrossReleases() {
        // Reference outputs of SplitMix64 for seed 0 (the published algorithm's first values).
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        var bounded = SplitMix64(seed: 7)
        #expect((0..<1_000).allSatisfy { _ in (0..<10).contains(bounded.below(10)) })
        #expect(bounded.below(0) == 0)
    }

    /// Tests draw their random inputs from TestSupport's `SeededRandomGenerator`, which the
    /// generator cannot use: the two are one algorithm, number for number.
    @Test(arguments: [0, 7, 0x5EED, UInt64.max] as [UInt64])
    func theTestsSeededGeneratorIsTheSameSplitMix64(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var tests = SeededRandomGenerator(seed: seed)
        #expect((0..<1_000).allSatisfy { _ in generator.next() == tests.next() })
    }
}

/// Product lines stay with their brands: no generated name pairs a brand with a rival's line.
@Suite struct GeneratedSeriesTests {
    @Test func ownedLinesOnlyAppearWithTheirBrand() {
        var generator = CatalogGenerator(seed: 42)
        var checkedOwnedLines = 0
        for _ in 0..<20_000 {
            let product = generator.next()
            // Names open with "<brand> <line> ..." when they use a line.
            if let owner = SeriesOwners.ownerBySeries.first(where: { product.name.hasPrefix("\(product.brand) \($0.key) ") })?.value {
                #expect(owner == product.brand, "\(product.name) pairs \(product.brand) with a line of \(owner)")
                checkedOwnedLines += 1
            }
        }
        #expect(checkedOwnedLines > 100)
    }

    @Test func brandsWithoutOwnLinesGetGenericOnes() {
        #expect(SeriesOwners.choices(among: ["iPad", "Pad"], for: "Apple") == ["iPad"])
        #expect(SeriesOwners.choices(among: ["iPad", "Classic"], for: "Microsoft") == ["Classic"])
        #expect(SeriesOwners.choices(among: ["iPad"], for: "Velotrax") == SeriesOwners.genericSeries)
    }
}
