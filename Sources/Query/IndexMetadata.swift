import IndexFormat

/// The META section: counts, ranking defaults, the indexed fields and (format version 2 on)
/// the checksum of the catalog the index was built from.
public struct IndexMetadata: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var weight: Float
        public var averageLength: Double
    }

    public var documentCount: Int
    public var defaultK1: Float
    public var defaultB: Float
    public var termCount: Int
    public var wordCount: Int
    public var categoryCount: Int
    public var brandCount: Int
    public var fields: [Field]
    /// The SHA-256 of the catalog file the index was built from; nil in version 1 files and
    /// in indexes built from products in memory (FORMAT.md, META).
    public var catalogChecksum: CatalogChecksum?

    /// Decodes META as `formatVersion` lays it out (the header's version, already checked to
    /// be a supported one).
    init(section: UnsafeRawBufferPointer, formatVersion: UInt32) throws(IndexFormatError) {
        var reader = ByteReader(section, section: "META")
        documentCount = Int(try reader.readUInt32())
        let fieldCount = Int(try reader.readUInt32())
        guard fieldCount >= 1, fieldCount <= PostingsFormat.maxFieldCount else {
            throw .corrupt(section: "META", detail: "field count \(fieldCount) outside 1...\(PostingsFormat.maxFieldCount)")
        }
        defaultK1 = try reader.readFloat32()
        defaultB = try reader.readFloat32()
        termCount = Int(try reader.readUInt32())
        wordCount = Int(try reader.readUInt32())
        categoryCount = Int(try reader.readUInt32())
        brandCount = Int(try reader.readUInt32())
        fields = []
        for _ in 0..<fieldCount {
            let name = try reader.readString()
            let weight = try reader.readFloat32()
            let averageLength = try reader.readFloat64()
            guard weight.isFinite, weight >= 0, averageLength.isFinite, averageLength >= 0 else {
                throw .corrupt(section: "META", detail: "field \(name) has weight \(weight), average length \(averageLength)")
            }
            fields.append(Field(name: name, weight: weight, averageLength: averageLength))
        }
        catalogChecksum = nil
        if formatVersion >= 2 {
            // Zero bytes mean "not recorded", which `CatalogChecksum(bytes:)` turns into nil.
            catalogChecksum = CatalogChecksum(bytes: Array(try reader.readBytes(CatalogChecksum.byteCount)))
        }
        guard defaultK1.isFinite, defaultK1 >= 0, defaultB.isFinite, (0...1).contains(defaultB) else {
            throw .corrupt(section: "META", detail: "ranking defaults k1=\(defaultK1) b=\(defaultB)")
        }
    }
}
