/// An append-only little-endian byte buffer: how every section of the index is written.
///
/// All multi-byte integers in the format are little-endian; variable-length integers are
/// LEB128 (7 bits a byte, low bits first, high bit set on every byte but the last), as FORMAT.md
/// specifies.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8]

    public init(reservingCapacity capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public var count: Int { bytes.count }

    @inline(__always)
    public mutating func writeUInt8(_ value: UInt8) { bytes.append(value) }

    public mutating func writeUInt16(_ value: UInt16) { appendLittleEndian(value) }
    public mutating func writeUInt32(_ value: UInt32) { appendLittleEndian(value) }
    public mutating func writeUInt64(_ value: UInt64) { appendLittleEndian(value) }
    public mutating func writeFloat32(_ value: Float) { appendLittleEndian(value.bitPattern) }
    public mutating func writeFloat64(_ value: Double) { appendLittleEndian(value.bitPattern) }

    @inline(__always)
    public mutating func writeVarUInt(_ value: UInt64) {
        var remaining = value
        while remaining >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
    }

    @inline(__always)
    public mutating func writeVarUInt(_ value: Int) { writeVarUInt(UInt64(value)) }

    public mutating func writeBytes(_ data: some Sequence<UInt8>) { bytes.append(contentsOf: data) }

    /// A byte string as its varint length followed by its bytes.
    public mutating func writeLengthPrefixed(_ data: [UInt8]) {
        writeVarUInt(data.count)
        bytes.append(contentsOf: data)
    }

    public mutating func writeLengthPrefixed(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            writeVarUInt(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Zero bytes up to the next multiple of `alignment` (a power of two).
    public mutating func pad(toMultipleOf alignment: Int) {
        while bytes.count & (alignment - 1) != 0 { bytes.append(0) }
    }

    /// Overwrites a previously written UInt32 at `offset` (for lengths known only later).
    public mutating func patchUInt32(_ value: UInt32, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for index in 0..<4 { bytes[offset + index] = raw[index] }
        }
    }

    public mutating func removeAll(keepingCapacity: Bool = true) {
        bytes.removeAll(keepingCapacity: keepingCapacity)
    }

    private mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
