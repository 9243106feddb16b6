import IndexFormat

/// Reader of the STORED section: finds a document's block by binary search over the block
/// table, decompresses it, and decodes the document's display fields.
/// The display fields of one stored document.
typealias StoredFieldValues = (name: String, brand: String, category: String, description: String, image: String, attributes: [StoredProduct.Attribute])

struct StoredFields {
    private let reader: ByteReader
    let blockCount: Int
    private let documentCount: Int
    private let dataStart: Int
    private static let blockEntrySize = 24

    init(section: UnsafeRawBufferPointer, documentCount expected: Int) throws(IndexFormatError) {
        let reader = ByteReader(section, section: "STORED")
        blockCount = Int(try reader.uint32(at: 0))
        documentCount = Int(try reader.uint32(at: 4))
        guard documentCount == expected, blockCount <= max(expected, 1) else {
            throw .corrupt(section: "STORED", detail: "\(blockCount) blocks for \(documentCount) documents, META says \(expected)")
        }
        dataStart = 8 + blockCount * Self.blockEntrySize
        guard dataStart <= section.count else {
            throw .truncated(section: "STORED", expectedBytes: dataStart, availableBytes: section.count)
        }
        self.reader = reader
    }

    /// Where a document's block lies, as the block table says: `StoredProductCache` keeps a
    /// decoded product only while the table still says the same (a file damaged in place under
    /// the mapping is then read, and reported, again).
    struct BlockLocation: Equatable, Sendable {
        let block: Int
        let firstDocument: UInt32
        let uncompressedLength: Int
        let offset: UInt64
        let compressedLength: Int
    }

    /// The display fields of `document` (price, rating, stock come from VALUES).
    func fields(of document: UInt32) throws(IndexFormatError) -> StoredFieldValues {
        try fields(of: document, at: try location(of: document))
    }

    /// The block table's entry for `document`'s block; throws when the table is damaged.
    func location(of document: UInt32) throws(IndexFormatError) -> BlockLocation {
        guard Int(document) < documentCount, blockCount > 0 else {
            throw .corrupt(section: "STORED", detail: "document \(document) out of range")
        }
        // The last block whose first document is <= document.
        var low = 0
        var high = blockCount - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if try reader.uint32(at: 8 + middle * Self.blockEntrySize) <= document { low = middle } else { high = middle - 1 }
        }
        let entry = 8 + low * Self.blockEntrySize
        let firstDocument = try reader.uint32(at: entry)
        // The search above finds a block starting after `document` only when the table is
        // damaged; counting up from there would never meet it (and could pass 2^32 - 1).
        guard firstDocument <= document else {
            throw .corrupt(section: "STORED", detail: "block \(low) starts at document \(firstDocument), after \(document)")
        }
        let uncompressedLength = Int(try reader.uint32(at: entry + 4))
        let offset = try reader.uint64(at: entry + 8)
        let compressedLength = Int(try reader.uint32(at: entry + 16))
        guard offset <= UInt64(reader.base.count), uncompressedLength <= 64 * StoredFormat.targetBlockBytes + (1 << 20) else {
            throw .corrupt(section: "STORED", detail: "block \(low) has offset \(offset), size \(uncompressedLength)")
        }
        return BlockLocation(block: low, firstDocument: firstDocument, uncompressedLength: uncompressedLength, offset: offset,
                             compressedLength: compressedLength)
    }

    /// The display fields of `document`, from its block at `location`.
    func fields(of document: UInt32, at location: BlockLocation) throws(IndexFormatError) -> StoredFieldValues {
        let (low, firstDocument, uncompressedLength, offset, compressedLength) =
            (location.block, location.firstDocument, location.uncompressedLength, location.offset, location.compressedLength)
        let compressed = try reader.slice(offset: dataStart + Int(offset), count: compressedLength)
        let block: [UInt8]
        do {
            block = try LZ4Block.decompress(compressed, decompressedSize: uncompressedLength)
        } catch {
            throw .corrupt(section: "STORED", detail: "block \(low) does not decompress: \(error)")
        }
        let decoded: Result<StoredFieldValues, IndexFormatError> = block.withUnsafeBytes { raw in Result { () throws(IndexFormatError) -> StoredFieldValues in
            var cursor = ByteReader(raw, section: "STORED")
            var current = firstDocument
            while true {
                let name = try cursor.readLengthPrefixed()
                let brand = try cursor.readLengthPrefixed()
                let category = try cursor.readLengthPrefixed()
                let description = try cursor.readLengthPrefixed()
                let image = try cursor.readLengthPrefixed()
                let attributeCount = try cursor.readVarInt(atMost: cursor.remaining)
                if current == document {
                    var attributes: [StoredProduct.Attribute] = []
                    for _ in 0..<attributeCount {
                        attributes.append(.init(name: try cursor.readString(), value: try cursor.readString()))
                    }
                    let text = { (bytes: UnsafeRawBufferPointer) in String(decoding: bytes, as: UTF8.self) }
                    return (text(name), text(brand), text(category), text(description), text(image), attributes)
                }
                for _ in 0..<(attributeCount * 2) { _ = try cursor.readLengthPrefixed() }
                current += 1
            }
        } }
        return try decoded.get()
    }
}
