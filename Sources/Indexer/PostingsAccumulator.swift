import IndexFormat

/// The postings of one term while the catalog is being read, already in their on-disk
/// encoding (see `PostingsFormat`): documents arrive in increasing id order, so each posting is
/// encoded once, on arrival, and writing the index is a copy.
struct TermPostings {
    var stream: [UInt8] = []
    var documentCount: Int = 0
    var lastDocument: UInt32 = 0
    /// Byte offset in `stream` where the current block began.
    var blockStart: Int = 0
    /// For every completed block: its last document and its byte length.
    var completedBlocks: [(lastDocument: UInt32, byteLength: UInt32)] = []

    /// Appends one document with its per-field term frequencies (`frequencies[f]` for field f).
    mutating func append(document: UInt32, frequencies: UnsafeBufferPointer<UInt16>) {
        let delta = documentCount == 0 ? document : document - lastDocument
        appendVarUInt(delta)
        var mask: UInt8 = 0
        var allOne = true
        for field in 0..<frequencies.count where frequencies[field] > 0 {
            mask |= 1 << UInt8(field)
            if frequencies[field] != 1 { allOne = false }
        }
        if allOne {
            stream.append(mask | PostingsFormat.allFrequenciesOneFlag)
        } else {
            stream.append(mask)
            for field in 0..<frequencies.count where frequencies[field] > 0 {
                appendVarUInt(UInt32(frequencies[field]))
            }
        }
        documentCount += 1
        lastDocument = document
        if documentCount % PostingsFormat.docsPerBlock == 0 {
            completedBlocks.append((document, UInt32(stream.count - blockStart)))
            blockStart = stream.count
        }
    }

    /// The postings as written to the POSTINGS section (FORMAT.md): block count, the term's
    /// maximum weight, a skip table when there is more than one block (each block's last
    /// document, byte length and maximum weight), then the stream. `weigh` gives a document's
    /// BM25F term weight from its field byte and frequencies; the maxima let the query engine
    /// skip blocks that cannot reach the current top-k.
    func encoded(into writer: inout ByteWriter, weigh: (UInt32, UnsafeBufferPointer<UInt16>) -> Float) {
        var blocks = completedBlocks
        if blockStart < stream.count {
            blocks.append((lastDocument, UInt32(stream.count - blockStart)))
        }
        let blockMaxima = blockMaxWeights(blockCount: blocks.count, weigh: weigh)
        writer.writeVarUInt(blocks.count)
        writer.writeFloat32(blockMaxima.max() ?? 0)
        if blocks.count > 1 {
            var table = ByteWriter(reservingCapacity: blocks.count * 8)
            var previousLast: UInt32 = 0
            for (index, block) in blocks.enumerated() {
                table.writeVarUInt(UInt64(index == 0 ? block.lastDocument : block.lastDocument - previousLast))
                table.writeVarUInt(UInt64(block.byteLength))
                table.writeFloat32(blockMaxima[index])
                previousLast = block.lastDocument
            }
            writer.writeVarUInt(table.count)
            writer.writeBytes(table.bytes)
        }
        writer.writeBytes(stream)
    }

    /// Calls `body` with each document of the stream, in increasing order, and its field mask
    /// (bit f set when field f holds the term; frequencies not needed).
    func forEachDocument(_ body: (UInt32, UInt8) -> Void) {
        decode { _, document, fieldByte, _ in body(document, fieldByte & PostingsFormat.fieldMaskBits) }
    }

    /// The postings of several lists of one term joined in document order, encoded as if
    /// each document had been appended to one list: the bytes do not depend on how the
    /// documents were split. The lists must hold disjoint documents (`InversionMerge`: each
    /// inverter took other batches of the catalog). `fieldCount` is the frequencies per posting.
    static func merged(_ lists: [TermPostings], fieldCount: Int) -> TermPostings {
        if lists.count == 1 { return lists[0] }
        var readers = lists.map { Reader(postings: $0) }
        var result = TermPostings()
        result.stream.reserveCapacity(lists.reduce(0) { $0 + $1.stream.count })
        while true {
            var next = -1
            for (index, reader) in readers.enumerated() where !reader.isAtEnd {
                if next < 0 || reader.document < readers[next].document { next = index }
            }
            if next < 0 { return result }
            readers[next].frequencies.withUnsafeBufferPointer {
                result.append(document: readers[next].document, frequencies: UnsafeBufferPointer(rebasing: $0[0..<fieldCount]))
            }
            readers[next].advance()
        }
    }

    /// Reads a list one posting at a time, for merging: `document` and `frequencies` (one
    /// per field, 0 where the field lacks the term) are the current posting's until `isAtEnd`.
    struct Reader {
        private let postings: TermPostings
        private var index = 0
        private var position = 0
        private(set) var document: UInt32 = 0
        private(set) var frequencies = [UInt16](repeating: 0, count: PostingsFormat.maxFieldCount)
        var isAtEnd: Bool { index > postings.documentCount }

        init(postings: TermPostings) {
            self.postings = postings
            advance()
        }

        mutating func advance() {
            index += 1
            guard index <= postings.documentCount else { return }
            let delta = postings.readVarUInt(&position)
            document = index == 1 ? delta : document + delta
            let fieldByte = postings.stream[position]
            position += 1
            for field in 0..<PostingsFormat.maxFieldCount {
                if fieldByte & (1 << UInt8(field)) == 0 {
                    frequencies[field] = 0
                } else if fieldByte & PostingsFormat.allFrequenciesOneFlag != 0 {
                    frequencies[field] = 1
                } else {
                    frequencies[field] = UInt16(postings.readVarUInt(&position))
                }
            }
        }
    }

    /// Decodes the stream once to find each block's highest document weight.
    private func blockMaxWeights(blockCount: Int, weigh: (UInt32, UnsafeBufferPointer<UInt16>) -> Float) -> [Float] {
        var maxima = [Float](repeating: 0, count: blockCount)
        decode { index, document, _, frequencies in
            let weight = weigh(document, frequencies)
            let block = index / PostingsFormat.docsPerBlock
            if weight > maxima[block] { maxima[block] = weight }
        }
        return maxima
    }

    /// The one walk of the stream: each posting's position in the list, document, field
    /// byte and per-field frequencies (0 for a field without the term).
    private func decode(_ body: (Int, UInt32, UInt8, UnsafeBufferPointer<UInt16>) -> Void) {
        var frequencies = [UInt16](repeating: 0, count: PostingsFormat.maxFieldCount)
        var position = 0
        var document: UInt32 = 0
        for index in 0..<documentCount {
            let delta = readVarUInt(&position)
            document = index == 0 ? delta : document + delta
            let fieldByte = stream[position]
            position += 1
            for field in 0..<PostingsFormat.maxFieldCount {
                if fieldByte & (1 << UInt8(field)) == 0 {
                    frequencies[field] = 0
                } else if fieldByte & PostingsFormat.allFrequenciesOneFlag != 0 {
                    frequencies[field] = 1
                } else {
                    frequencies[field] = UInt16(readVarUInt(&position))
                }
            }
            frequencies.withUnsafeBufferPointer { body(index, document, fieldByte, $0) }
        }
    }

    fileprivate func readVarUInt(_ position: inout Int) -> UInt32 {
        var result: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            let byte = stream[position]
            position += 1
            result |= UInt32(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    @inline(__always)
    private mutating func appendVarUInt(_ value: UInt32) {
        var remaining = value
        while remaining >= 0x80 {
            stream.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        stream.append(UInt8(remaining))
    }
}
