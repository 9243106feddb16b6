import Catalog
import IndexFormat

/// Collects the display fields of each product into LZ4-compressed blocks (FORMAT.md,
/// "STORED"). A block closes once its uncompressed size reaches
/// `StoredFormat.targetBlockBytes`, so showing a product decompresses about 16 KiB.
struct StoredFieldsWriter {
    private var currentBlock = ByteWriter(reservingCapacity: StoredFormat.targetBlockBytes + 4096)
    private var currentFirstDocument: UInt32 = 0
    private var documentCount: UInt32 = 0
    private var compressed = ByteWriter()
    private var blocks: [(firstDocument: UInt32, uncompressedLength: UInt32, offset: UInt64, compressedLength: UInt32)] = []

    mutating func add(_ product: Product) {
        if currentBlock.count == 0 { currentFirstDocument = documentCount }
        currentBlock.writeLengthPrefixed(product.name)
        currentBlock.writeLengthPrefixed(product.brand)
        currentBlock.writeLengthPrefixed(product.category)
        currentBlock.writeLengthPrefixed(product.description)
        currentBlock.writeLengthPrefixed(product.image)
        currentBlock.writeVarUInt(product.attributes.count)
        for attribute in product.attributes {
            currentBlock.writeLengthPrefixed(attribute.name)
            currentBlock.writeLengthPrefixed(attribute.value)
        }
        documentCount += 1
        if currentBlock.count >= StoredFormat.targetBlockBytes { closeBlock() }
    }

    private mutating func closeBlock() {
        guard currentBlock.count > 0 else { return }
        let block = LZ4Block.compress(currentBlock.bytes)
        blocks.append((currentFirstDocument, UInt32(currentBlock.count), UInt64(compressed.count), UInt32(block.count)))
        compressed.writeBytes(block)
        currentBlock.removeAll()
    }

    /// The STORED section: block count, document count, the block table, then the blocks.
    mutating func finish() -> [UInt8] {
        closeBlock()
        var writer = ByteWriter(reservingCapacity: 8 + blocks.count * 24 + compressed.count)
        writer.writeUInt32(UInt32(blocks.count))
        writer.writeUInt32(documentCount)
        for block in blocks {
            writer.writeUInt32(block.firstDocument)
            writer.writeUInt32(block.uncompressedLength)
            writer.writeUInt64(block.offset)
            writer.writeUInt32(block.compressedLength)
            writer.writeUInt32(0)
        }
        writer.writeBytes(compressed.bytes)
        compressed = ByteWriter()
        return writer.bytes
    }
}
