import Testing
@testable import IndexFormat

@Suite struct ByteReaderWriterTests {
    @Test func fixedWidthValuesRoundTripLittleEndian() throws {
        var writer = ByteWriter()
        writer.writeUInt8(0xAB)
        writer.writeUInt16(0x1234)
        writer.writeUInt32(0xDEAD_BEEF)
        writer.writeUInt64(0x0102_0304_0506_0708)
        writer.writeFloat32(1.5)
        writer.writeFloat64(-2.25)
        #expect(Array(writer.bytes[1...2]) == [0x34, 0x12])
        try writer.bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> Void in
            var reader = ByteReader(raw, section: "TEST")
            #expect(try reader.readUInt8() == 0xAB)
            #expect(try reader.readUInt16() == 0x1234)
            #expect(try reader.readUInt32() == 0xDEAD_BEEF)
            #expect(try reader.readUInt64() == 0x0102_0304_0506_0708)
            #expect(try reader.readFloat32() == 1.5)
            #expect(try reader.readFloat64() == -2.25)
            #expect(reader.isAtEnd)
        }
    }

    @Test(arguments: [UInt64(0), 1, 127, 128, 300, 16_383, 16_384, UInt64(UInt32.max), UInt64.max])
    func varintsRoundTrip(value: UInt64) throws {
        var writer = ByteWriter()
        writer.writeVarUInt(value)
        let expectedLength = value == 0 ? 1 : (64 - value.leadingZeroBitCount + 6) / 7
        #expect(writer.count == expectedLength)
        try writer.bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> Void in
            var reader = ByteReader(raw, section: "TEST")
            #expect(try reader.readVarUInt() == value)
        }
    }

    @Test func readsPastTheEndThrowCorruptNamingTheSection() throws {
        let bytes: [UInt8] = [0x01, 0x02, 0x03]
        try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> Void in
            var reader = ByteReader(raw, section: "POSTINGS")
            #expect(throws: IndexFormatError.self) { try reader.readUInt32() }
            do {
                _ = try reader.readUInt64()
                Issue.record("expected a throw")
            } catch {
                #expect((error as? IndexFormatError)?.description.contains("POSTINGS") == true)
            }
        }
    }

    @Test func truncatedAndOverlongVarintsAreCorrupt() throws {
        let truncated: [UInt8] = [0x80, 0x80]
        try truncated.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> Void in
            var reader = ByteReader(raw, section: "T")
            #expect(throws: IndexFormatError.self) { try reader.readVarUInt() }
        }
        let overlong = [UInt8](repeating: 0xFF, count: 11) + [0x01]
        try overlong.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> Void in
            var reader = ByteReader(raw, section: "T")
            #expect(throws: IndexFormatError.self) { try reader.readVarUInt() }
        }
    }

    @Test func lengthPrefixedStringsAndLimits() throws {
        var writer = ByteWriter()
        writer.writeLengthPrefixed("héllo")
        writer.writeVarUInt(1000)
        try writer.bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> Void in
            var reader = ByteReader(raw, section: "T")
            #expect(try reader.readString() == "héllo")
            #expect(throws: IndexFormatError.self) { try reader.readVarInt(atMost: 999) }
        }
        // A length larger than what remains is refused, not read beyond the buffer.
        let lying: [UInt8] = [0x05, 0x41]
        try lying.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> Void in
            var reader = ByteReader(raw, section: "T")
            #expect(throws: IndexFormatError.self) { try reader.readLengthPrefixed() }
        }
    }

    @Test func absoluteReadsAndSlicesAreBoundsChecked() throws {
        let bytes: [UInt8] = Array(0..<16)
        try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> Void in
            let reader = ByteReader(raw, section: "T")
            #expect(try reader.uint32(at: 12) == 0x0F0E_0D0C)
            #expect(throws: IndexFormatError.self) { try reader.uint32(at: 13) }
            #expect(throws: IndexFormatError.self) { try reader.uint32(at: -1) }
            #expect(throws: IndexFormatError.self) { try reader.slice(offset: 10, count: 7) }
            #expect(try reader.slice(offset: 16, count: 0).count == 0)
        }
    }

    @Test func paddingAndPatching() throws {
        var writer = ByteWriter()
        writer.writeUInt8(1)
        writer.pad(toMultipleOf: 16)
        #expect(writer.count == 16)
        writer.pad(toMultipleOf: 16)
        #expect(writer.count == 16)
        writer.patchUInt32(0x0A0B_0C0D, at: 4)
        #expect(Array(writer.bytes[4..<8]) == [0x0D, 0x0C, 0x0B, 0x0A])
    }
}
