import IndexFormat

/// Walks one term's postings (FORMAT.md, "POSTINGS") in document order, with skipping.
///
/// Reads are bounds-checked against the term's own byte range: corrupt bytes end the walk
/// (the cursor reports `exhausted`) instead of reading outside it. Document ids are also
/// checked to increase and to stay below the document count, so a damaged file can give wrong
/// results but never a crash or a loop. `uplyft index --verify` finds such damage by checksum.
struct PostingsCursor {
    private let bytes: UnsafeRawBufferPointer
    private let documentLimit: UInt32
    /// Current document, or `exhausted`.
    private(set) var document: UInt32 = 0
    /// The current document's field byte: field mask plus the all-frequencies-one flag.
    private(set) var fieldByte: UInt8 = 0
    /// Where the current document's frequency varints start (when the flag is clear).
    private(set) var frequenciesOffset = 0
    /// The term's highest document weight, for score upper bounds.
    let maxWeight: Float
    let documentFrequency: Int

    private var position = 0
    private var remainingDocuments: Int
    // Skip state: the current block's last document and end offset, and where the next skip
    // entry is read. Single-block terms have no table: the block ends with the stream.
    private(set) var blockLastDocument: UInt32 = .max
    private(set) var blockMaxWeight: Float
    private var blockEnd: Int
    private var documentsLeftInBlock: Int
    private var skipPosition = 0
    private var skipEnd = 0

    init(postings: UnsafeRawBufferPointer, documentFrequency: Int, documentLimit: UInt32) {
        bytes = postings
        self.documentFrequency = documentFrequency
        self.documentLimit = documentLimit
        remainingDocuments = documentFrequency
        var cursor = 0
        let blockCount = Self.readVarUInt(postings, &cursor) ?? 0
        maxWeight = Self.readFloat(postings, &cursor) ?? .infinity
        blockMaxWeight = maxWeight
        documentsLeftInBlock = PostingsFormat.docsPerBlock
        if blockCount > 1 {
            // Compared before any sum: a damaged length near 2^64 would overflow one.
            let tableLength = Self.readVarUInt(postings, &cursor) ?? UInt64(postings.count)
            skipPosition = cursor
            skipEnd = tableLength < UInt64(postings.count - cursor) ? cursor + Int(tableLength) : postings.count
            position = skipEnd
            blockEnd = position
            blockLastDocument = 0
            guard readSkipEntry(previousLast: 0) else { document = Self.exhausted; return }
        } else {
            position = cursor
            blockEnd = postings.count
            documentsLeftInBlock = Int.max
        }
        if blockCount == 0 || documentFrequency == 0 { document = Self.exhausted; return }
        decodeNext(previous: 0, isFirst: true)
    }

    /// Moves to the next document.
    @inline(__always)
    mutating func next() {
        guard document != Self.exhausted else { return }
        if documentsLeftInBlock == 0 {
            guard readSkipEntry(previousLast: blockLastDocument) else { document = Self.exhausted; return }
        }
        decodeNext(previous: document, isFirst: false)
    }

    /// Moves to the first document >= `target`, skipping whole blocks whose last document is
    /// below it.
    @inline(__always)
    mutating func advance(to target: UInt32) {
        guard document < target else { return }
        while blockLastDocument < target, skipPosition < skipEnd {
            // Jump to the next block: the stream continues at this block's end, with deltas
            // relative to this block's last document.
            position = blockEnd
            let last = blockLastDocument
            remainingDocuments -= documentsLeftInBlock
            guard readSkipEntry(previousLast: last) else { document = Self.exhausted; return }
            document = last
        }
        while document < target {
            next()
        }
    }

    /// Documents of the current block not yet passed, the current one included: what skipping
    /// the block leaves uncounted.
    var documentsLeftInCurrentBlock: Int {
        guard document != Self.exhausted else { return 0 }
        // The last block holds fewer than a full block's documents: the term's remaining count
        // is then the smaller one.
        return min(documentsLeftInBlock, remainingDocuments) + 1
    }

    /// Moves past the current block without decoding it (the skip table gives its end).
    mutating func skipCurrentBlock() {
        guard document != Self.exhausted else { return }
        guard blockLastDocument != .max else {
            // A single-block term: its block is the rest of the postings.
            document = Self.exhausted
            return
        }
        let before = document
        advance(to: blockLastDocument &+ 1)
        // A damaged skip entry can name a last document below the current one; moving on by
        // one document keeps every walk finite.
        if document == before { next() }
    }

    /// Calls `body` with each field of the current document holding the term and the term's
    /// frequency there, in field order, reading the frequency varints once.
    @inline(__always)
    func forEachField(_ body: (_ field: Int, _ frequency: UInt32) -> Void) {
        currentFields.forEach(body)
    }

    /// Where the current document's fields and frequencies are: valid after the cursor moves
    /// on (it points into the mapped postings), so matches can be scored in batches.
    var currentFields: PostingFields {
        PostingFields(bytes: bytes, fieldByte: fieldByte, frequenciesOffset: frequenciesOffset)
    }

    @inline(__always)
    private mutating func decodeNext(previous: UInt32, isFirst: Bool) {
        guard remainingDocuments > 0, position < bytes.count,
              let delta = Self.readVarUInt(bytes, &position), position < bytes.count else {
            document = Self.exhausted
            return
        }
        // The delta is checked before the sum: a damaged one near 2^64 would overflow it.
        let base = UInt64(isFirst ? 0 : previous)
        guard delta < UInt64(documentLimit), case let candidate = base + delta, candidate < UInt64(documentLimit),
              isFirst || delta > 0 else {
            document = Self.exhausted
            return
        }
        fieldByte = bytes[position]
        position += 1
        frequenciesOffset = position
        if fieldByte & PostingsFormat.allFrequenciesOneFlag == 0 {
            // Skip this document's frequency varints: one per field in the mask.
            var fields = (fieldByte & PostingsFormat.fieldMaskBits).nonzeroBitCount
            while fields > 0, position < bytes.count {
                if bytes[position] < 0x80 { fields -= 1 }
                position += 1
            }
        }
        document = UInt32(candidate)
        remainingDocuments -= 1
        if documentsLeftInBlock != Int.max { documentsLeftInBlock -= 1 }
    }

    /// Reads the next skip entry, making it the current block. False on corrupt entries.
    private mutating func readSkipEntry(previousLast: UInt32) -> Bool {
        guard skipPosition < skipEnd,
              let lastDelta = Self.readVarUInt(bytes, &skipPosition),
              let length = Self.readVarUInt(bytes, &skipPosition),
              let weight = Self.readFloat(bytes, &skipPosition) else { return false }
        guard lastDelta < UInt64(documentLimit), case let last = UInt64(previousLast) + lastDelta, last < UInt64(documentLimit),
              length <= UInt64(bytes.count - blockEnd) else { return false }
        blockLastDocument = UInt32(last)
        blockEnd += Int(length)
        blockMaxWeight = weight
        documentsLeftInBlock = PostingsFormat.docsPerBlock
        return true
    }

    @inline(__always)
    static func readVarUInt(_ bytes: UnsafeRawBufferPointer, _ position: inout Int) -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            if shift >= 64 { return nil }
        }
        return nil
    }

    private static func readFloat(_ bytes: UnsafeRawBufferPointer, _ position: inout Int) -> Float? {
        guard position + 4 <= bytes.count else { return nil }
        let bits = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self))
        position += 4
        return Float(bitPattern: bits)
    }
}

/// One posting's field byte and the place of its frequency varints in the term's postings.
struct PostingFields {
    let bytes: UnsafeRawBufferPointer
    let fieldByte: UInt8
    let frequenciesOffset: Int

    /// Calls `body` with each field holding the term and the term's frequency there, in
    /// field order.
    @inline(__always)
    func forEach(_ body: (_ field: Int, _ frequency: UInt32) -> Void) {
        let allOne = fieldByte & PostingsFormat.allFrequenciesOneFlag != 0
        var cursor = frequenciesOffset
        var remaining = fieldByte & PostingsFormat.fieldMaskBits
        while remaining != 0 {
            let field = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            let frequency = allOne ? 1 : UInt32(truncatingIfNeeded: PostingsCursor.readVarUInt(bytes, &cursor) ?? 0)
            body(field, frequency)
        }
    }
}
