/// The inverted index of a whole catalog, joined from the inverters that each took some of
/// its batches (`ParallelInversion`): the union of their words and terms, per-word document
/// counts summed, norms put back in document order, and each term's postings merged on
/// demand (`postings(ofTerm:)`).
///
/// Nothing here depends on which inverter took which batch, nor on the order in which words
/// were first seen: the file lists words and terms in byte order and postings in document
/// order, so the output is the same bytes as one inverter's over the whole catalog.
struct InversionMerge: Sendable {
    let fieldCount: Int
    let parts: [DocumentInverter]
    private(set) var words = ByteStringInterner()
    private(set) var terms = ByteStringInterner()
    /// Term id of each word id.
    private(set) var termOfWord: [UInt32] = []
    /// Documents containing each word (each document is in one part, so the parts' counts add up).
    private(set) var wordDocumentFrequency: [UInt32] = []
    /// Token count per document and field, in document order (FORMAT.md, "NORMS").
    private(set) var norms: [UInt8] = []
    private(set) var fieldLengthTotals: [UInt64]
    private(set) var documentCount: UInt32 = 0
    /// `partTerm[term * parts.count + part]`: the term's id in that part, -1 when absent.
    private var partTerm: [Int32] = []

    /// `batches` lists, in document order, which part took each run of consecutive documents
    /// and how many; each part's runs are in its own order of addition.
    init(parts: [DocumentInverter], batches: [(part: Int, documentCount: Int)]) {
        precondition(!parts.isEmpty)
        self.parts = parts
        fieldCount = parts[0].fieldCount
        fieldLengthTotals = Array(repeating: 0, count: fieldCount)
        for (index, part) in parts.enumerated() {
            var termOfPartTerm = [UInt32](repeating: 0, count: part.terms.count)
            for partTermID in 0..<part.terms.count {
                let (term, isNew) = Array(part.terms.key(partTermID)).withUnsafeBufferPointer { terms.intern($0) }
                if isNew { partTerm.append(contentsOf: repeatElement(-1, count: parts.count)) }
                partTerm[term * parts.count + index] = Int32(partTermID)
                termOfPartTerm[partTermID] = UInt32(term)
            }
            for partWord in 0..<part.words.count {
                let (word, isNew) = Array(part.words.key(partWord)).withUnsafeBufferPointer { words.intern($0) }
                if isNew {
                    termOfWord.append(termOfPartTerm[Int(part.termOfWord[partWord])])
                    wordDocumentFrequency.append(0)
                }
                wordDocumentFrequency[word] += part.wordDocumentFrequency[partWord]
            }
            for field in 0..<fieldCount { fieldLengthTotals[field] += part.fieldLengthTotals[field] }
            documentCount += part.documentCount
        }
        norms = Self.normsInDocumentOrder(parts: parts, batches: batches, fieldCount: fieldCount)
    }

    /// The postings of `term` over every part, in document order.
    func postings(ofTerm term: Int) -> TermPostings {
        var lists: [TermPostings] = []
        for part in parts.indices {
            let partTermID = partTerm[term * parts.count + part]
            if partTermID >= 0 { lists.append(parts[part].postings[Int(partTermID)]) }
        }
        return TermPostings.merged(lists, fieldCount: fieldCount)
    }

    private static func normsInDocumentOrder(parts: [DocumentInverter], batches: [(part: Int, documentCount: Int)],
                                             fieldCount: Int) -> [UInt8] {
        if parts.count == 1 { return parts[0].norms }
        var norms: [UInt8] = []
        norms.reserveCapacity(parts.reduce(0) { $0 + $1.norms.count })
        var consumed = [Int](repeating: 0, count: parts.count)
        for batch in batches {
            let start = consumed[batch.part]
            let end = start + batch.documentCount * fieldCount
            norms.append(contentsOf: parts[batch.part].norms[start..<end])
            consumed[batch.part] = end
        }
        return norms
    }
}
