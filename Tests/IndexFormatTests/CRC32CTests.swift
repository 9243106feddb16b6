import Testing
@testable import IndexFormat

@Suite struct CRC32CTests {
    @Test func checkValueOfTheStandardTestString() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    @Test func emptyInputChecksumsToZeroAndLeavesAPreviousValueUnchanged() {
        #expect(CRC32C.checksum([UInt8]()) == 0)
        #expect(CRC32C.checksum([UInt8](), continuing: 0xE306_9283) == 0xE306_9283)
        #expect(CRC32C.checksum(UnsafeRawBufferPointer(start: nil, count: 0)) == 0)
    }

    /// RFC 3720 (iSCSI), appendix B.4 test vectors.
    @Test func rfc3720Vectors() {
        #expect(CRC32C.checksum([UInt8](repeating: 0x00, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).map { UInt8(31 - $0) }) == 0x113F_DB5C)
    }

    /// The slicing-by-8 loop and the byte-at-a-time tail must agree with a plain bitwise CRC
    /// for every length and alignment around the 8-byte step.
    @Test func matchesBitwiseReferenceForEveryShortLengthAndAlignment() {
        let bytes = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for start in 0..<9 {
            for end in start...bytes.count {
                let slice = Array(bytes[start..<end])
                #expect(CRC32C.checksum(slice) == bitwiseCRC32C(slice), "bytes \(start)..<\(end)")
            }
        }
    }

    @Test func continuingEqualsChecksumOfTheConcatenation() {
        let whole = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        let expected = CRC32C.checksum(whole)
        for split in [0, 1, 7, 8, 9, 500, 999, 1_000] {
            let first = Array(whole[..<split])
            let second = Array(whole[split...])
            #expect(CRC32C.checksum(second, continuing: CRC32C.checksum(first)) == expected, "split at \(split)")
        }
        // Three pieces, through the raw-buffer overload.
        let threePieces = whole.withUnsafeBytes { raw in
            var running: UInt32 = 0
            for range in [0..<3, 3..<600, 600..<1_000] {
                running = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[range]), continuing: running)
            }
            return running
        }
        #expect(threePieces == expected)
    }

    @Test func aFlippedBitChangesTheChecksum() {
        var bytes = [UInt8](repeating: 0x5A, count: 4_096)
        let original = CRC32C.checksum(bytes)
        bytes[2_048] ^= 0x01
        #expect(CRC32C.checksum(bytes) != original)
    }

    private func bitwiseCRC32C(_ bytes: [UInt8]) -> UInt32 {
        var register: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            register ^= UInt32(byte)
            for _ in 0..<8 {
                register = (register & 1) != 0 ? (register >> 1) ^ 0x82F6_3B78 : register >> 1
            }
        }
        return ~register
    }
}
