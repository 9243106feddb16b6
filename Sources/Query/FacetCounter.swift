import IndexFormat

/// Counts a search's matches by facet value (`SearchRequest.facets`), over every match, not
/// the page, with disjunctive counts: each facet is counted with every filter but its own,
/// so a page that selected brand A still shows how many matches brands B and C have (as
/// Algolia's and Meilisearch's disjunctive facets, and Solr's "tag and exclude" filters do).
///
/// One pass over the matching documents (`MatchedDocuments`): a document that fails none of
/// the facets' filters counts in every facet; one that fails exactly one facet's filter counts
/// in that facet only (lifting that filter would admit it); one that fails two counts nowhere.
/// Filters that are no facet (excluded brands, categories and phrases, required phrases)
/// apply to all. Cost: five column reads and a few compares per match, plus one array of
/// counters per category and per brand of the catalog; at a million products an unfiltered
/// browse of everything is the worst case (measured in Benchmarks/results/facets.md).
struct FacetCounter {
    private let facets: Set<SearchFacet>
    private let filter: SearchFilter
    /// The filters that are no facet's: they hold for every count.
    private let common: ResolvedFilter
    private let selectedCategories: [Bool]
    private let selectedBrands: [Bool]
    private let priceFilter: ResolvedFilter
    private let ratingFilter: ResolvedFilter
    private let stockFilter: ResolvedFilter

    init(facets: Set<SearchFacet>, filter: SearchFilter, index: SearchIndex) throws(IndexFormatError) {
        self.facets = facets
        self.filter = filter
        var commonFilter = filter
        commonFilter.categories = []
        commonFilter.brands = []
        commonFilter.minPrice = nil
        commonFilter.maxPrice = nil
        commonFilter.priceRanges = []
        commonFilter.minimumRating = nil
        commonFilter.inStockOnly = false
        common = try ResolvedFilter(commonFilter, index: index)
        selectedCategories = Self.selection(filter.categories, in: index.categories)
        selectedBrands = Self.selection(filter.brands, in: index.brands)
        priceFilter = try ResolvedFilter(SearchFilter(minPrice: filter.minPrice, maxPrice: filter.maxPrice, priceRanges: filter.priceRanges),
                                         index: index)
        ratingFilter = try ResolvedFilter(SearchFilter(minimumRating: filter.minimumRating), index: index)
        stockFilter = try ResolvedFilter(SearchFilter(inStockOnly: filter.inStockOnly), index: index)
    }

    /// For each ordinal of `dictionary`, whether `names` select it; empty when none is named
    /// (no filter on that facet).
    private static func selection(_ names: [String], in dictionary: FacetDictionary) -> [Bool] {
        guard !names.isEmpty else { return [] }
        var selected = [Bool](repeating: false, count: dictionary.count)
        for name in names {
            for ordinal in dictionary.ordinals(matching: name) where Int(ordinal) < selected.count { selected[Int(ordinal)] = true }
        }
        return selected
    }

    private enum Facet: Int, CaseIterable, Hashable {
        case category, brand, price, rating, inStock
    }

    /// The facets whose own filter `document` fails, one bit each (`Facet.rawValue`).
    @inline(__always)
    private func failedFacets(_ document: UInt32, columns: ProductColumns) -> Int {
        var failed = 0
        if !selectedCategories.isEmpty {
            let category = Int(columns.categoryOrdinal(document))
            if !(category < selectedCategories.count && selectedCategories[category]) { failed |= 1 << Facet.category.rawValue }
        }
        if !selectedBrands.isEmpty {
            let brand = Int(columns.brandOrdinal(document))
            if !(brand < selectedBrands.count && selectedBrands[brand]) { failed |= 1 << Facet.brand.rawValue }
        }
        if !priceFilter.isEmpty, !priceFilter.accepts(document, columns: columns) { failed |= 1 << Facet.price.rawValue }
        if !ratingFilter.isEmpty, !ratingFilter.accepts(document, columns: columns) { failed |= 1 << Facet.rating.rawValue }
        if !stockFilter.isEmpty, !stockFilter.accepts(document, columns: columns) { failed |= 1 << Facet.inStock.rawValue }
        return failed
    }

    private func facet(_ facet: SearchFacet) -> Facet {
        switch facet {
        case .category: .category
        case .brand: .brand
        case .price: .price
        case .rating: .rating
        case .inStock: .inStock
        }
    }

    private func hasOwnFilter(_ facet: Facet) -> Bool {
        switch facet {
        case .category: !selectedCategories.isEmpty
        case .brand: !selectedBrands.isEmpty
        case .price: !priceFilter.isEmpty
        case .rating: !ratingFilter.isEmpty
        case .inStock: !stockFilter.isEmpty
        }
    }

    /// The counts over a search's matches, one `FacetCounts` per requested facet in
    /// `SearchFacet.allCases` order.
    ///
    /// `stages` are the matches after each step the search ran (`MatchedDocuments`; nil:
    /// every document), each holding the one before. A step runs only while the steps before
    /// found fewer than `pageSize` products passing the filter, so the search without one
    /// facet's filter, which passes more products, stops at the first stage where those
    /// reach `pageSize` (or runs them all): that facet is counted over that stage's matches,
    /// exactly what lifting its filter would search. The other facets use the last stage.
    func count(stages: [MatchedDocuments?], pageSize: Int, index: SearchIndex) -> [FacetCounts] {
        let columns = index.columns
        var built: [Int: DocumentBitSet] = [:]
        func forEachDocument(ofStage stage: Int, _ body: (UInt32) -> Void) {
            guard let matched = stages[stage] else {
                for document in 0..<UInt32(index.documentCount) { body(document) }
                return
            }
            if built[stage] == nil { built[stage] = matched.documents(in: index) }
            built[stage]?.forEachDocument(body)
        }
        let last = max(0, stages.count - 1)
        var stageOfFacet: [Facet: Int] = [:]
        for requested in facets {
            let own = facet(requested)
            var chosen = last
            if hasOwnFilter(own) {
                for stage in 0..<last {
                    var passing = 0
                    forEachDocument(ofStage: stage) { document in
                        guard common.accepts(document, columns: columns) else { return }
                        let failed = failedFacets(document, columns: columns)
                        if failed == 0 || failed == 1 << own.rawValue { passing += 1 }
                    }
                    if passing >= pageSize {
                        chosen = stage
                        break
                    }
                }
            }
            stageOfFacet[own] = chosen
        }

        var tally = FacetTally(categoryCount: facets.contains(.category) ? index.categories.count : 0,
                               brandCount: facets.contains(.brand) ? index.brands.count : 0)
        // With no filter at all (the usual search with facets), no document is checked.
        let filtered = !common.isEmpty || Facet.allCases.contains(where: hasOwnFilter)
        for stage in Set(stageOfFacet.values).sorted() where !stages.isEmpty {
            let here = Set(stageOfFacet.filter { $0.value == stage }.keys)
            let counted = FacetTally.Counted(category: here.contains(.category), brand: here.contains(.brand), price: here.contains(.price),
                                             rating: here.contains(.rating), inStock: here.contains(.inStock))
            let documents: DocumentBitSet?
            if let matched = stages[stage] {
                if built[stage] == nil { built[stage] = matched.documents(in: index) }
                documents = built[stage]
            } else {
                documents = nil
            }
            tally.count(documents, documentCount: index.documentCount, columns: columns, counted: counted,
                        failedFacets: filtered ? { document in
                            common.accepts(document, columns: columns) ? failedFacets(document, columns: columns) : nil
                        } : nil)
        }
        return results(tally.categories, tally.brands, tally.prices, tally.ratings, tally.inStock, tally.outOfStock, index: index)
    }

    private func results(_ categories: [Int], _ brands: [Int], _ prices: [Int], _ ratings: [Int], _ inStock: Int, _ outOfStock: Int,
                         index: SearchIndex) -> [FacetCounts] {
        var result: [FacetCounts] = []
        for facet in SearchFacet.allCases where facets.contains(facet) {
            switch facet {
            case .category:
                result.append(Self.topValues(facet, counts: categories, selected: selectedCategories, dictionary: index.categories))
            case .brand:
                result.append(Self.topValues(facet, counts: brands, selected: selectedBrands, dictionary: index.brands))
            case .price:
                let values = PriceRange.standard.enumerated().map { position, range in
                    FacetValueCount(value: range.name, count: prices[position], isSelected: filter.priceRanges.contains(range))
                }
                result.append(FacetCounts(facet: facet, values: values, omittedValueCount: 0))
            case .rating:
                let selected = filter.minimumRating.map(ResolvedFilter.ratingTenths)
                let values = RatingThreshold.standard.enumerated().map { position, stars in
                    FacetValueCount(value: String(stars), count: ratings[position], isSelected: selected == UInt8(stars * 10))
                }
                result.append(FacetCounts(facet: facet, values: values, omittedValueCount: 0))
            case .inStock:
                result.append(FacetCounts(facet: facet, values: [
                    FacetValueCount(value: "true", count: inStock, isSelected: filter.inStockOnly),
                    FacetValueCount(value: "false", count: outOfStock, isSelected: false),
                ], omittedValueCount: 0))
            }
        }
        return result
    }

    /// The values with matches, most first (ties in dictionary order, which is `FacetKey`
    /// order: by name, case and punctuation aside), at most `SearchFacets.maximumValues` of
    /// them plus any selected value beyond (a page keeps showing what is ticked).
    ///
    /// The top values are chosen from the counts alone, and only they are read from the
    /// dictionary: a million-product catalog has some 100,000 brands, and reading and sorting
    /// every name with a match made a browse's facets cost 130 ms instead of a few.
    private static func topValues(_ facet: SearchFacet, counts: [Int], selected: [Bool], dictionary: FacetDictionary) -> FacetCounts {
        let limit = SearchFacets.maximumValues
        // Kept sorted best first: (count, ordinal), more matches first, then lower ordinals.
        var top: [(count: Int, ordinal: Int)] = []
        top.reserveCapacity(limit + 1)
        var withMatches = 0
        for (ordinal, count) in counts.enumerated() where count > 0 {
            withMatches += 1
            if top.count == limit, let worst = top.last, worst.count >= count { continue }
            let position = top.firstIndex { $0.count < count } ?? top.count
            top.insert((count, ordinal), at: position)
            if top.count > limit { top.removeLast() }
        }
        var ordinals = top.map(\.ordinal)
        for (ordinal, isSelected) in selected.enumerated() where isSelected && !ordinals.contains(ordinal) { ordinals.append(ordinal) }
        let values: [FacetValueCount] = ordinals.compactMap { ordinal in
            guard let value = dictionary.value(ordinal: UInt32(ordinal)) else { return nil }
            let count = ordinal < counts.count ? counts[ordinal] : 0
            return FacetValueCount(value: value.name, count: count, isSelected: ordinal < selected.count && selected[ordinal])
        }
        let keptWithMatches = values.count { $0.count > 0 }
        return FacetCounts(facet: facet, values: values, omittedValueCount: withMatches - keptWithMatches)
    }
}
