import Analysis
import Catalog
import CatalogGenerator
import Indexer
import Testing
@testable import Query

/// Facet counts (`SearchRequest.facets`, issue 15): over every match, not the page; each
/// facet counted with every filter but its own (disjunctive); several values per facet. Each
/// count is checked against a count by brute force over the generated catalog's products.
@Suite struct FacetCountTests {
    static let products: [Product] = {
        var generator = CatalogGenerator(seed: 15)
        return (0..<1_500).map { _ in generator.next() }
    }()

    static let index: SearchIndex = {
        var builder = IndexBuilder()
        for product in products { builder.add(product) }
        do {
            return try SearchIndex(bytes: try builder.encoded())
        } catch {
            fatalError("cannot build the facet catalog: \(error)")
        }
    }()

    /// The terms of every field a search reads, per product, as the one analysis chain makes them.
    static let termsByProduct: [Set<[UInt8]>] = products.map { product in
        let text = ([product.name, product.brand, product.category] + product.attributes.map(\.value) + [product.description])
            .joined(separator: " \u{1F} ")
        return Set(TextAnalyzer.analyze(text).map(\.term))
    }

    /// The products holding every word of `query` (all words required) or, with `anyWord`, one.
    static func matching(_ query: String, anyWord: Bool = false) -> [Int] {
        let terms = QueryWords.parse(query).map(\.term)
        return products.indices.filter { position in
            anyWord ? terms.contains { termsByProduct[position].contains($0) } : terms.allSatisfy { termsByProduct[position].contains($0) }
        }
    }

    static func cents(_ dollars: Double?) -> UInt32? { dollars.map { UInt32(($0 * 100).rounded()) } }

    /// Whether `product` passes the part of `filter` that belongs to `facet`.
    static func passes(_ product: Product, _ facet: SearchFacet, _ filter: SearchFilter) -> Bool {
        switch facet {
        case .category:
            return filter.categories.isEmpty || filter.categories.contains { FacetKey.make($0) == FacetKey.make(product.category) }
        case .brand:
            return filter.brands.isEmpty || filter.brands.contains { FacetKey.make($0) == FacetKey.make(product.brand) }
        case .price:
            guard filter.priceRanges.isEmpty && filter.minPrice == nil && filter.maxPrice == nil else {
                guard let cents = cents(product.price) else { return false }
                if let minimum = filter.minPrice, Double(cents) < minimum * 100 { return false }
                if let maximum = filter.maxPrice, Double(cents) > maximum * 100 { return false }
                return filter.priceRanges.isEmpty || filter.priceRanges.contains { cents >= $0.lowerCents && cents < ($0.upperCents ?? .max) }
            }
            return true
        case .rating:
            guard let minimum = filter.minimumRating else { return true }
            guard let rating = product.rating else { return false }
            return (rating * 10).rounded() >= (minimum * 10).rounded(.up)
        case .inStock:
            return !filter.inStockOnly || (product.stock ?? 0) > 0
        }
    }

    /// The values of `facet` that `product` counts under.
    static func values(of product: Product, _ facet: SearchFacet) -> [String] {
        switch facet {
        case .category: return [product.category]
        case .brand: return [product.brand]
        case .price:
            guard let cents = cents(product.price) else { return [] }
            return PriceRange.standard.filter { cents >= $0.lowerCents && cents < ($0.upperCents ?? .max) }.map(\.name)
        case .rating:
            guard let rating = product.rating else { return [] }
            return RatingThreshold.standard.filter { (rating * 10).rounded() >= Double($0 * 10) }.map(String.init)
        case .inStock: return [(product.stock ?? 0) > 0 ? "true" : "false"]
        }
    }

    /// Brute force: for each facet, the matches passing every other facet's filter, by value.
    static func expectedCounts(_ matches: [Int], filter: SearchFilter, facet: SearchFacet) -> [String: Int] {
        var counts: [String: Int] = [:]
        for position in matches {
            let product = products[position]
            guard SearchFacet.allCases.allSatisfy({ $0 == facet || passes(product, $0, filter) }) else { continue }
            for value in values(of: product, facet) { counts[value, default: 0] += 1 }
        }
        return counts
    }

    static func search(_ query: String, filter: SearchFilter, pageSize: Int = 10) throws -> SearchResponse {
        var request = SearchRequest(query: query, limit: pageSize, filter: filter)
        request.facets = Set(SearchFacet.allCases)
        return try Searcher(index: index).search(request)
    }

    /// With `pageSize` 1 a search with a match does not fall back to completions, typos or
    /// partial matches, so its matches are the products holding its words.
    static func checkAgainstBruteForce(_ query: String, filter: SearchFilter, anyWord: Bool = false, pageSize: Int = 1) throws {
        let response = try search(query, filter: filter, pageSize: pageSize)
        let matches = query.isEmpty ? Array(products.indices) : matching(query, anyWord: anyWord)
        #expect(response.facets.map(\.facet) == SearchFacet.allCases)
        for counts in response.facets {
            let expected = expectedCounts(matches, filter: filter, facet: counts.facet)
            let listed = Dictionary(counts.values.map { ($0.value, $0.count) }, uniquingKeysWith: +).filter { $0.value > 0 }
            switch counts.facet {
            case .category, .brand:
                // The top values, all of them when they fit.
                // The top values, all of them when they fit, and any selected value beyond.
                let selected = Set((counts.facet == .brand ? filter.brands : filter.categories).map { FacetKey.make($0) })
                // Ties in dictionary order: by key bytes (`FacetKey`).
                let ranked = expected.sorted { left, right in
                    left.value != right.value ? left.value > right.value
                        : FacetKey.make(left.key).lexicographicallyPrecedes(FacetKey.make(right.key))
                }
                let top = ranked.prefix(SearchFacets.maximumValues) + ranked.dropFirst(SearchFacets.maximumValues).filter {
                    selected.contains(FacetKey.make($0.key))
                }
                #expect(listed == Dictionary(uniqueKeysWithValues: Array(top)), "\(query) \(counts.facet)")
                #expect(counts.omittedValueCount == expected.count - top.count)
                #expect(Set(counts.values.filter(\.isSelected).map { FacetKey.make($0.value) }).isSubset(of: selected))
            default:
                #expect(listed == expected.filter { $0.value > 0 }, "\(query) \(counts.facet)")
            }
        }
        // Every filter applied: the total.
        let passing = matches.filter { position in SearchFacet.allCases.allSatisfy { passes(products[position], $0, filter) } }
        #expect(response.totalMatches == passing.count, "\(query)")
    }

    @Test(arguments: ["", "black", "wireless", "steel bottle", "cotton"])
    func countsEqualABruteForceCountWithoutFilters(query: String) throws {
        try Self.checkAgainstBruteForce(query, filter: SearchFilter())
    }

    /// Each facet filtered, and all of them at once: every facet is counted over the matches
    /// passing the other facets' filters.
    @Test func filteredFacetsAreCountedWithoutTheirOwnFilter() throws {
        let brands = Self.index.allBrands().sorted { $0.productCount > $1.productCount }.prefix(3).map(\.name)
        let categories = Self.index.allCategories().sorted { $0.productCount > $1.productCount }.prefix(2).map(\.name)
        let filters = [
            SearchFilter(brands: [brands[0]]),
            SearchFilter(categories: [categories[0]], brands: [brands[0], brands[1]]),
            SearchFilter(priceRanges: [PriceRange.standard[1], PriceRange.standard[3]]),
            SearchFilter(minimumRating: 4),
            SearchFilter(inStockOnly: true),
            SearchFilter(categories: categories, brands: brands, maxPrice: 300, inStockOnly: true,
                         priceRanges: [PriceRange.standard[2], PriceRange.standard[4]], minimumRating: 3.5),
        ]
        var checked = 0
        for filter in filters {
            try Self.checkAgainstBruteForce("", filter: filter)
            // A filter that leaves no product holding "black" makes the search fall back to
            // its completions: brute force here knows whole words only.
            guard Self.matching("black").contains(where: { position in
                SearchFacet.allCases.allSatisfy { Self.passes(Self.products[position], $0, filter) }
            }) else { continue }
            try Self.checkAgainstBruteForce("black", filter: filter)
            checked += 1
        }
        #expect(checked >= 4)
    }

    /// A word the catalog lacks makes the search fall back to products with some of the words:
    /// the facets count those, every one of them.
    @Test func partialMatchesAreCountedWhenTheSearchFellBackToThem() throws {
        let response = try Self.search("wireless qqxzvvk", filter: SearchFilter())
        #expect(response.isPartialMatch)
        try Self.checkAgainstBruteForce("wireless qqxzvvk", filter: SearchFilter(), anyWord: true, pageSize: 10)
    }

    /// Selecting a brand keeps the other brands' counts (as without the selection), the
    /// selected one flagged, and its count is the number of results. With a page of 10 the
    /// filtered search also tops up with completions ("blackout"), which the brand counts do
    /// not take in: without the brand filter the search would not have needed them.
    @Test(arguments: [1, 10])
    func selectingABrandStillShowsTheOtherBrands(pageSize: Int) throws {
        let unfiltered = try Self.search("black", filter: SearchFilter(), pageSize: pageSize)
        let brandCounts = try #require(unfiltered.facets.first { $0.facet == .brand })
        let chosen = try #require(brandCounts.values.last)
        let filtered = try Self.search("black", filter: SearchFilter(brands: [chosen.value]), pageSize: pageSize)
        let filteredBrands = try #require(filtered.facets.first { $0.facet == .brand })
        #expect(filteredBrands.values.map(\.value) == brandCounts.values.map(\.value))
        #expect(filteredBrands.values.map(\.count) == brandCounts.values.map(\.count))
        #expect(filteredBrands.values.filter(\.isSelected).map(\.value) == [chosen.value])
        if pageSize == 1 {
            #expect(filtered.totalMatches == chosen.count)
            // The other facets count the selected brand's matches only.
            let categories = try #require(filtered.facets.first { $0.facet == .category })
            #expect(categories.values.reduce(0) { $0 + $1.count } == chosen.count)
        }
    }

    /// Two brands: any of them, the total the sum of their counts.
    @Test func repeatedValuesSelectAnyOfThem() throws {
        let brands = try #require(try Self.search("", filter: SearchFilter()).facets.first { $0.facet == .brand })
        let two = Array(brands.values.prefix(2))
        let response = try Self.search("", filter: SearchFilter(brands: two.map(\.value)))
        #expect(response.totalMatches == two[0].count + two[1].count)
        let selected = response.facets.first { $0.facet == .brand }?.values.filter(\.isSelected).map(\.value) ?? []
        #expect(Set(selected) == Set(two.map(\.value)))
    }

    /// Only the facets asked for; none asked, none counted.
    @Test func onlyTheFacetsAskedForAreCounted() throws {
        var request = SearchRequest(query: "black")
        #expect(try Searcher(index: Self.index).search(request).facets.isEmpty)
        request.facets = [.price, .brand]
        #expect(try Searcher(index: Self.index).search(request).facets.map(\.facet) == [.brand, .price])
    }

    @Test(arguments: [("25-50", 2_500, 5_000, "25-50"), ("1000-", 100_000, nil, "1000-"), ("19.99-25", 1_999, 2_500, "19.99-25"),
                      ("0.5-1", 50, 100, "0.50-1"), ("007-8.00", 700, 800, "7-8")] as [(String, UInt32, UInt32?, String)])
    func priceRangesReadTheirNames(name: String, lower: UInt32, upper: UInt32?, canonical: String) {
        let range = PriceRange(name: name)
        #expect(range == PriceRange(lowerCents: lower, upperCents: upper))
        #expect(range?.name == canonical)
    }

    @Test(arguments: ["", "-", "50-25", "25-25", "a-b", "-5-10", "1e3-", "25", "1.234-5", "99999999999-", " 25-50", "25-50-75", "٣-٤"])
    func badPriceRangesAreRefused(name: String) {
        #expect(PriceRange(name: name) == nil)
    }
}
