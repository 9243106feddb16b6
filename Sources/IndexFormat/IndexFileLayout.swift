/// The fixed frame of an index file: header, section table and footer (FORMAT.md, "File layout").
///
/// ```
/// [header: 64 bytes][sections, each 16-byte aligned][section table][footer: 16 bytes]
/// ```
/// Opening reads only the header and the section table, each protected by its own checksum, so
/// open cost does not depend on the catalog size; the per-section and whole-body checksums are
/// for `uplyft index --verify`.
public enum IndexFileLayout {
    public static let magic: [UInt8] = Array("UPLYFTIX".utf8)
    public static let footerMagic: [UInt8] = Array("UPLYFTND".utf8)
    /// Version 2 added the catalog checksum at the end of META; version 3 the TERMCATS
    /// section (each term's categories), which the chat needs. A file of an older version has
    /// no TERMCATS and is refused as an unsupported version ("rebuild the index"), not opened
    /// half-able; `uplyft index --if-changed` rebuilds it.
    public static let formatVersion: UInt32 = 3
    public static let supportedVersions: ClosedRange<UInt32> = 3...3
    public static let headerSize = 64
    public static let footerSize = 16
    public static let sectionEntrySize = 32
    public static let sectionAlignment = 16
}

/// One row of the section table.
public struct SectionEntry: Equatable, Sendable {
    public var tag: UInt64
    public var offset: UInt64
    public var length: UInt64
    public var checksum: UInt32

    public init(tag: UInt64, offset: UInt64, length: UInt64, checksum: UInt32) {
        self.tag = tag
        self.offset = offset
        self.length = length
        self.checksum = checksum
    }

    public var name: String {
        var bytes: [UInt8] = []
        for index in 0..<8 {
            let byte = UInt8(truncatingIfNeeded: tag >> (8 * UInt64(index)))
            if byte == 0 { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The decoded header.
public struct IndexHeader: Equatable, Sendable {
    public var formatVersion: UInt32
    public var analyzerVersion: UInt32
    public var fileLength: UInt64
    public var sectionTableOffset: UInt64
    public var sectionCount: UInt32

    public init(formatVersion: UInt32 = IndexFileLayout.formatVersion, analyzerVersion: UInt32,
                fileLength: UInt64, sectionTableOffset: UInt64, sectionCount: UInt32) {
        self.formatVersion = formatVersion
        self.analyzerVersion = analyzerVersion
        self.fileLength = fileLength
        self.sectionTableOffset = sectionTableOffset
        self.sectionCount = sectionCount
    }

    /// The 64 header bytes: magic, version, header size, section count, flags, file length,
    /// table offset, analyzer version, reserved zeros, CRC32C of the first 60 bytes.
    public func encoded() -> [UInt8] {
        var writer = ByteWriter(reservingCapacity: IndexFileLayout.headerSize)
        writer.writeBytes(IndexFileLayout.magic)
        writer.writeUInt32(formatVersion)
        writer.writeUInt32(UInt32(IndexFileLayout.headerSize))
        writer.writeUInt32(sectionCount)
        writer.writeUInt32(0) // flags, none defined
        writer.writeUInt64(fileLength)
        writer.writeUInt64(sectionTableOffset)
        writer.writeUInt32(analyzerVersion)
        while writer.count < IndexFileLayout.headerSize - 4 { writer.writeUInt8(0) }
        let checksum = CRC32C.checksum(writer.bytes)
        writer.writeUInt32(checksum)
        return writer.bytes
    }

    /// Decodes and checks a header; `path` is used in errors.
    public static func decode(_ bytes: UnsafeRawBufferPointer, path: String) throws(IndexFormatError) -> IndexHeader {
        guard bytes.count >= IndexFileLayout.magic.count,
              bytes.prefix(IndexFileLayout.magic.count).elementsEqual(IndexFileLayout.magic) else {
            throw .notAnIndex(path: path)
        }
        guard bytes.count >= IndexFileLayout.headerSize else {
            throw .truncated(section: "HEADER", expectedBytes: IndexFileLayout.headerSize, availableBytes: bytes.count)
        }
        var reader = ByteReader(UnsafeRawBufferPointer(rebasing: bytes[0..<IndexFileLayout.headerSize]), section: "HEADER", offset: 8)
        let version = try reader.readUInt32()
        // The version is checked before the checksum: a future format may lay the rest out
        // differently, and "unsupported version" is the useful message then.
        guard IndexFileLayout.supportedVersions.contains(version) else {
            throw .unsupportedVersion(found: version, supported: IndexFileLayout.supportedVersions)
        }
        let expected = try ByteReader(bytes, section: "HEADER").uint32(at: IndexFileLayout.headerSize - 4)
        let actual = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<(IndexFileLayout.headerSize - 4)]))
        guard expected == actual else { throw .checksumMismatch(section: "HEADER", expected: expected, actual: actual) }
        let headerSize = try reader.readUInt32()
        guard headerSize == UInt32(IndexFileLayout.headerSize) else {
            throw .corrupt(section: "HEADER", detail: "header size \(headerSize), expected \(IndexFileLayout.headerSize)")
        }
        let sectionCount = try reader.readUInt32()
        _ = try reader.readUInt32() // flags
        let fileLength = try reader.readUInt64()
        let tableOffset = try reader.readUInt64()
        let analyzerVersion = try reader.readUInt32()
        return IndexHeader(formatVersion: version, analyzerVersion: analyzerVersion, fileLength: fileLength,
                           sectionTableOffset: tableOffset, sectionCount: sectionCount)
    }
}

/// Encoding and decoding of the section table: `count` entries of 32 bytes (tag, offset,
/// length, CRC32C of the section, reserved) followed by the CRC32C of those entries.
public enum SectionTable {
    public static func encode(_ entries: [SectionEntry]) -> [UInt8] {
        var writer = ByteWriter(reservingCapacity: entries.count * IndexFileLayout.sectionEntrySize + 4)
        for entry in entries {
            writer.writeUInt64(entry.tag)
            writer.writeUInt64(entry.offset)
            writer.writeUInt64(entry.length)
            writer.writeUInt32(entry.checksum)
            writer.writeUInt32(0)
        }
        writer.writeUInt32(CRC32C.checksum(writer.bytes))
        return writer.bytes
    }

    /// Decodes the table found in `file` per `header`, checking its checksum and that every
    /// section lies inside the body (after the header, before the table).
    public static func decode(file: UnsafeRawBufferPointer, header: IndexHeader) throws(IndexFormatError) -> [SectionEntry] {
        let count = Int(header.sectionCount)
        let tableLength = count * IndexFileLayout.sectionEntrySize + 4
        guard count <= 1024 else { throw .corrupt(section: "SECTION TABLE", detail: "\(count) sections") }
        guard header.sectionTableOffset <= UInt64(file.count),
              UInt64(tableLength) <= UInt64(file.count) - header.sectionTableOffset else {
            // A damaged offset may lie near UInt64.max: saturate the size reported, do not trap.
            let (tableEnd, overflow) = header.sectionTableOffset.addingReportingOverflow(UInt64(tableLength))
            throw .truncated(section: "SECTION TABLE", expectedBytes: overflow ? Int.max : Int(clamping: tableEnd), availableBytes: file.count)
        }
        let start = Int(header.sectionTableOffset)
        let table = UnsafeRawBufferPointer(rebasing: file[start..<(start + tableLength)])
        let expected = try ByteReader(table, section: "SECTION TABLE").uint32(at: tableLength - 4)
        let actual = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: table[0..<(tableLength - 4)]))
        guard expected == actual else { throw .checksumMismatch(section: "SECTION TABLE", expected: expected, actual: actual) }
        var reader = ByteReader(table, section: "SECTION TABLE")
        var entries: [SectionEntry] = []
        for _ in 0..<count {
            let entry = SectionEntry(tag: try reader.readUInt64(), offset: try reader.readUInt64(),
                                     length: try reader.readUInt64(), checksum: try reader.readUInt32())
            _ = try reader.readUInt32()
            guard entry.offset >= UInt64(IndexFileLayout.headerSize), entry.offset <= header.sectionTableOffset,
                  entry.length <= header.sectionTableOffset - entry.offset else {
                throw .corrupt(section: "SECTION TABLE", detail: "section \(entry.name) at \(entry.offset)+\(entry.length) lies outside the body")
            }
            entries.append(entry)
        }
        return entries
    }
}
