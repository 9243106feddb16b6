/// A `SearchFilter` with names turned into ordinals and dollars into cents, checked per
/// candidate document against the VALUES columns.
struct ResolvedFilter {
    private let categoryOrdinals: [UInt32]?
    private let brandOrdinals: [UInt32]?
    private let minimumCents: UInt32?
    private let maximumCents: UInt32?
    private let inStockOnly: Bool
    let isEmpty: Bool

    init(_ filter: SearchFilter, index: SearchIndex) {
        categoryOrdinals = filter.categories.isEmpty ? nil : filter.categories.flatMap { index.categories.ordinals(matching: $0) }
        brandOrdinals = filter.brands.isEmpty ? nil : filter.brands.flatMap { index.brands.ordinals(matching: $0) }
        // Bounds are inclusive: "under $50" keeps $50.00; fractions of a cent round inward.
        minimumCents = filter.minPrice.map { UInt32(clamping: Int(($0 * 100).rounded(.up))) }
        maximumCents = filter.maxPrice.map { $0 < 0 ? 0 : UInt32(clamping: Int(($0 * 100).rounded(.down))) }
        inStockOnly = filter.inStockOnly
        isEmpty = filter.isEmpty
    }

    @inline(__always)
    func accepts(_ document: UInt32, columns: ProductColumns) -> Bool {
        if isEmpty { return true }
        if let categoryOrdinals, !categoryOrdinals.contains(columns.categoryOrdinal(document)) { return false }
        if let brandOrdinals, !brandOrdinals.contains(columns.brandOrdinal(document)) { return false }
        if minimumCents != nil || maximumCents != nil {
            guard let price = columns.priceCents(document) else { return false }
            if let minimumCents, price < minimumCents { return false }
            if let maximumCents, price > maximumCents { return false }
        }
        if inStockOnly {
            guard let stock = columns.stock(document), stock > 0 else { return false }
        }
        return true
    }
}
