import IndexFormat

/// Reader of the IDS section: a document's catalog id, and the document of a catalog id by
/// binary search over the id-ordered document list.
struct ProductIDs {
    private let reader: ByteReader
    let count: Int
    private let offsetsStart = 8
    private let orderStart: Int
    private let bytesStart: Int

    init(section: UnsafeRawBufferPointer, documentCount: Int) throws(IndexFormatError) {
        let reader = ByteReader(section, section: "IDS")
        count = Int(try reader.uint32(at: 0))
        guard count == documentCount else { throw .corrupt(section: "IDS", detail: "\(count) ids for \(documentCount) documents") }
        orderStart = offsetsStart + 4 * (count + 1)
        bytesStart = orderStart + 4 * count
        let bytesLength = Int(try reader.uint32(at: offsetsStart + 4 * count))
        guard bytesStart + bytesLength <= section.count else {
            throw .truncated(section: "IDS", expectedBytes: bytesStart + bytesLength, availableBytes: section.count)
        }
        self.reader = reader
    }

    func idBytes(_ document: UInt32) -> UnsafeRawBufferPointer? {
        guard Int(document) < count,
              let start = try? reader.uint32(at: offsetsStart + 4 * Int(document)),
              let end = try? reader.uint32(at: offsetsStart + 4 * Int(document) + 4),
              start <= end else { return nil }
        return try? reader.slice(offset: bytesStart + Int(start), count: Int(end - start))
    }

    func id(_ document: UInt32) -> String {
        guard let bytes = idBytes(document) else { return "" }
        return String(decoding: bytes, as: UTF8.self)
    }

    func document(forID id: String) -> UInt32? {
        let key = Array(id.utf8)
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            guard let document = try? reader.uint32(at: orderStart + 4 * middle), let bytes = idBytes(document) else { return nil }
            if compare(bytes, key) < 0 { low = middle + 1 } else { high = middle }
        }
        guard low < count, let document = try? reader.uint32(at: orderStart + 4 * low),
              let bytes = idBytes(document), compare(bytes, key) == 0 else { return nil }
        return document
    }
}
