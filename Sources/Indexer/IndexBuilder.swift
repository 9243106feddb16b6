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
/// iteration reaches the file, so the same catalog gives the same bytes.
public struct IndexBuilder {
    private var inverter = DocumentInverter(fieldCount: IndexedField.allCases.count)
    private var stored = StoredFieldsWriter()
    private var columns = ProductColumnsWriter()
    private var ids = ProductIDsWriter()
    private var fieldTexts = [String](repeating: "", count: IndexedField.allCases.count)
    /// The SHA-256 of the catalog file the products come from, recorded in META so that a
    /// later `uplyft index --if-changed` can tell whether that catalog changed. Nil (written as
    /// zeros) when the products do not come from a file.
    public var catalogChecksum: CatalogChecksum?

    public init() {}

    public var productCount: Int { Int(inverter.documentCount) }

    /// Adds the next product. Ids must be unique (the catalog reader guarantees it).
    public mutating func add(_ product: Product) {
        fieldTexts[IndexedField.name.rawValue] = product.name
        fieldTexts[IndexedField.brand.rawValue] = product.brand
        fieldTexts[IndexedField.category.rawValue] = product.category
        fieldTexts[IndexedField.attributes.rawValue] = product.attributes.map(\.value).joined(separator: " ")
        fieldTexts[IndexedField.description.rawValue] = product.description
        inverter.addDocument(fieldTexts: fieldTexts)
        stored.add(product)
        columns.add(product)
        ids.add(product.id)
    }

    /// Writes the index to `path` (atomically: see `AtomicFileWriter`).
    public mutating func write(to path: String) throws(IndexFormatError) -> IndexBuildStatistics {
        let (sections, termCount) = try finishedSections()
        let fileBytes = try IndexFileAssembler.write(sections: sections, analyzerVersion: TextAnalyzer.version, to: path)
        return IndexBuildStatistics(productCount: productCount, termCount: termCount,
                                    wordCount: inverter.words.count, categoryCount: columns.categoryCount,
                                    brandCount: columns.brandCount, fileBytes: fileBytes)
    }

    /// The bytes `write(to:)` would write, in memory: for tests and fuzzers that open the
    /// index with `SearchIndex(bytes:)` and need no file.
    public mutating func encoded() throws(IndexFormatError) -> [UInt8] {
        IndexFileAssembler.bytes(sections: try finishedSections().sections, analyzerVersion: TextAnalyzer.version)
    }

    /// Every section of the file in order, and the number of terms; the builder is spent.
    private mutating func finishedSections() throws(IndexFormatError) -> (sections: [(SectionID, [UInt8])], termCount: Int) {
        let termOrder = inverter.terms.idsSortedByKey()
        var sortedPosition = [UInt32](repeating: 0, count: termOrder.count)
        for (position, term) in termOrder.enumerated() { sortedPosition[term] = UInt32(position) }

        let termWeight = defaultTermWeight()
        var postingsSection = ByteWriter()
        var dictionaryEntries: [TermDictionaryWriter.Entry] = []
        dictionaryEntries.reserveCapacity(termOrder.count)
        var termCategories = TermCategoriesWriter(documentCategories: columns.categoryOrdinalsByDocument(),
                                                  categoryCount: columns.categoryCount)
        for term in termOrder {
            termCategories.add(inverter.postings[term])
            let start = postingsSection.count
            inverter.postings[term].encoded(into: &postingsSection, weigh: termWeight)
            dictionaryEntries.append(.init(term: inverter.terms.key(term),
                                           documentFrequency: UInt32(inverter.postings[term].documentCount),
                                           postingsLength: UInt64(postingsSection.count - start)))
        }
        let termsSection = TermDictionaryWriter.encode(dictionaryEntries)
        dictionaryEntries = []

        let wordsSection = try buildWordTrie(termPosition: sortedPosition)
        let valuesSection = columns.valuesSection()
        let facetsSection = columns.facetsSection()
        let idsSection = ids.finish()
        let storedSection = stored.finish()

        let sections: [(SectionID, [UInt8])] = [
            (.meta, metaSection()),
            (.terms, termsSection),
            (.words, wordsSection),
            (.norms, inverter.norms),
            (.values, valuesSection),
            (.facets, facetsSection),
            (.termCategories, termCategories.finish()),
            (.ids, idsSection),
            (.postings, postingsSection.bytes),
            (.stored, storedSection),
        ]
        return (sections, termOrder.count)
    }

    /// The BM25F term weight of a document with the default field weights and b:
    /// `sum over fields f of weight_f * tf_f / (1 - b + b * length_f / averageLength_f)`.
    /// The query engine computes the same (README, "How search ranks"); stored block maxima of
    /// it bound a block's best score.
    private func defaultTermWeight() -> (UInt32, UnsafeBufferPointer<UInt16>) -> Float {
        let fieldCount = inverter.fieldCount
        let documentCount = max(1, Double(inverter.documentCount))
        let b = Double(RankingDefaults.b)
        let averages = inverter.fieldLengthTotals.map { max(Double($0) / documentCount, 1e-9) }
        // weight_f / (1 - b + b * length / average) for every possible stored length byte.
        var factors = [Float](repeating: 0, count: fieldCount * 256)
        for field in 0..<fieldCount {
            let weight = Double(IndexedField(rawValue: field)!.defaultWeight)
            for length in 0..<256 {
                factors[field * 256 + length] = Float(weight / (1 - b + b * Double(length) / averages[field]))
            }
        }
        let norms = inverter.norms
        return { document, frequencies in
            var total: Float = 0
            let row = Int(document) * fieldCount
            for field in 0..<fieldCount where frequencies[field] > 0 {
                total += Float(frequencies[field]) * factors[field * 256 + Int(norms[row + field])]
            }
            return total
        }
    }

    /// Surface words in byte order, each pointing at its term's position in the dictionary,
    /// weighted by how many products contain the word.
    private func buildWordTrie(termPosition: [UInt32]) throws(IndexFormatError) -> [UInt8] {
        var builder = WordTrieBuilder()
        for word in inverter.words.idsSortedByKey() {
            do {
                try builder.add(word: Array(inverter.words.key(word)),
                                value: termPosition[Int(inverter.termOfWord[word])],
                                weight: inverter.wordDocumentFrequency[word])
            } catch {
                throw .corrupt(section: "WORDS", detail: "word trie rejected a word while building: \(error)")
            }
        }
        return builder.finish()
    }

    /// META: counts, ranking defaults, the fields with their weights and average lengths, and
    /// the catalog checksum (FORMAT.md, "META").
    private func metaSection() -> [UInt8] {
        var writer = ByteWriter()
        let documentCount = inverter.documentCount
        writer.writeUInt32(documentCount)
        writer.writeUInt32(UInt32(IndexedField.allCases.count))
        writer.writeFloat32(RankingDefaults.k1)
        writer.writeFloat32(RankingDefaults.b)
        writer.writeUInt32(UInt32(inverter.terms.count))
        writer.writeUInt32(UInt32(inverter.words.count))
        writer.writeUInt32(UInt32(columns.categoryCount))
        writer.writeUInt32(UInt32(columns.brandCount))
        for field in IndexedField.allCases {
            writer.writeLengthPrefixed(field.label)
            writer.writeFloat32(field.defaultWeight)
            let total = inverter.fieldLengthTotals[field.rawValue]
            writer.writeFloat64(documentCount == 0 ? 0 : Double(total) / Double(documentCount))
        }
        writer.writeBytes(CatalogChecksum.encoded(catalogChecksum))
        return writer.bytes
    }
}
