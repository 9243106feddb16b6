import Analysis
import IndexFormat

/// An open, read-only index file: the entry point of the query engine.
///
/// Opening maps the file and reads only the header, the section table and the small fixed
/// headers of each section, so it costs the same for 1,000 or 1,000,000 products. Section
/// checksums are not computed at open (that reads the whole file); `verify()` does it.
///
/// Immutable after `open`, and the mapping is read-only, so one instance is shared by all
/// threads without locking (`@unchecked Sendable` because the section views are raw pointers
/// into `file`, which this object keeps alive).
public final class SearchIndex: @unchecked Sendable {
    public let path: String
    public let header: IndexHeader
    public let metadata: IndexMetadata
    public let sections: [SectionEntry]
    let file: MappedFile
    let terms: TermDictionary
    let words: WordTrie
    let postings: UnsafeRawBufferPointer
    let norms: UnsafeRawBufferPointer
    let columns: ProductColumns
    let categories: FacetDictionary
    let brands: FacetDictionary
    let ids: ProductIDs
    let stored: StoredFields
    /// Each term's likeliest categories (TERMCATS), for `categoryDistribution(for:)`.
    let termCategories: TermCategories
    /// Recently shown products, decoded and analysed (`StoredProductCache`); dies with this
    /// index, so a new file never shows an old product.
    let productCache = StoredProductCache(capacity: StoredProductCache.defaultCapacity)
    /// The operator's synonyms, applied to every query on this index (`SynonymTable`). Not
    /// part of the file: they change without a rebuild, by opening the index again.
    public let synonyms: SynonymTable
    /// The CRC-32C of the file's body that its footer records (FORMAT.md), as 8 hex digits:
    /// the same index file has the same generation on every node, so operators rolling out a
    /// new index compare nodes by it (health, `/metrics`).
    public let generation: String

    /// Opens the index file at `path` by mapping it, with the operator's `synonyms`.
    public convenience init(path: String, synonyms: SynonymTable = .empty) throws(IndexFormatError) {
        try self.init(file: try MappedFile(path: path), synonyms: synonyms)
    }

    /// Opens an index from its bytes in memory, as `IndexBuilder.encoded()` makes them or a
    /// file holds them, with the same checks as a file (Tantivy's RAM directory): for tests and
    /// fuzzers, which need no file on disk. `name` stands in for the path in errors.
    public convenience init(bytes: [UInt8], name: String = "(in memory)", synonyms: SynonymTable = .empty) throws(IndexFormatError) {
        try self.init(file: MappedFile(copying: bytes, name: name), synonyms: synonyms)
    }

    private init(file: MappedFile, synonyms: SynonymTable) throws(IndexFormatError) {
        let path = file.path
        self.path = path
        self.file = file
        self.synonyms = synonyms
        let bytes = file.bytes
        header = try IndexHeader.decode(bytes, path: path)
        guard header.fileLength == UInt64(bytes.count) else {
            throw .truncated(section: "FILE", expectedBytes: Int(clamping: header.fileLength), availableBytes: bytes.count)
        }
        guard header.analyzerVersion == TextAnalyzer.version else {
            throw .corrupt(section: "HEADER", detail: "terms were made by text analysis version \(header.analyzerVersion); this build uses \(TextAnalyzer.version): rebuild the index")
        }
        let footerStart = bytes.count - IndexFileLayout.footerSize
        guard footerStart >= IndexFileLayout.headerSize,
              bytes[footerStart..<(footerStart + 8)].elementsEqual(IndexFileLayout.footerMagic) else {
            throw .corrupt(section: "FOOTER", detail: "footer magic missing: the file was not completely written")
        }
        let bodyChecksum = try ByteReader(bytes, section: "FOOTER").uint32(at: footerStart + 8)
        generation = String(repeating: "0", count: 8 - String(bodyChecksum, radix: 16).count) + String(bodyChecksum, radix: 16)
        sections = try SectionTable.decode(file: bytes, header: header)
        let table = sections
        func section(_ id: SectionID) throws(IndexFormatError) -> UnsafeRawBufferPointer {
            guard let entry = table.first(where: { $0.tag == id.tag }) else { throw .missingSection(id.rawValue) }
            return UnsafeRawBufferPointer(rebasing: bytes[Int(entry.offset)..<Int(entry.offset + entry.length)])
        }
        metadata = try IndexMetadata(section: try section(.meta), formatVersion: header.formatVersion)
        terms = try TermDictionary(section: try section(.terms))
        words = try WordTrie(bytes: try section(.words))
        postings = try section(.postings)
        norms = try section(.norms)
        let documentCount = metadata.documentCount
        guard norms.count == documentCount * metadata.fields.count else {
            throw .corrupt(section: "NORMS", detail: "\(norms.count) bytes for \(documentCount) documents of \(metadata.fields.count) fields")
        }
        columns = try ProductColumns(section: try section(.values), documentCount: documentCount)
        let facets = try section(.facets)
        categories = try FacetDictionary(section: facets, at: 0, name: "categories")
        brands = try FacetDictionary(section: facets, at: categories.byteLength, name: "brands")
        ids = try ProductIDs(section: try section(.ids), documentCount: documentCount)
        stored = try StoredFields(section: try section(.stored), documentCount: documentCount)
        termCategories = try TermCategories(section: try section(.termCategories), termCount: metadata.termCount,
                                            categoryCount: categories.count, documentCount: documentCount)
        guard terms.termCount == metadata.termCount else {
            throw .corrupt(section: "TERMS", detail: "\(terms.termCount) terms, META says \(metadata.termCount)")
        }
        // Opening is done with its scattered reads: queries read postings and stored blocks in
        // long runs, where the kernel's read-around pays. (Asking it to read the dictionary,
        // trie, norms and values ahead as well cost 3 ms of a 4 ms cold open and did not make
        // the first 200 cold queries faster, so it does not.)
        file.setReadAhead(.normal)
    }

    public var documentCount: Int { metadata.documentCount }
    public var fileBytes: Int { file.bytes.count }

    /// Reads the whole file and checks every section's checksum and the body checksum; throws
    /// `checksumMismatch` naming the first section that fails.
    public func verify() throws(IndexFormatError) {
        let bytes = file.bytes
        for entry in sections.sorted(by: { $0.offset < $1.offset }) {
            let slice = UnsafeRawBufferPointer(rebasing: bytes[Int(entry.offset)..<Int(entry.offset + entry.length)])
            let actual = CRC32C.checksum(slice)
            guard actual == entry.checksum else {
                throw .checksumMismatch(section: entry.name, expected: entry.checksum, actual: actual)
            }
        }
        let footerStart = bytes.count - IndexFileLayout.footerSize
        let body = UnsafeRawBufferPointer(rebasing: bytes[IndexFileLayout.headerSize..<footerStart])
        let expected = try ByteReader(bytes, section: "FOOTER").uint32(at: footerStart + 8)
        let actual = CRC32C.checksum(body)
        guard expected == actual else { throw .checksumMismatch(section: "BODY", expected: expected, actual: actual) }
    }

    // MARK: - Products and facets

    /// The product of a document, with its display fields and values.
    public func product(document: UInt32) throws(IndexFormatError) -> StoredProduct {
        try product(document: document, at: try stored.location(of: document))
    }

    private func product(document: UInt32, at location: StoredFields.BlockLocation) throws(IndexFormatError) -> StoredProduct {
        let fields = try stored.fields(of: document, at: location)
        return StoredProduct(
            id: ids.id(document), name: fields.name, brand: fields.brand, category: fields.category,
            description: fields.description, image: fields.image, attributes: fields.attributes,
            price: columns.priceCents(document).map { Double($0) / 100 },
            rating: columns.ratingTenths(document).map { Double($0) / 10 },
            stock: columns.stock(document).map { Int($0) })
    }

    /// The product of a document with its analysed words, from `productCache` when a recent
    /// request read it from the block the block table still names; the same product as
    /// `product(document:)`, and the same errors for a damaged table.
    func cachedProduct(document: UInt32) throws(IndexFormatError) -> StoredProductCache.Entry {
        let location = try stored.location(of: document)
        return try productCache.entry(document, location: location) { document throws(IndexFormatError) in
            try product(document: document, at: location)
        }
    }

    /// The product with catalog id `id`, if the index holds it.
    public func product(id: String) throws(IndexFormatError) -> StoredProduct? {
        guard let document = ids.document(forID: id) else { return nil }
        return try product(document: document)
    }

    public func productID(document: UInt32) -> String { ids.id(document) }

    /// All categories with their product counts, in dictionary order.
    public func allCategories() -> [FacetValue] { categories.allValues() }
    /// All brands with their product counts, in dictionary order.
    public func allBrands() -> [FacetValue] { brands.allValues() }

    /// How many products contain `word` (after the same analysis as queries), 0 when none or
    /// when the dictionary cannot be read.
    public func documentFrequency(of word: String) -> Int {
        guard let term = QueryWords.parse(word).first?.term else { return 0 }
        return (try? terms.lookup(term))??.documentFrequency ?? 0
    }

    /// Surface words of the catalog close to `word` (for "did you mean"), most frequent first.
    public func suggestions(for word: String, limit: Int = 5) -> [String] {
        let normalized = TextNormalizer.normalize(word)
        let maxEdits = max(1, QueryWords.maxTypos(forWordLength: normalized.count))
        return words.fuzzyMatches(of: normalized, maxEdits: maxEdits, limit: limit * 4)
            .filter { $0.distance > 0 }
            .sorted { ($0.distance, -Int($0.weight)) < ($1.distance, -Int($1.weight)) }
            .prefix(limit)
            .map { String(decoding: $0.word, as: UTF8.self) }
    }
}
