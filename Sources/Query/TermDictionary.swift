import IndexFormat

/// Where a term's postings are and how many documents contain it.
public struct TermInfo: Sendable, Equatable {
    /// The term's position in byte order: its id in this index.
    public var ordinal: Int
    public var documentFrequency: Int
    public var postingsOffset: Int
    public var postingsLength: Int
}

/// Reader of the TERMS section (FORMAT.md): binary search over the blocks' first terms, then
/// a scan of one front-coded block. Nothing is loaded at open; a lookup touches about
/// log2(blocks) keys and one block.
struct TermDictionary {
    private let section: ByteReader
    let termCount: Int
    private let blockCount: Int
    private let termsPerBlock: Int
    private let keysOffset: Int
    private let dataOffset: Int
    private static let headerSize = 32
    private static let blockEntrySize = 16

    init(section bytes: UnsafeRawBufferPointer) throws(IndexFormatError) {
        var reader = ByteReader(bytes, section: "TERMS")
        termCount = Int(try reader.readUInt32())
        blockCount = Int(try reader.readUInt32())
        termsPerBlock = Int(try reader.readUInt32())
        _ = try reader.readUInt32()
        let keys = try reader.readUInt64()
        let data = try reader.readUInt64()
        guard termsPerBlock > 0, termsPerBlock <= 4096,
              blockCount == (termCount + termsPerBlock - 1) / termsPerBlock,
              UInt64(Self.headerSize + blockCount * Self.blockEntrySize) <= keys, keys <= data, data <= UInt64(bytes.count) else {
            throw .corrupt(section: "TERMS", detail: "inconsistent header (terms \(termCount), blocks \(blockCount), areas \(keys)/\(data) of \(bytes.count) bytes)")
        }
        keysOffset = Int(keys)
        dataOffset = Int(data)
        section = reader
    }

    /// The entry of `term`, or nil if the index does not contain it.
    func lookup(_ term: [UInt8]) throws(IndexFormatError) -> TermInfo? {
        guard blockCount > 0 else { return nil }
        // The last block whose first term is <= term.
        var low = 0
        var high = blockCount - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if try compareFirstTerm(ofBlock: middle, with: term) <= 0 {
                low = middle
            } else {
                high = middle - 1
            }
        }
        var found: TermInfo?
        try scanBlock(low) { ordinal, candidate, info in
            let order = compare(candidate, term)
            if order == 0 { found = info }
            return order < 0
        }
        return found
    }

    /// The entry and bytes of the term with this ordinal.
    func entry(ordinal: Int) throws(IndexFormatError) -> (term: [UInt8], info: TermInfo)? {
        guard ordinal >= 0, ordinal < termCount else { return nil }
        var result: (term: [UInt8], info: TermInfo)?
        try scanBlock(ordinal / termsPerBlock) { current, term, info in
            if current == ordinal { result = (term, info) }
            return current < ordinal
        }
        return result
    }

    /// Decodes block `block` entry by entry, calling `visit` until it returns false.
    private func scanBlock(_ block: Int, _ visit: (Int, [UInt8], TermInfo) -> Bool) throws(IndexFormatError) {
        let entryOffset = Self.headerSize + block * Self.blockEntrySize
        var postingsOffset = Int(clamping: try section.uint64(at: entryOffset))
        let dataStart = Int(try section.uint32(at: entryOffset + 8))
        var reader = ByteReader(section.base, section: "TERMS", offset: dataOffset + dataStart)
        var term: [UInt8] = []
        let first = block * termsPerBlock
        let last = min(first + termsPerBlock, termCount)
        for ordinal in first..<last {
            let shared = try reader.readVarInt(atMost: term.count)
            let suffixLength = try reader.readVarInt(atMost: reader.remaining)
            term.removeSubrange(shared...)
            term.append(contentsOf: try reader.readBytes(suffixLength))
            let documentFrequency = try reader.readVarInt(atMost: Int(UInt32.max))
            let postingsLength = try reader.readVarInt(atMost: Int(UInt32.max) * 16)
            let info = TermInfo(ordinal: ordinal, documentFrequency: documentFrequency,
                                postingsOffset: postingsOffset, postingsLength: postingsLength)
            if !visit(ordinal, term, info) { return }
            // A damaged block entry can hold an offset near Int.max: refuse it, do not trap.
            let (nextOffset, overflow) = postingsOffset.addingReportingOverflow(postingsLength)
            guard !overflow else {
                throw .corrupt(section: "TERMS", detail: "postings offsets of block \(block) overflow")
            }
            postingsOffset = nextOffset
        }
    }

    private func compareFirstTerm(ofBlock block: Int, with term: [UInt8]) throws(IndexFormatError) -> Int {
        let keyStart = Int(try section.uint32(at: Self.headerSize + block * Self.blockEntrySize + 12))
        var reader = ByteReader(section.base, section: "TERMS", offset: keysOffset + keyStart)
        let key = try reader.readLengthPrefixed()
        return compare(key, term)
    }
}

/// Unsigned byte-wise order, shorter first on a common prefix: the dictionary's sort order.
@inline(__always)
func compare(_ left: some Collection<UInt8>, _ right: some Collection<UInt8>) -> Int {
    var leftIterator = left.makeIterator()
    var rightIterator = right.makeIterator()
    while true {
        switch (leftIterator.next(), rightIterator.next()) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (l?, r?): if l != r { return l < r ? -1 : 1 }
        }
    }
}
