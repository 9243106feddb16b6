import IndexFormat

/// Reader of the TERMCATS section (FORMAT.md, "TERMCATS"; the statistic is described in
/// `TermCategoriesFormat`): for a term ordinal, how many products with a category contain the
/// term and its likeliest categories with their smoothed shares.
///
/// Opening checks the header against TERMS and FACETS; a lookup reads one block offset and
/// decodes at most `termsPerBlock` entries through `ByteReader`, so damaged bytes give a thrown
/// `IndexFormatError` naming TERMCATS, never a read outside the section or a long loop.
struct TermCategories {
    /// One stored category of a term.
    struct Entry: Equatable {
        var category: UInt32
        /// The smoothed `P(category | term)`, from 0 to 1.
        var share: Double
    }

    private let reader: ByteReader
    let termCount: Int
    let categoryCount: Int
    let smoothingPseudoCount: Double
    let minimumSupport: Int
    private let blockCount: Int
    private let entriesStart: Int
    private let documentCount: Int

    init(section: UnsafeRawBufferPointer, termCount expectedTerms: Int, categoryCount expectedCategories: Int,
         documentCount: Int) throws(IndexFormatError) {
        var header = ByteReader(section, section: "TERMCATS")
        termCount = Int(try header.readUInt32())
        blockCount = Int(try header.readUInt32())
        let termsPerBlock = Int(try header.readUInt32())
        categoryCount = Int(try header.readUInt32())
        let smoothing = try header.readFloat32()
        minimumSupport = Int(try header.readUInt32())
        guard termCount == expectedTerms else {
            throw .corrupt(section: "TERMCATS", detail: "\(termCount) terms, TERMS has \(expectedTerms)")
        }
        guard termsPerBlock == TermCategoriesFormat.termsPerBlock,
              blockCount == TermCategoriesFormat.blockCount(termCount: termCount) else {
            throw .corrupt(section: "TERMCATS", detail: "\(blockCount) blocks of \(termsPerBlock) for \(termCount) terms")
        }
        guard categoryCount == expectedCategories else {
            throw .corrupt(section: "TERMCATS", detail: "\(categoryCount) categories, FACETS has \(expectedCategories)")
        }
        guard smoothing.isFinite, smoothing > 0, smoothing <= 1_000_000 else {
            throw .corrupt(section: "TERMCATS", detail: "smoothing pseudo-count \(smoothing)")
        }
        smoothingPseudoCount = Double(smoothing)
        entriesStart = TermCategoriesFormat.headerSize + 4 * blockCount
        guard entriesStart <= section.count else {
            throw .truncated(section: "TERMCATS", expectedBytes: entriesStart, availableBytes: section.count)
        }
        self.documentCount = documentCount
        reader = ByteReader(section, section: "TERMCATS")
    }

    /// The support (products with a category containing the term) and the stored categories
    /// of the term with `ordinal`, likeliest first; nil for an ordinal outside TERMS.
    func categories(ofTerm ordinal: Int) throws(IndexFormatError) -> (support: Int, entries: [Entry])? {
        guard ordinal >= 0, ordinal < termCount else { return nil }
        let block = ordinal / TermCategoriesFormat.termsPerBlock
        let blockStart = Int(try reader.uint32(at: TermCategoriesFormat.headerSize + 4 * block))
        guard blockStart <= reader.base.count - entriesStart else {
            throw .corrupt(section: "TERMCATS", detail: "block \(block) starts at \(blockStart), past the section end")
        }
        var cursor = ByteReader(reader.base, section: "TERMCATS", offset: entriesStart + blockStart)
        var result: (support: Int, entries: [Entry]) = (0, [])
        for position in (block * TermCategoriesFormat.termsPerBlock)...ordinal {
            let support = try cursor.readVarInt(atMost: documentCount)
            let count = Int(try cursor.readUInt8())
            guard count <= TermCategoriesFormat.maximumCategoriesPerTerm else {
                throw .corrupt(section: "TERMCATS", detail: "term \(position) lists \(count) categories")
            }
            let wanted = position == ordinal
            var entries: [Entry] = []
            for _ in 0..<count {
                let category = try cursor.readVarInt(atMost: categoryCount - 1)
                let share = Double(try cursor.readUInt16()) / TermCategoriesFormat.shareScale
                if wanted { entries.append(Entry(category: UInt32(category), share: share)) }
            }
            if wanted { result = (support, entries) }
        }
        return result
    }
}
