import IndexFormat

/// Builds the TERMCATS section (FORMAT.md, "TERMCATS"; the statistic is in
/// `TermCategoriesFormat`): for each term, in ordinal order, how many products with a category
/// contain it and the likeliest categories with their smoothed share.
///
/// Fed each term's postings once, after the catalog is read: one pass over the documents of
/// every posting list with a counter per category and a list of the counters touched, so a
/// term costs its document count, not the category count.
struct TermCategoriesWriter {
    /// The final category ordinal (FACETS) of each document, `StoredFormat.noOrdinal` for none.
    private let documentCategories: [UInt32]
    private let categoryCount: Int
    /// `P(c)`: each category's share of the products that have one.
    private let priorShares: [Double]
    /// Per category: products naming the term outside the description, and in any field.
    private var namingCounts: [UInt32]
    private var counts: [UInt32]
    private var touched: [Int] = []
    private var entries = ByteWriter()
    private var blockOffsets: [UInt32] = []
    private(set) var termCount = 0

    init(documentCategories: [UInt32], categoryCount: Int) {
        self.documentCategories = documentCategories
        self.categoryCount = categoryCount
        var products = [Int](repeating: 0, count: categoryCount)
        for category in documentCategories where Int(category) < categoryCount { products[Int(category)] += 1 }
        let withCategory = max(1, products.reduce(0, +))
        priorShares = products.map { Double($0) / Double(withCategory) }
        counts = Array(repeating: 0, count: categoryCount)
        namingCounts = counts
    }

    /// The fields that name what a product is (name, brand, category, attributes): a word
    /// there says what the product is; one only in its description may say what it is not
    /// ("runs true to size" is in sweatshirts' descriptions, "running" in shoes' names).
    static let namingFields: UInt8 = PostingsFormat.fieldMaskBits & ~(1 << UInt8(IndexedField.description.rawValue))

    /// Adds the next term (in ordinal order) from its postings.
    mutating func add(_ postings: TermPostings) {
        if termCount % TermCategoriesFormat.termsPerBlock == 0 { blockOffsets.append(UInt32(entries.count)) }
        termCount += 1
        var support = 0
        var namingSupport = 0
        postings.forEachDocument { document, fields in
            let category = Int(documentCategories[Int(document)])
            guard category < categoryCount else { return }
            if counts[category] == 0 { touched.append(category) }
            counts[category] += 1
            support += 1
            if fields & Self.namingFields != 0 {
                namingCounts[category] += 1
                namingSupport += 1
            }
        }
        // Where products are named with the term, when enough are; else every mention.
        if namingSupport >= TermCategoriesFormat.minimumSupport {
            support = namingSupport
            swap(&counts, &namingCounts)
        }
        entries.writeVarUInt(support)
        if support < TermCategoriesFormat.minimumSupport {
            entries.writeUInt8(0)
        } else {
            // Most products first; equal counts in ordinal order, so the bytes are deterministic.
            let kept = touched.filter { counts[$0] > 0 }.sorted { (counts[$0], $1) > (counts[$1], $0) }
                .prefix(TermCategoriesFormat.maximumCategoriesPerTerm)
            entries.writeUInt8(UInt8(kept.count))
            let smoothing = Double(TermCategoriesFormat.smoothingPseudoCount)
            for category in kept {
                let share = (Double(counts[category]) + smoothing * priorShares[category]) / (Double(support) + smoothing)
                entries.writeVarUInt(category)
                entries.writeUInt16(UInt16((min(1, share) * TermCategoriesFormat.shareScale).rounded()))
            }
        }
        for category in touched {
            counts[category] = 0
            namingCounts[category] = 0
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// The section: header, block offsets, entries.
    func finish() -> [UInt8] {
        Self.section(joining: [finishedPart()], categoryCount: categoryCount)
    }

    /// The entries of the terms added so far, for `section(joining:categoryCount:)`.
    func finishedPart() -> TermCategoriesPart {
        TermCategoriesPart(termCount: termCount, blockOffsets: blockOffsets, entries: entries.bytes)
    }

    /// The section of parts written by writers that took consecutive runs of terms, in
    /// order; every part but the last must hold whole blocks (a multiple of
    /// `TermCategoriesFormat.termsPerBlock` terms), so the bytes are those of one writer.
    static func section(joining parts: [TermCategoriesPart], categoryCount: Int) -> [UInt8] {
        let termCount = parts.reduce(0) { $0 + $1.termCount }
        let blockCount = parts.reduce(0) { $0 + $1.blockOffsets.count }
        let entryBytes = parts.reduce(0) { $0 + $1.entries.count }
        var writer = ByteWriter(reservingCapacity: TermCategoriesFormat.headerSize + 4 * blockCount + entryBytes)
        writer.writeUInt32(UInt32(termCount))
        writer.writeUInt32(UInt32(blockCount))
        writer.writeUInt32(UInt32(TermCategoriesFormat.termsPerBlock))
        writer.writeUInt32(UInt32(categoryCount))
        writer.writeFloat32(TermCategoriesFormat.smoothingPseudoCount)
        writer.writeUInt32(UInt32(TermCategoriesFormat.minimumSupport))
        writer.writeUInt32(0)
        writer.writeUInt32(0)
        var base: UInt32 = 0
        for (index, part) in parts.enumerated() {
            precondition(index == parts.count - 1 || part.termCount % TermCategoriesFormat.termsPerBlock == 0,
                         "a part before the last must end on a block boundary")
            for offset in part.blockOffsets { writer.writeUInt32(base + offset) }
            base += UInt32(part.entries.count)
        }
        for part in parts { writer.writeBytes(part.entries) }
        return writer.bytes
    }
}

/// The TERMCATS entries of a run of consecutive terms (see `TermCategoriesWriter`).
struct TermCategoriesPart: Sendable {
    var termCount: Int
    /// Offsets of the run's blocks, relative to the start of `entries`.
    var blockOffsets: [UInt32]
    var entries: [UInt8]
}
