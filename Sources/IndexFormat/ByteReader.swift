/// A bounds-checked cursor over a section's bytes (usually part of a memory-mapped file).
///
/// This is the only way the query side reads structured data, so a corrupt or truncated file
/// can produce a thrown `IndexFormatError.corrupt` naming the section, never an out-of-bounds
/// read. The hot postings loop uses the same checks: a failed check costs one predictable
/// branch.
public struct ByteReader {
    public let base: UnsafeRawBufferPointer
    public var offset: Int
    /// Section name used in errors.
    public let section: String

    public init(_ base: UnsafeRawBufferPointer, section: String, offset: Int = 0) {
        self.base = base
        self.section = section
        self.offset = offset
    }

    public var remaining: Int { base.count - offset }
    public var isAtEnd: Bool { offset >= base.count }

    @inline(__always)
    public mutating func readUInt8() throws(IndexFormatError) -> UInt8 {
        guard offset < base.count else { throw overrun(1) }
        let value = base[offset]
        offset += 1
        return value
    }

    public mutating func readUInt16() throws(IndexFormatError) -> UInt16 { try readLittleEndian() }
    public mutating func readUInt32() throws(IndexFormatError) -> UInt32 { try readLittleEndian() }
    public mutating func readUInt64() throws(IndexFormatError) -> UInt64 { try readLittleEndian() }
    public mutating func readFloat32() throws(IndexFormatError) -> Float { Float(bitPattern: try readLittleEndian()) }
    public mutating func readFloat64() throws(IndexFormatError) -> Double { Double(bitPattern: try readLittleEndian()) }

    /// A LEB128 varint of at most 10 bytes; longer or truncated ones are corruption.
    @inline(__always)
    public mutating func readVarUInt() throws(IndexFormatError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < base.count else { throw overrun(1) }
            let byte = base[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            guard shift < 64 else { throw IndexFormatError.corrupt(section: section, detail: "varint longer than 10 bytes at offset \(offset)") }
        }
    }

    /// A varint that must fit in an Int no larger than `limit` (a count or a length).
    @inline(__always)
    public mutating func readVarInt(atMost limit: Int) throws(IndexFormatError) -> Int {
        let value = try readVarUInt()
        // A limit computed from a position past the end is negative: nothing fits under it.
        guard limit >= 0, value <= UInt64(limit) else {
            throw IndexFormatError.corrupt(section: section, detail: "value \(value) exceeds limit \(limit) at offset \(offset)")
        }
        return Int(value)
    }

    /// The next `count` bytes as a view into the same memory.
    public mutating func readBytes(_ count: Int) throws(IndexFormatError) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else { throw overrun(count) }
        let slice = UnsafeRawBufferPointer(rebasing: base[offset..<(offset + count)])
        offset += count
        return slice
    }

    public mutating func readLengthPrefixed() throws(IndexFormatError) -> UnsafeRawBufferPointer {
        let length = try readVarInt(atMost: remaining)
        return try readBytes(length)
    }

    public mutating func readString() throws(IndexFormatError) -> String {
        String(decoding: try readLengthPrefixed(), as: UTF8.self)
    }

    public mutating func skip(_ count: Int) throws(IndexFormatError) {
        guard count >= 0, count <= remaining else { throw overrun(count) }
        offset += count
    }

    /// A sub-range of the section, checked against its bounds.
    public func slice(offset start: Int, count: Int) throws(IndexFormatError) -> UnsafeRawBufferPointer {
        guard start >= 0, count >= 0, start <= base.count, count <= base.count - start else {
            throw IndexFormatError.corrupt(section: section, detail: "range \(start)..<\(start &+ count) outside \(base.count) bytes")
        }
        return UnsafeRawBufferPointer(rebasing: base[start..<(start + count)])
    }

    /// Reads a fixed-width value at an absolute offset without moving the cursor.
    @inline(__always)
    public func uint32(at position: Int) throws(IndexFormatError) -> UInt32 {
        guard position >= 0, position <= base.count - 4 else {
            throw IndexFormatError.corrupt(section: section, detail: "offset \(position) outside \(base.count) bytes")
        }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt32.self))
    }

    @inline(__always)
    public func uint64(at position: Int) throws(IndexFormatError) -> UInt64 {
        guard position >= 0, position <= base.count - 8 else {
            throw IndexFormatError.corrupt(section: section, detail: "offset \(position) outside \(base.count) bytes")
        }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
    }

    private mutating func readLittleEndian<T: FixedWidthInteger>() throws(IndexFormatError) -> T {
        let size = MemoryLayout<T>.size
        guard size <= remaining else { throw overrun(size) }
        let value = T(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
        offset += size
        return value
    }

    private func overrun(_ wanted: Int) -> IndexFormatError {
        .corrupt(section: section, detail: "read of \(wanted) bytes at offset \(offset) runs past the end (\(base.count) bytes)")
    }
}
