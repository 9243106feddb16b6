import DurableFiles
import IndexFormat

/// Lays finished sections out in the file frame of `IndexFileLayout` and writes them
/// atomically, or into memory: header, sections (16-byte aligned, zero padding), section
/// table, footer.
enum IndexFileAssembler {
    /// Writes `sections` (in this order) to `path` and returns the file size in bytes. The
    /// header names `formatVersion`; tests pass an older one to make files of that version.
    static func write(sections: [(SectionID, [UInt8])], analyzerVersion: UInt32,
                      formatVersion: UInt32 = IndexFileLayout.formatVersion, to path: String) throws(IndexFormatError) -> Int {
        do {
            var file = try AtomicFileWriter(path: path)
            let fileLength = try assemble(sections: sections, analyzerVersion: analyzerVersion, formatVersion: formatVersion) {
                chunk throws(FileWriteError) in try file.write(chunk)
            }
            try file.commit()
            return fileLength
        } catch {
            // The index's own error, with the same call, file and errno: callers handle one type.
            throw .io(path: error.path, operation: error.operation, errno: error.errno)
        }
    }

    /// The bytes `write` would write, in memory.
    static func bytes(sections: [(SectionID, [UInt8])], analyzerVersion: UInt32,
                      formatVersion: UInt32 = IndexFileLayout.formatVersion) -> [UInt8] {
        var file: [UInt8] = []
        _ = assemble(sections: sections, analyzerVersion: analyzerVersion, formatVersion: formatVersion) { chunk in
            file += chunk
        }
        return file
    }

    /// Lays the file out and hands it to `emit` in order, chunk by chunk; returns its length.
    private static func assemble<Failure: Error>(sections: [(SectionID, [UInt8])], analyzerVersion: UInt32, formatVersion: UInt32,
                                                 emit: ([UInt8]) throws(Failure) -> Void) throws(Failure) -> Int {
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

        try emit(header.encoded())
        // The body checksum covers every byte between header and footer: sections, padding
        // and table, so `--verify` also catches damage in the padding.
        var bodyChecksum: UInt32 = 0
        var position = IndexFileLayout.headerSize
        let padding = [UInt8](repeating: 0, count: alignment)
        for (_, bytes) in sections {
            try emit(bytes)
            bodyChecksum = CRC32C.checksum(bytes, continuing: bodyChecksum)
            position += bytes.count
            let padCount = (alignment - position % alignment) % alignment
            if padCount > 0 {
                let pad = Array(padding[0..<padCount])
                try emit(pad)
                bodyChecksum = CRC32C.checksum(pad, continuing: bodyChecksum)
                position += padCount
            }
        }
        try emit(table)
        bodyChecksum = CRC32C.checksum(table, continuing: bodyChecksum)
        var footer = ByteWriter(reservingCapacity: IndexFileLayout.footerSize)
        footer.writeBytes(IndexFileLayout.footerMagic)
        footer.writeUInt32(bodyChecksum)
        footer.writeUInt32(0)
        try emit(footer.bytes)
        return fileLength
    }
}
