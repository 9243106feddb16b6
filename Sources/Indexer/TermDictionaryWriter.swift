import IndexFormat

/// Writes the TERMS section (FORMAT.md): terms in byte order, front-coded in blocks of
/// `termsPerBlock`, with a block table and each block's first term uncompressed so that a
/// lookup is a binary search over blocks followed by a scan of at most one block.
enum TermDictionaryWriter {
    /// 32 terms a block: the scan after the binary search decodes at most 31 entries, and the
    /// block table costs 16 bytes plus one key per 32 terms.
    static let termsPerBlock = 32

    struct Entry {
        var term: ArraySlice<UInt8>
        var documentFrequency: UInt32
        var postingsLength: UInt64
    }

    static func encode(_ entries: [Entry]) -> [UInt8] {
        let blockCount = (entries.count + termsPerBlock - 1) / termsPerBlock
        var keys = ByteWriter()
        var data = ByteWriter()
        var table = ByteWriter(reservingCapacity: blockCount * 16)
        var postingsOffset: UInt64 = 0
        for block in 0..<blockCount {
            let first = block * termsPerBlock
            let last = min(first + termsPerBlock, entries.count)
            table.writeUInt64(postingsOffset)
            table.writeUInt32(UInt32(data.count))
            table.writeUInt32(UInt32(keys.count))
            keys.writeLengthPrefixed(Array(entries[first].term))
            var previous: ArraySlice<UInt8> = []
            for index in first..<last {
                let term = entries[index].term
                let shared = zip(previous, term).prefix(while: { $0 == $1 }).count
                data.writeVarUInt(shared)
                data.writeVarUInt(term.count - shared)
                data.writeBytes(term.dropFirst(shared))
                data.writeVarUInt(UInt64(entries[index].documentFrequency))
                data.writeVarUInt(entries[index].postingsLength)
                postingsOffset += entries[index].postingsLength
                previous = term
            }
        }
        // Header: term count, block count, terms per block, reserved, then the offsets of the
        // key area and the data area from the section start.
        let headerSize = 32
        let keysOffset = UInt64(headerSize + table.count)
        let dataOffset = keysOffset + UInt64(keys.count)
        var writer = ByteWriter(reservingCapacity: Int(dataOffset) + data.count)
        writer.writeUInt32(UInt32(entries.count))
        writer.writeUInt32(UInt32(blockCount))
        writer.writeUInt32(UInt32(termsPerBlock))
        writer.writeUInt32(0)
        writer.writeUInt64(keysOffset)
        writer.writeUInt64(dataOffset)
        writer.writeBytes(table.bytes)
        writer.writeBytes(keys.bytes)
        writer.writeBytes(data.bytes)
        return writer.bytes
    }
}
