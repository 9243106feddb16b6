import Analysis
import IndexFormat

/// Turns documents' field texts into the inverted index in memory: the surface words, the
/// terms they stem to, each term's postings, and each document's field lengths.
///
/// Every distinct surface word is normalised, classified and stemmed once; after that a token
/// costs one hash lookup. Per document, term frequencies are gathered in a scratch table
/// indexed by term id (valid while `slotDocument[term] == document`), so no hashing or
/// allocation happens per token beyond the word lookup.
///
/// Documents keep the ids the caller gives them (increasing), so that several inverters can
/// each take batches of one catalog and `InversionMerge` can join them (`ParallelInversion`).
struct DocumentInverter {
    let fieldCount: Int
    private(set) var words = ByteStringInterner()
    private(set) var terms = ByteStringInterner()
    /// Term id of each word id.
    private(set) var termOfWord: [UInt32] = []
    /// Documents containing each surface word, for ranking completions and suggestions.
    private(set) var wordDocumentFrequency: [UInt32] = []
    private var wordLastDocument: [UInt32] = []
    private(set) var postings: [TermPostings] = []
    /// Token count per document and field, capped at 255 (FORMAT.md, "NORMS"), for this
    /// inverter's documents in the order they were added.
    private(set) var norms: [UInt8] = []
    /// Sum of token counts per field over all documents, for average field lengths.
    private(set) var fieldLengthTotals: [UInt64]
    private(set) var documentCount: UInt32 = 0

    private var slotDocument: [UInt32] = []
    private var slotOfTerm: [Int32] = []
    private var documentTerms: [UInt32] = []
    private var documentFrequencies: [UInt16] = []
    private var normalized: [UInt8] = []
    private var stemScratch: [UInt8] = []

    init(fieldCount: Int) {
        precondition(fieldCount <= PostingsFormat.maxFieldCount)
        self.fieldCount = fieldCount
        fieldLengthTotals = Array(repeating: 0, count: fieldCount)
    }

    /// Adds `document` (greater than every document added before); `fieldTexts[f]` is the
    /// text of field f.
    mutating func addDocument(_ document: UInt32, fieldTexts: [String]) {
        documentTerms.removeAll(keepingCapacity: true)
        documentFrequencies.removeAll(keepingCapacity: true)
        for field in 0..<fieldCount {
            normalized.removeAll(keepingCapacity: true)
            TextNormalizer.normalize(fieldTexts[field], into: &normalized)
            var length = 0
            normalized.withUnsafeBufferPointer { text in
                Tokenizer.forEachToken(in: text) { token, flags in
                    // A joined token repeats its parts; counting it would lengthen the field.
                    if !flags.contains(.joined) { length += 1 }
                    addToken(token, flags: flags, field: field, document: document)
                }
            }
            norms.append(UInt8(min(length, 255)))
            fieldLengthTotals[field] += UInt64(length)
        }
        documentFrequencies.withUnsafeBufferPointer { frequencies in
            for (slot, term) in documentTerms.enumerated() {
                let row = UnsafeBufferPointer(rebasing: frequencies[(slot * fieldCount)..<((slot + 1) * fieldCount)])
                postings[Int(term)].append(document: document, frequencies: row)
            }
        }
        documentCount += 1
    }

    @inline(__always)
    private mutating func addToken(_ token: UnsafeBufferPointer<UInt8>, flags: Tokenizer.Flags, field: Int, document: UInt32) {
        let (word, isNewWord) = words.intern(token)
        if isNewWord {
            stemScratch.removeAll(keepingCapacity: true)
            TextAnalyzer.appendTerm(forSurface: token, flags: flags, into: &stemScratch)
            let term = stemScratch
            let (termID, isNewTerm) = term.withUnsafeBufferPointer { terms.intern($0) }
            if isNewTerm {
                postings.append(TermPostings())
                slotDocument.append(UInt32.max)
                slotOfTerm.append(-1)
            }
            termOfWord.append(UInt32(termID))
            wordDocumentFrequency.append(0)
            wordLastDocument.append(UInt32.max)
        }
        if wordLastDocument[word] != document {
            wordLastDocument[word] = document
            wordDocumentFrequency[word] += 1
        }
        let term = Int(termOfWord[word])
        let slot: Int
        if slotDocument[term] == document {
            slot = Int(slotOfTerm[term])
        } else {
            slot = documentTerms.count
            slotDocument[term] = document
            slotOfTerm[term] = Int32(slot)
            documentTerms.append(UInt32(term))
            for _ in 0..<fieldCount { documentFrequencies.append(0) }
        }
        let cell = slot * fieldCount + field
        if documentFrequencies[cell] < UInt16.max { documentFrequencies[cell] += 1 }
    }
}
