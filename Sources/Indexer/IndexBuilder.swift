import Analysis
import Catalog
import IndexFormat

/// What a finished build produced, for the CLI's report.
public struct IndexBuildStatistics: Sendable, Equatable {
    public var productCount: Int
    public var termCount: Int
    public var wordCount: Int
    public var categoryCount: Int
    public var brandCount: Int
    public var fileBytes: Int
}

/// Builds one index file from products added in catalog order (document ids follow that
/// order). Everything is held in memory until `write(to:)`, which writes the file atomically.
///
/// The output depends only on the products and their order: no timestamps, no hash-order
/// iteration reaches the file, so the same catalog gives the same bytes, whatever the thread
/// count and batch size (`ParallelInversion`, `TermSectionsBuilder`).
///
/// With more than one thread the builder holds worker state shared by its copies: use one
/// copy only.
public struct IndexBuilder {
    private var inversion: ParallelInversion
    private var stored = StoredFieldsWriter()
    private var columns = ProductColumnsWriter()
    private var ids = ProductIDsWriter()
    /// The SHA-256 of the catalog file the products come from, recorded in META so that a
    /// later `uplyft index --if-changed` can tell whether that catalog changed. Nil (written as
    /// zeros) when the products do not come from a file.
    public var catalogChecksum: CatalogChecksum?

    /// Products handed to each inverting thread at once, by default: large enough that the
    /// hand-over costs nothing beside inverting them, small enough that two rounds of products
    /// held in memory are a few megabytes.
    public static let defaultBatchSize = 2048

    /// `threads` inverting and encoding threads (at least 1; 1 builds on the caller's thread
    /// alone); `batchSize` products per hand-over (tests make it small to put batch
    /// boundaries everywhere).
    public init(threads: Int = 1, batchSize: Int = IndexBuilder.defaultBatchSize) {
        inversion = ParallelInversion(fieldCount: IndexedField.allCases.count, threadCount: threads, batchSize: batchSize)
    }

    public var productCount: Int { Int(inversion.documentCount) }

    /// Adds the next product. Ids must be unique (the catalog reader guarantees it).
    public mutating func add(_ product: Product) {
        inversion.add(product)
        stored.add(product)
        columns.add(product)
        ids.add(product.id)
    }

    /// Writes the index to `path` (atomically: see `AtomicFileWriter`).
    public mutating func write(to path: String) throws(IndexFormatError) -> IndexBuildStatistics {
        let (sections, termCount, wordCount) = try finishedSections()
        let fileBytes = try IndexFileAssembler.write(sections: sections, analyzerVersion: TextAnalyzer.version, to: path)
        return IndexBuildStatistics(productCount: productCount, termCount: termCount,
                                    wordCount: wordCount, categoryCount: columns.categoryCount,
                                    brandCount: columns.brandCount, fileBytes: fileBytes)
    }

    /// The bytes `write(to:)` would write, in memory: for tests and fuzzers that open the
    /// index with `SearchIndex(bytes:)` and need no file.
    public mutating func encoded() throws(IndexFormatError) -> [UInt8] {
        IndexFileAssembler.bytes(sections: try finishedSections().sections, analyzerVersion: TextAnalyzer.version)
    }

    /// Every section of the file in order, and the numbers of terms and words; the builder is spent.
    private mutating func finishedSections() throws(IndexFormatError) -> (sections: [(SectionID, [UInt8])], termCount: Int, wordCount: Int) {
        let inverted = inversion.finish()
        let termOrder = inverted.terms.idsSortedByKey()
        var sortedPosition = [UInt32](repeating: 0, count: termOrder.count)
        for (position, term) in termOrder.enumerated() { sortedPosition[term] = UInt32(position) }

        let termSections = TermSectionsBuilder.build(
            inversion: inverted, termOrder: termOrder, documentCategories: columns.categoryOrdinalsByDocument(),
            categoryCount: columns.categoryCount, threadCount: inversion.threadCount, weigh: defaultTermWeight(inverted))

        let wordsSection = try buildWordTrie(inverted, termPosition: sortedPosition)
        let valuesSection = columns.valuesSection()
        let facetsSection = columns.facetsSection()
        let idsSection = ids.finish()
        let storedSection = stored.finish()

        let sections: [(SectionID, [UInt8])] = [
            (.meta, metaSection(inverted)),
            (.terms, termSections.terms),
            (.words, wordsSection),
            (.norms, inverted.norms),
            (.values, valuesSection),
            (.facets, facetsSection),
            (.termCategories, termSections.termCategories),
            (.ids, idsSection),
            (.postings, termSections.postings),
            (.stored, storedSection),
        ]
        return (sections, termOrder.count, inverted.words.count)
    }

    /// The BM25F term weight of a document with the default field weights and b:
    /// `sum over fields f of weight_f * tf_f / (1 - b + b * length_f / averageLength_f)`.
    /// The query engine computes the same (README, "How search ranks"); stored block maxima of
    /// it bound a block's best score.
    private func defaultTermWeight(_ inverted: InversionMerge) -> @Sendable (UInt32, UnsafeBufferPointer<UInt16>) -> Float {
        let fieldCount = inverted.fieldCount
        let documentCount = max(1, Double(inverted.documentCount))
        let b = Double(RankingDefaults.b)
        let averages = inverted.fieldLengthTotals.map { max(Double($0) / documentCount, 1e-9) }
        // weight_f / (1 - b + b * length / average) for every possible stored length byte.
        var factors = [Float](repeating: 0, count: fieldCount * 256)
        for field in 0..<fieldCount {
            let weight = Double(IndexedField(rawValue: field)!.defaultWeight)
            for length in 0..<256 {
                factors[field * 256 + length] = Float(weight / (1 - b + b * Double(length) / averages[field]))
            }
        }
        let norms = inverted.norms
        let lengthFactors = factors
        return { document, frequencies in
            var total: Float = 0
            let row = Int(document) * fieldCount
            for field in 0..<fieldCount where frequencies[field] > 0 {
                total += Float(frequencies[field]) * lengthFactors[field * 256 + Int(norms[row + field])]
            }
            return total
        }
    }

    /// Surface words in byte order, each pointing at its term's position in the dictionary,
    /// weighted by how many products contain the word.
    private func buildWordTrie(_ inverted: InversionMerge, termPosition: [UInt32]) throws(IndexFormatError) -> [UInt8] {
        var builder = WordTrieBuilder()
        for word in inverted.words.idsSortedByKey() {
            do {
                try builder.add(word: Array(inverted.words.key(word)),
                                value: termPosition[Int(inverted.termOfWord[word])],
                                weight: inverted.wordDocumentFrequency[word])
            } catch {
                throw .corrupt(section: "WORDS", detail: "word trie rejected a word while building: \(error)")
            }
        }
        return builder.finish()
    }

    /// META: counts, ranking defaults, the fields with their weights and average lengths, and
    /// the catalog checksum (FORMAT.md, "META").
    private func metaSection(_ inverted: InversionMerge) -> [UInt8] {
        var writer = ByteWriter()
        let documentCount = inverted.documentCount
        writer.writeUInt32(documentCount)
        writer.writeUInt32(UInt32(IndexedField.allCases.count))
        writer.writeFloat32(RankingDefaults.k1)
        writer.writeFloat32(RankingDefaults.b)
        writer.writeUInt32(UInt32(inverted.terms.count))
        writer.writeUInt32(UInt32(inverted.words.count))
        writer.writeUInt32(UInt32(columns.categoryCount))
        writer.writeUInt32(UInt32(columns.brandCount))
        for field in IndexedField.allCases {
            writer.writeLengthPrefixed(field.label)
            writer.writeFloat32(field.defaultWeight)
            let total = inverted.fieldLengthTotals[field.rawValue]
            writer.writeFloat64(documentCount == 0 ? 0 : Double(total) / Double(documentCount))
        }
        writer.writeBytes(CatalogChecksum.encoded(catalogChecksum))
        return writer.bytes
    }
}
