import IndexFormat

/// A `SearchFilter` with names turned into ordinals and dollars into cents, checked per
/// candidate document against the VALUES columns.
struct ResolvedFilter {
    private let categoryOrdinals: [UInt32]?
    private let brandOrdinals: [UInt32]?
    private let minimumCents: UInt32?
    private let maximumCents: UInt32?
    private let inStockOnly: Bool
    private let priceRanges: [PriceRange]
    /// Rating in tenths of a star (the column's unit), nil when any rating passes.
    private let minimumRatingTenths: UInt8?
    private let excludedCategoryOrdinals: [UInt32]
    private let excludedBrandOrdinals: [UInt32]
    /// Documents holding an excluded phrase; nil when no phrase is excluded.
    private let excludedDocuments: DocumentBitSet?
    /// Documents holding every required phrase; nil when none is required.
    private let requiredDocuments: DocumentBitSet?
    let isEmpty: Bool

    /// Throws when the postings of an excluded phrase's words cannot be read.
    init(_ filter: SearchFilter, index: SearchIndex) throws(IndexFormatError) {
        categoryOrdinals = filter.categories.isEmpty ? nil : filter.categories.flatMap { index.categories.ordinals(matching: $0) }
        brandOrdinals = filter.brands.isEmpty ? nil : filter.brands.flatMap { index.brands.ordinals(matching: $0) }
        excludedCategoryOrdinals = filter.excludedCategories.flatMap { index.categories.ordinals(matching: $0) }
        excludedBrandOrdinals = filter.excludedBrands.flatMap { index.brands.ordinals(matching: $0) }
        excludedDocuments = filter.excludedPhrases.isEmpty ? nil : try DocumentBitSet(holdingAnyOf: filter.excludedPhrases, in: index)
        requiredDocuments = filter.requiredPhrases.isEmpty ? nil : try DocumentBitSet(holdingAllOf: filter.requiredPhrases, in: index)
        // Bounds are inclusive: "under $50" keeps $50.00; fractions of a cent round inward.
        minimumCents = filter.minPrice.map { Self.cents($0, rounded: .up) }
        maximumCents = filter.maxPrice.map { Self.cents($0, rounded: .down) }
        inStockOnly = filter.inStockOnly
        priceRanges = filter.priceRanges
        minimumRatingTenths = filter.minimumRating.map(Self.ratingTenths)
        isEmpty = filter.isEmpty
    }

    /// Dollars as stored cents, clamped to what the column holds. Clamping happens on the
    /// Double: converting 1e300 dollars to an integer first would trap (a request could
    /// crash the server), and NaN counts as no bound below or above.
    static func cents(_ dollars: Double, rounded rule: FloatingPointRoundingRule) -> UInt32 {
        guard !dollars.isNaN else { return rule == .up ? 0 : UInt32.max }
        let cents = (dollars * 100).rounded(rule)
        return UInt32(min(max(cents, 0), Double(UInt32.max)))
    }

    /// Stars as stored tenths, rounded up (4.25 stars admits 4.3, not 4.2), clamped to 0...50;
    /// NaN admits every rated product.
    static func ratingTenths(_ stars: Double) -> UInt8 {
        guard !stars.isNaN else { return 0 }
        return UInt8(min(max((stars * 10).rounded(.up), 0), 50))
    }

    @inline(__always)
    func accepts(_ document: UInt32, columns: ProductColumns) -> Bool {
        if isEmpty { return true }
        if let categoryOrdinals, !categoryOrdinals.contains(columns.categoryOrdinal(document)) { return false }
        if let brandOrdinals, !brandOrdinals.contains(columns.brandOrdinal(document)) { return false }
        if !excludedCategoryOrdinals.isEmpty, excludedCategoryOrdinals.contains(columns.categoryOrdinal(document)) { return false }
        if !excludedBrandOrdinals.isEmpty, excludedBrandOrdinals.contains(columns.brandOrdinal(document)) { return false }
        if let excludedDocuments, excludedDocuments.contains(document) { return false }
        if let requiredDocuments, !requiredDocuments.contains(document) { return false }
        if minimumCents != nil || maximumCents != nil {
            guard let price = columns.priceCents(document) else { return false }
            if let minimumCents, price < minimumCents { return false }
            if let maximumCents, price > maximumCents { return false }
        }
        if !priceRanges.isEmpty {
            guard let price = columns.priceCents(document), priceRanges.contains(where: { $0.contains(cents: price) }) else { return false }
        }
        if let minimumRatingTenths {
            guard let rating = columns.ratingTenths(document), rating >= minimumRatingTenths else { return false }
        }
        if inStockOnly {
            guard let stock = columns.stock(document), stock > 0 else { return false }
        }
        return true
    }
}
