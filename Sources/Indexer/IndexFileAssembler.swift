import DurableFiles
import IndexFormat

/// Lays finished sections out in the file frame of `IndexFileLayout` and writes them
/// atomically: header, sections (16-byte aligned, zero padding), section table, footer.
enum IndexFileAssembler {
    /// Writes `sections` (in this order) to `path` and returns the file size in bytes. The
    /// header names `formatVersion`; tests pass an older one to make files of that version.
    static func write(sections: [(SectionID, [UInt8])], analyzerVersion: UInt32,
                      formatVersion: UInt32 = IndexFileLayout.formatVersion, to path: String) throws(IndexFormatError) -> Int {
        let alignment = IndexFileLayout.sectionAlignment
        var entries: [SectionEntry] = []
        var offset = IndexFileLayout.headerSize
        for (id, bytes) in sections {
            entries.append(SectionEntry(tag: id.tag, offset: UInt64(offset), length: UInt64(bytes.count),
                                        checksum: CRC32C.checksum(bytes)))
            offset += bytes.count
            offset = (offset + alignment - 1) & ~(alignment - 1)
        }
        let table = SectionTable.encode(entries)
        let tableOffset = offset
        let fileLength = tableOffset + table.count + IndexFileLayout.footerSize
        let header = IndexHeader(formatVersion: formatVersion, analyzerVersion: analyzerVersion, fileLength: UInt64(fileLength),
                                 sectionTableOffset: UInt64(tableOffset), sectionCount: UInt32(entries.count))

        do {
            var file = try AtomicFileWriter(path: path)
            try file.write(header.encoded())
            // The body checksum covers every byte between header and footer: sections, padding
            // and table, so `--verify` also catches damage in the padding.
            var bodyChecksum: UInt32 = 0
            var position = IndexFileLayout.headerSize
            let padding = [UInt8](repeating: 0, count: alignment)
            for (_, bytes) in sections {
                try file.write(bytes)
                bodyChecksum = CRC32C.checksum(bytes, continuing: bodyChecksum)
                position += bytes.count
                let padCount = (alignment - position % alignment) % alignment
                if padCount > 0 {
                    let pad = Array(padding[0..<padCount])
                    try file.write(pad)
                    bodyChecksum = CRC32C.checksum(pad, continuing: bodyChecksum)
                    position += padCount
                }
            }
            try file.write(table)
            bodyChecksum = CRC32C.checksum(table, continuing: bodyChecksum)
            var footer = ByteWriter(reservingCapacity: IndexFileLayout.footerSize)
            footer.writeBytes(IndexFileLayout.footerMagic)
            footer.writeUInt32(bodyChecksum)
            footer.writeUInt32(0)
            try file.write(footer.bytes)
            try file.commit()
        } catch {
            // The index's own error, with the same call, file and errno: callers handle one type.
            throw .io(path: error.path, operation: error.operation, errno: error.errno)
        }
        return fileLength
    }
}
