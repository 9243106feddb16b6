import Analysis
import IndexFormat

/// A set of documents as one bit each, for filters that leave documents out (negation:
/// "not black", "without a hood"): built once per search from postings, then asked per
/// candidate in constant time. 1 bit per document, so 125 KB at a million products, made
/// only by searches that exclude something.
struct DocumentBitSet {
    private var words: [UInt64]

    init(documentCount: Int) {
        words = Array(repeating: 0, count: (max(0, documentCount) + 63) / 64)
    }

    @inline(__always)
    func contains(_ document: UInt32) -> Bool {
        let word = Int(document >> 6)
        return word < words.count && words[word] & (1 << UInt64(document & 63)) != 0
    }

    mutating func insert(_ document: UInt32) {
        let word = Int(document >> 6)
        if word < words.count { words[word] |= 1 << UInt64(document & 63) }
    }

    /// Calls `body` with each document in the set, in increasing order: one pass over the
    /// words, skipping empty ones (a set of few documents costs `documentCount / 64` loads).
    @inline(__always)
    func forEachDocument(_ body: (UInt32) -> Void) {
        for (position, word) in words.enumerated() where word != 0 {
            var remaining = word
            while remaining != 0 {
                body(UInt32(position << 6 | remaining.trailingZeroBitCount))
                remaining &= remaining - 1
            }
        }
    }

    mutating func formIntersection(_ other: DocumentBitSet) {
        for position in words.indices { words[position] &= position < other.words.count ? other.words[position] : 0 }
    }

    mutating func formUnion(_ other: DocumentBitSet) {
        for position in words.indices where position < other.words.count { words[position] |= other.words[position] }
    }

    /// The fields an excluded phrase is looked for in: all but the description, which
    /// mentions things a product is not or goes with.
    static let excludingFieldMask: UInt8 = {
        var mask: UInt8 = 0
        for field in IndexedField.allCases where field != .description { mask |= 1 << UInt8(field.rawValue) }
        return mask
    }()

    /// The documents whose name, brand, category or attribute values hold every word of one
    /// of `phrases`, each word after the analysis queries get (`QueryWords`: lowercased,
    /// stemmed, so "hooded" holds "hood"). Stop words of a phrase are left out unless it has
    /// nothing else; a word the index lacks makes its phrase match nothing.
    init(holdingAnyOf phrases: [String], in index: SearchIndex) throws(IndexFormatError) {
        self.init(documentCount: index.documentCount)
        for phrase in phrases {
            if let holding = try Self.documents(holdingEveryWordOf: phrase, in: index) { formUnion(holding) }
        }
    }

    /// The documents holding, outside their description, every word of every one of
    /// `phrases` (read as `init(holdingAnyOf:in:)` reads them). A phrase without words
    /// requires nothing.
    init(holdingAllOf phrases: [String], in index: SearchIndex) throws(IndexFormatError) {
        var all: DocumentBitSet?
        for phrase in phrases {
            guard let holding = try Self.documents(holdingEveryWordOf: phrase, in: index) else { continue }
            if all == nil { all = holding } else { all?.formIntersection(holding) }
        }
        self = all ?? DocumentBitSet(documentCount: index.documentCount, full: true)
    }

    private init(documentCount: Int, full: Bool) {
        self.init(documentCount: documentCount)
        if full { for document in 0..<UInt32(max(0, documentCount)) { insert(document) } }
    }

    /// Documents holding every word of `phrase` outside their description; nil for a phrase
    /// without words. Stop words count only in a phrase of nothing else.
    /// A stretch of the phrase that is a phrase of the operator's synonyms counts as held when
    /// the document holds it or one of the phrases it stands for ("hoodie" is held by a
    /// "Hooded Sweatshirt" under `hoodie => hooded sweatshirt`), as a query would find it.
    private static func documents(holdingEveryWordOf phrase: String, in index: SearchIndex) throws(IndexFormatError) -> DocumentBitSet? {
        let parsed = QueryWords.parse(phrase)
        let content = parsed.filter { !$0.isStopWord }
        let terms = (content.isEmpty ? parsed : content).map(\.term)
        guard !terms.isEmpty else { return nil }
        var holding: DocumentBitSet?
        var position = 0
        while position < terms.count {
            var documents: DocumentBitSet
            if let match = index.synonyms.match(terms, at: position) {
                documents = try Self.documents(holdingAllTerms: terms[position..<(position + match.length)], in: index)
                for alternative in match.alternatives where !alternative.isEmpty {
                    documents.formUnion(try Self.documents(holdingAllTerms: alternative[...], in: index))
                }
                position += match.length
            } else {
                documents = try Self.documents(holding: terms[position], in: index)
                position += 1
            }
            if holding == nil { holding = documents } else { holding?.formIntersection(documents) }
        }
        return holding
    }

    /// Documents holding every one of `terms` outside their description (`terms` not empty).
    private static func documents(holdingAllTerms terms: ArraySlice<[UInt8]>, in index: SearchIndex) throws(IndexFormatError) -> DocumentBitSet {
        var holding = try Self.documents(holding: terms[terms.startIndex], in: index)
        for term in terms.dropFirst() { holding.formIntersection(try Self.documents(holding: term, in: index)) }
        return holding
    }

    /// The documents holding `term` outside their description; empty when the index lacks it.
    private static func documents(holding term: [UInt8], in index: SearchIndex) throws(IndexFormatError) -> DocumentBitSet {
        var set = DocumentBitSet(documentCount: index.documentCount)
        guard let info = try index.terms.lookup(term) else { return set }
        set.insertDocuments(holding: info, in: index, fieldMask: excludingFieldMask)
        return set
    }

    /// Adds the documents whose postings of the term `info` describes have a field in
    /// `fieldMask` (`UInt8.max`: any field).
    mutating func insertDocuments(holding info: TermInfo, in index: SearchIndex, fieldMask: UInt8) {
        let start = info.postingsOffset
        let length = info.postingsLength
        // A damaged dictionary entry pointing outside the postings holds nothing, as a search
        // treats it (`TierExecution`), rather than reading past the section.
        guard start >= 0, length >= 0, start <= index.postings.count, length <= index.postings.count - start else { return }
        var cursor = PostingsCursor(postings: UnsafeRawBufferPointer(rebasing: index.postings[start..<(start + length)]),
                                    documentFrequency: info.documentFrequency, documentLimit: UInt32(index.documentCount))
        while cursor.document != PostingsCursor.exhausted {
            if cursor.fieldByte & fieldMask != 0 { insert(cursor.document) }
            cursor.next()
        }
    }
}
