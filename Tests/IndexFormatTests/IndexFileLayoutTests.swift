import Testing
@testable import IndexFormat

@Suite struct IndexFileLayoutTests {
    private let header = IndexHeader(analyzerVersion: 7, fileLength: 4096, sectionTableOffset: 1024, sectionCount: 2)

    @Test func headerRoundTrips() throws {
        let bytes = header.encoded()
        #expect(bytes.count == IndexFileLayout.headerSize)
        #expect(Array(bytes[0..<8]) == Array("UPLYFTIX".utf8))
        let decoded = try bytes.withUnsafeBytes { try IndexHeader.decode($0, path: "x") }
        #expect(decoded == header)
    }

    @Test func foreignFileIsNotAnIndex() throws {
        let bytes = Array("{\"id\":\"not an index\"}".utf8) + [UInt8](repeating: 0, count: 64)
        try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> Void in
            #expect(throws: IndexFormatError.notAnIndex(path: "f")) { try IndexHeader.decode(raw, path: "f") }
        }
    }

    @Test func futureVersionIsReportedAsSuch() throws {
        var bytes = header.encoded()
        bytes[8] = 99
        try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> Void in
            #expect(throws: IndexFormatError.unsupportedVersion(found: 99, supported: 3...3)) { try IndexHeader.decode(raw, path: "f") }
        }
    }

    @Test func anyFlippedHeaderByteFailsTheHeaderChecksum() throws {
        for position in 16..<IndexFileLayout.headerSize {
            var bytes = header.encoded()
            bytes[position] ^= 0x40
            try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> Void in
                do {
                    _ = try IndexHeader.decode(raw, path: "f")
                    Issue.record("flip at \(position) was accepted")
                } catch {
                    #expect((error as? IndexFormatError)?.description.contains("HEADER") == true, "flip at \(position): \(error)")
                }
            }
        }
    }

    @Test func truncatedHeader() throws {
        let bytes = Array(header.encoded().prefix(20))
        try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> Void in
            #expect(throws: IndexFormatError.truncated(section: "HEADER", expectedBytes: 64, availableBytes: 20)) {
                try IndexHeader.decode(raw, path: "f")
            }
        }
    }

    @Test func sectionTableRoundTripsAndChecksItsBounds() throws {
        let entries = [
            SectionEntry(tag: SectionID.meta.tag, offset: 64, length: 100, checksum: 1),
            SectionEntry(tag: SectionID.terms.tag, offset: 176, length: 800, checksum: 2),
        ]
        var file = [UInt8](repeating: 0, count: 1024) + SectionTable.encode(entries) + [UInt8](repeating: 0, count: 16)
        let decoded = try file.withUnsafeBytes { try SectionTable.decode(file: $0, header: header) }
        #expect(decoded == entries)
        #expect(decoded.map(\.name) == ["META", "TERMS"])

        file[1024 + 9] ^= 1
        try file.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> Void in
            #expect(throws: IndexFormatError.self) { try SectionTable.decode(file: raw, header: header) }
        }
    }

    @Test func sectionOutsideTheBodyIsRefused() throws {
        let entries = [SectionEntry(tag: SectionID.meta.tag, offset: 64, length: 5000, checksum: 1)]
        let file = [UInt8](repeating: 0, count: 1024) + SectionTable.encode(entries)
        let oneSection = IndexHeader(analyzerVersion: 7, fileLength: 4096, sectionTableOffset: 1024, sectionCount: 1)
        try file.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> Void in
            #expect(throws: IndexFormatError.self) { try SectionTable.decode(file: raw, header: oneSection) }
        }
    }

    @Test func sectionTagsRoundTrip() throws {
        for section in SectionID.allCases {
            #expect(SectionID(tag: section.tag) == section)
            #expect(section.rawValue.utf8.count <= 8)
        }
        #expect(SectionID(tag: 0x4141) == nil)
    }
}
