import Analysis
import Catalog
import IndexFormat

/// Per-product values used to filter and sort inside a search (FORMAT.md, "VALUES" and
/// "FACETS"): price in cents, rating in tenths, stock, and category and brand ordinals.
///
/// Categories and brands get provisional ids in order of appearance while reading; at the end
/// they are sorted by their normalised key so that the FACETS dictionaries can be searched by
/// binary search, and the columns are rewritten with the final ordinals.
struct ProductColumnsWriter {
    private var priceCents: [UInt32] = []
    private var ratingTenths: [UInt8] = []
    private var stock: [UInt32] = []
    private var categoryIDs: [UInt32] = []
    private var brandIDs: [UInt32] = []
    private var categories = FacetValues()
    private var brands = FacetValues()

    mutating func add(_ product: Product) {
        // Rounded before the range check: a price whose cents round up to the "no price" mark
        // must not become it. The catalog reader refuses prices above `Product.maximumPrice`
        // with their line; products given to the builder directly are stored without a price.
        if let price = product.price, price >= 0, case let cents = (price * 100).rounded(), cents < Double(StoredFormat.noPrice) {
            priceCents.append(UInt32(cents))
        } else {
            priceCents.append(StoredFormat.noPrice)
        }
        if let rating = product.rating, rating.isFinite, rating >= 0, rating <= 25 {
            ratingTenths.append(UInt8((rating * 10).rounded()))
        } else {
            ratingTenths.append(StoredFormat.noRating)
        }
        if let units = product.stock, units >= 0 {
            stock.append(UInt32(min(units, Int(StoredFormat.noStock) - 1)))
        } else {
            stock.append(StoredFormat.noStock)
        }
        categoryIDs.append(categories.id(for: product.category))
        brandIDs.append(brands.id(for: product.brand))
    }

    /// The VALUES section: document count, then the five columns, each 4-byte aligned.
    func valuesSection() -> [UInt8] {
        let categoryOrdinal = categories.ordinalsByID()
        let brandOrdinal = brands.ordinalsByID()
        var writer = ByteWriter(reservingCapacity: 8 + priceCents.count * 17)
        writer.writeUInt32(UInt32(priceCents.count))
        writer.writeUInt32(0)
        for value in priceCents { writer.writeUInt32(value) }
        for value in stock { writer.writeUInt32(value) }
        for id in categoryIDs { writer.writeUInt32(id == StoredFormat.noOrdinal ? id : categoryOrdinal[Int(id)]) }
        for id in brandIDs { writer.writeUInt32(id == StoredFormat.noOrdinal ? id : brandOrdinal[Int(id)]) }
        writer.writeBytes(ratingTenths)
        writer.pad(toMultipleOf: 4)
        return writer.bytes
    }

    /// The FACETS section: the category dictionary then the brand dictionary.
    func facetsSection() -> [UInt8] {
        var writer = ByteWriter()
        categories.encode(into: &writer)
        brands.encode(into: &writer)
        return writer.bytes
    }

    /// Each document's final category ordinal in FACETS (`StoredFormat.noOrdinal` for none),
    /// in document order: what TERMCATS counts by.
    func categoryOrdinalsByDocument() -> [UInt32] {
        let ordinal = categories.ordinalsByID()
        return categoryIDs.map { $0 == StoredFormat.noOrdinal ? $0 : ordinal[Int($0)] }
    }

    var categoryCount: Int { categories.count }
    var brandCount: Int { brands.count }
}

/// The distinct values of one facet (category or brand) and how many products carry each.
private struct FacetValues {
    private var idByDisplay: [String: UInt32] = [:]
    private var displays: [String] = []
    private var productCounts: [UInt32] = []

    var count: Int { displays.count }

    mutating func id(for display: String) -> UInt32 {
        guard !display.isEmpty else { return StoredFormat.noOrdinal }
        if let id = idByDisplay[display] {
            productCounts[Int(id)] += 1
            return id
        }
        let id = UInt32(displays.count)
        idByDisplay[display] = id
        displays.append(display)
        productCounts.append(1)
        return id
    }

    /// Dictionary order: by key bytes, then display bytes so that "Sony" and "SONY" (same key)
    /// get a deterministic order.
    private func sortedIDs() -> [Int] {
        let keys = displays.map(FacetKey.make)
        return displays.indices.sorted { left, right in
            if keys[left] != keys[right] { return keys[left].lexicographicallyPrecedes(keys[right]) }
            return Array(displays[left].utf8).lexicographicallyPrecedes(Array(displays[right].utf8))
        }
    }

    func ordinalsByID() -> [UInt32] {
        var ordinal = [UInt32](repeating: 0, count: displays.count)
        for (position, id) in sortedIDs().enumerated() { ordinal[id] = UInt32(position) }
        return ordinal
    }

    /// `count`, then `count + 1` u32 entry offsets, then entries:
    /// `key (length-prefixed), display (length-prefixed), varint product count`.
    func encode(into writer: inout ByteWriter) {
        var entries = ByteWriter()
        var offsets: [UInt32] = [0]
        for id in sortedIDs() {
            entries.writeLengthPrefixed(FacetKey.make(displays[id]))
            entries.writeLengthPrefixed(displays[id])
            entries.writeVarUInt(UInt64(productCounts[id]))
            offsets.append(UInt32(entries.count))
        }
        writer.writeUInt32(UInt32(displays.count))
        for offset in offsets { writer.writeUInt32(offset) }
        writer.writeBytes(entries.bytes)
    }
}
