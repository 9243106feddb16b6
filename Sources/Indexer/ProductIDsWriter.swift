import IndexFormat

/// The IDS section (FORMAT.md): the catalog's product id of every document, and the documents
/// in id order so that a product page can find a document by binary search.
struct ProductIDsWriter {
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    mutating func add(_ id: String) {
        bytes.append(contentsOf: id.utf8)
        ends.append(UInt32(bytes.count))
    }

    /// `count`, reserved u32, `count + 1` u32 offsets into the id bytes, `count` u32 document
    /// ids sorted by id bytes, then the id bytes.
    func finish() -> [UInt8] {
        let count = ends.count
        let order = bytes.withUnsafeBufferPointer { all in
            (0..<count).sorted { left, right in
                let leftStart = left == 0 ? 0 : Int(ends[left - 1])
                let rightStart = right == 0 ? 0 : Int(ends[right - 1])
                let leftID = UnsafeBufferPointer(rebasing: all[leftStart..<Int(ends[left])])
                let rightID = UnsafeBufferPointer(rebasing: all[rightStart..<Int(ends[right])])
                return ByteStringInterner.lexicographicallyPrecedes(leftID, rightID)
            }
        }
        var writer = ByteWriter(reservingCapacity: 8 + count * 8 + 4 + bytes.count)
        writer.writeUInt32(UInt32(count))
        writer.writeUInt32(0)
        writer.writeUInt32(0)
        for end in ends { writer.writeUInt32(end) }
        for document in order { writer.writeUInt32(UInt32(document)) }
        writer.writeBytes(bytes)
        return writer.bytes
    }
}
