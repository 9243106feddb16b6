/// The counting loop of `FacetCounter`: per document, a few column reads and counter
/// increments, nothing else. Every counter of a pass lives in one flat array (categories,
/// brands, price ranges, whole stars 0 to 5, in stock or not), 32 bits each, reached through
/// one buffer for the whole pass: an array's uniqueness check per increment, and counters of
/// 64 bits (a million products have some 100,000 brands: 800 KB of counters hit at random),
/// were most of the cost measured (Benchmarks/results/facets.md).
struct FacetTally {
    /// Which facets a pass counts.
    struct Counted {
        var category = false
        var brand = false
        var price = false
        var rating = false
        var inStock = false
    }

    private let categoryCount: Int
    private let brandCount: Int
    private var counters: [UInt32]
    private var brandsStart: Int { categoryCount }
    private var pricesStart: Int { categoryCount + brandCount }
    private var starsStart: Int { pricesStart + Self.priceLowerBounds.count }
    private var stockStart: Int { starsStart + 6 }
    /// `PriceRange.standard` is contiguous from 0, the last range unbounded: a price's range
    /// is the last whose lower bound it reaches.
    private static let priceLowerBounds = PriceRange.standard.map(\.lowerCents)

    init(categoryCount: Int, brandCount: Int) {
        self.categoryCount = categoryCount
        self.brandCount = brandCount
        counters = [UInt32](repeating: 0, count: categoryCount + brandCount + Self.priceLowerBounds.count + 6 + 2)
    }

    /// Counts `documents` (every document below `documentCount` when nil) in the facets of
    /// `counted`. `failedFacets` gives a document's failed facet filters (bit `Facet` raw
    /// value; nil: a filter that is no facet's leaves it out), nil when no filter applies: a
    /// document failing one facet's filter counts in that facet only, failing two nowhere.
    mutating func count(_ documents: DocumentBitSet?, documentCount: Int, columns: ProductColumns, counted: Counted,
                        failedFacets: ((UInt32) -> Int?)?) {
        let categoryCount = categoryCount, brandCount = brandCount
        let brandsStart = brandsStart, pricesStart = pricesStart, starsStart = starsStart, stockStart = stockStart
        let bounds = Self.priceLowerBounds
        counters.withUnsafeMutableBufferPointer { counters in
            @inline(__always)
            func tally(_ document: UInt32) {
                var failed = 0
                if let failedFacets {
                    guard let mask = failedFacets(document), mask & (mask - 1) == 0 else { return }
                    failed = mask
                }
                @inline(__always)
                func counts(_ bit: Int) -> Bool { failed == 0 || failed == 1 << bit }
                if counted.category, counts(0) {
                    let category = Int(columns.categoryOrdinal(document))
                    if category < categoryCount { counters[category] &+= 1 }
                }
                if counted.brand, counts(1) {
                    let brand = Int(columns.brandOrdinal(document))
                    if brand < brandCount { counters[brandsStart + brand] &+= 1 }
                }
                if counted.price, counts(2), let cents = columns.priceCents(document) {
                    var range = 0
                    for position in 1..<bounds.count where cents >= bounds[position] { range = position }
                    counters[pricesStart + range] &+= 1
                }
                if counted.rating, counts(3), let tenths = columns.ratingTenths(document) {
                    counters[starsStart + min(5, Int(tenths) / 10)] &+= 1
                }
                if counted.inStock, counts(4) {
                    let stock = columns.stock(document) ?? 0
                    counters[stockStart + (stock > 0 ? 0 : 1)] &+= 1
                }
            }
            if let documents {
                documents.forEachDocument(tally)
            } else {
                for document in 0..<UInt32(max(0, documentCount)) { tally(document) }
            }
        }
    }

    var categories: [Int] { counters[0..<categoryCount].map(Int.init) }
    var brands: [Int] { counters[brandsStart..<(brandsStart + brandCount)].map(Int.init) }
    var prices: [Int] { counters[pricesStart..<starsStart].map(Int.init) }
    /// Products rated at least each of `RatingThreshold.standard`'s stars.
    var ratings: [Int] {
        RatingThreshold.standard.map { stars in counters[(starsStart + min(5, max(0, stars)))..<stockStart].reduce(0) { $0 + Int($1) } }
    }
    var inStock: Int { Int(counters[stockStart]) }
    var outOfStock: Int { Int(counters[stockStart + 1]) }
}
