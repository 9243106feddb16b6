/// CRC-32C (Castagnoli), the checksum of every index header, section and body (FORMAT.md,
/// "Conventions").
///
/// Parameters: reflected polynomial `0x82F63B78`, initial value `0xFFFFFFFF`, final XOR
/// `0xFFFFFFFF`; `"123456789"` gives `0xE3069283`. Because the final XOR is undone on entry,
/// `checksum(b, continuing: checksum(a)) == checksum(a + b)`, so a file can be checksummed
/// piece by piece while it is written.
///
/// Software slicing-by-8: eight 256-entry tables let each step fold eight input bytes with
/// eight table lookups instead of one lookup per byte. `uplyft index --verify` runs this over
/// whole index files, so it is kept portable (no SSE4.2 `crc32` instruction) but fast.
public enum CRC32C {
    /// The reflected Castagnoli polynomial.
    public static let polynomial: UInt32 = 0x82F6_3B78

    /// Checksum of `bytes`, continuing from the checksum `previous` of the bytes before them
    /// (0 for a fresh checksum).
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
        ~update(~previous, bytes)
    }

    /// Checksum of `bytes`, continuing from the checksum `previous` of the bytes before them
    /// (0 for a fresh checksum).
    public static func checksum(_ bytes: [UInt8], continuing previous: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0, continuing: previous) }
    }

    /// `sliceTables[k * 256 + b]` is the CRC register contribution of byte `b` followed by `k`
    /// zero bytes. Slice 0 is the classic byte-at-a-time table. One flat array keeps the eight
    /// tables in 8 KiB of contiguous memory (fits L1).
    private static let sliceTables: [UInt32] = makeSliceTables()

    private static func makeSliceTables() -> [UInt32] {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var register = UInt32(byte)
            for _ in 0..<8 {
                register = (register & 1) != 0 ? (register >> 1) ^ polynomial : register >> 1
            }
            tables[byte] = register
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(slice - 1) * 256 + byte]
                tables[slice * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }

    /// Runs the raw (un-XORed) CRC register over `bytes`.
    private static func update(_ initialRegister: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return initialRegister }
        return sliceTables.withUnsafeBufferPointer { tablesBuffer -> UInt32 in
            // Non-nil: the array always holds 2,048 entries.
            let table = tablesBuffer.baseAddress.unsafelyUnwrapped
            var register = initialRegister
            var position = 0
            let count = bytes.count
            // Eight bytes per step: the low word is XORed into the register (it is "next" in
            // a reflected CRC), so its four bytes are the farthest from the end of the step and
            // use the tables for 7...4 trailing bytes; the high word uses 3...0.
            while count - position >= 8 {
                let low = register ^ UInt32(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt32.self))
                let high = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: position + 4, as: UInt32.self))
                register = table[7 * 256 + Int(low & 0xFF)]
                    ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)]
                    ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xFF)]
                    ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ table[1 * 256 + Int((high >> 16) & 0xFF)]
                    ^ table[Int(high >> 24)]
                position += 8
            }
            while position < count {
                let byte = base.load(fromByteOffset: position, as: UInt8.self)
                register = (register >> 8) ^ table[Int((register ^ UInt32(byte)) & 0xFF)]
                position += 1
            }
            return register
        }
    }
}
