import IndexFormat

/// Reader of the VALUES section: per-document price, stock, category, brand and rating,
/// read straight from the mapping for filtering and sorting.
struct ProductColumns {
    private let section: UnsafeRawBufferPointer
    let documentCount: Int
    private let priceOffset: Int
    private let stockOffset: Int
    private let categoryOffset: Int
    private let brandOffset: Int
    private let ratingOffset: Int

    init(section: UnsafeRawBufferPointer, documentCount expected: Int) throws(IndexFormatError) {
        let reader = ByteReader(section, section: "VALUES")
        let count = Int(try reader.uint32(at: 0))
        guard count == expected else {
            throw .corrupt(section: "VALUES", detail: "\(count) documents, META says \(expected)")
        }
        priceOffset = 8
        stockOffset = priceOffset + 4 * count
        categoryOffset = stockOffset + 4 * count
        brandOffset = categoryOffset + 4 * count
        ratingOffset = brandOffset + 4 * count
        guard ratingOffset + count <= section.count else {
            throw .truncated(section: "VALUES", expectedBytes: ratingOffset + count, availableBytes: section.count)
        }
        self.section = section
        documentCount = count
    }

    @inline(__always)
    private func uint32(_ base: Int, _ document: UInt32) -> UInt32 {
        UInt32(littleEndian: section.loadUnaligned(fromByteOffset: base + 4 * Int(document), as: UInt32.self))
    }

    /// Price in cents, nil when the product has none. `document` must be < documentCount.
    @inline(__always)
    func priceCents(_ document: UInt32) -> UInt32? {
        let value = uint32(priceOffset, document)
        return value == StoredFormat.noPrice ? nil : value
    }

    func stock(_ document: UInt32) -> UInt32? {
        let value = uint32(stockOffset, document)
        return value == StoredFormat.noStock ? nil : value
    }

    @inline(__always)
    func categoryOrdinal(_ document: UInt32) -> UInt32 { uint32(categoryOffset, document) }

    @inline(__always)
    func brandOrdinal(_ document: UInt32) -> UInt32 { uint32(brandOffset, document) }

    /// Rating in tenths (0...50), nil when unrated.
    @inline(__always)
    func ratingTenths(_ document: UInt32) -> UInt8? {
        let value = section[ratingOffset + Int(document)]
        return value == StoredFormat.noRating ? nil : value
    }
}
