/// The sections of an index file, by their 8-byte ASCII names in the section table.
///
/// FORMAT.md describes each section's content; the writer and the reader both use these names,
/// so a section is found by name and an unknown section in a newer file is simply ignored.
public enum SectionID: String, CaseIterable, Sendable {
    /// Counts, field names and weights, average field lengths, BM25 defaults.
    case meta = "META"
    /// Sorted stemmed terms in front-coded blocks, with document frequency and postings length.
    case terms = "TERMS"
    /// Per-term lists of (document, fields, term frequencies) in skippable blocks.
    case postings = "POSTINGS"
    /// Per-document, per-field token counts for BM25 length normalisation.
    case norms = "NORMS"
    /// Per-document columns for filters and sorting: price, rating, stock, category, brand.
    case values = "VALUES"
    /// Category and brand names, for the VALUES ordinals and for filtering by name.
    case facets = "FACETS"
    /// External product ids, and the documents ordered by id for lookup.
    case ids = "IDS"
    /// Stored product fields for display, in LZ4-compressed blocks.
    case stored = "STORED"
    /// The trie of surface words, for typo-tolerant and prefix matching.
    case words = "WORDS"
    /// Per term, the categories its products are concentrated in (`TermCategoriesFormat`).
    case termCategories = "TERMCATS"

    /// The name as stored: ASCII, zero-padded to 8 bytes.
    public var tag: UInt64 {
        var value: UInt64 = 0
        for (index, byte) in rawValue.utf8.enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
        return value
    }

    public init?(tag: UInt64) {
        guard let match = SectionID.allCases.first(where: { $0.tag == tag }) else { return nil }
        self = match
    }
}
