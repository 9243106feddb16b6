/// The LZ4 *block* format (no frame, no size prefix), as used by the STORED section
/// (FORMAT.md, "STORED"): the same bytes `LZ4_compress_default` writes and
/// `LZ4_decompress_safe` reads.
///
/// Format (lz4/doc/lz4_Block_format.md): a block is a series of sequences. Each sequence is a
/// token byte (high nibble: literal count, low nibble: match length minus 4), extra length
/// bytes when a nibble is 15 (each adds 0...255; 255 means another byte follows), the
/// literals, a 2-byte little-endian match offset (1...65535, counted back from the current
/// output position), and extra match-length bytes. The last sequence is literals only: the
/// block ends right after them.
///
/// The compressor is a greedy single-probe hash-table matcher (the "fast" strategy): it trades
/// some ratio for speed, which suits 16 KiB stored blocks that are decompressed one at a time
/// to show a search result. The decompressor trusts nothing: it reads mapped index data that
/// may be damaged, so every length and offset is checked before a byte is copied, and a bad
/// block is a thrown `LZ4BlockError`, never an out-of-bounds access.
public enum LZ4Block {
    /// Shortest match the format can express (the match-length nibble counts from 4).
    static let minimumMatchLength = 4
    /// End-of-block rule: the last 5 bytes of a block are always literals.
    static let lastLiteralsLength = 5
    /// End-of-block rule: the last match must start at least 12 bytes before the end, so the
    /// reference decoder's 8-byte wild copies stay inside the block.
    static let lastMatchStartDistanceFromEnd = 12
    /// Offsets are 16-bit and 0 is invalid.
    static let maximumMatchOffset = 65_535
    /// A length nibble of 15 means "15 plus extension bytes".
    static let lengthNibbleMaximum = 15

    /// Upper bound on the compressed size of `inputSize` bytes: incompressible input costs one
    /// extra length byte per 255 literals plus a token (same bound as `LZ4_compressBound`).
    public static func maximumCompressedSize(forInputSize inputSize: Int) -> Int {
        inputSize + inputSize / 255 + 16
    }

    // MARK: - Compression

    public static func compress(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBytes { compress($0) }
    }

    /// Compresses `input` into one LZ4 block that any conforming decoder (including the
    /// reference `lz4`) reads back, given the input's size.
    public static func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        let capacity = maximumCompressedSize(forInputSize: input.count)
        return [UInt8](unsafeUninitializedCapacity: capacity) { output, initializedCount in
            // Capacity is at least 16, so the buffer is always allocated.
            guard let outputBase = output.baseAddress else { return }
            initializedCount = compressBlock(input, into: outputBase)
        }
    }

    /// Writes the block for `input` at `output`, which has room for
    /// `maximumCompressedSize(forInputSize: input.count)` bytes; returns the bytes written.
    private static func compressBlock(_ input: UnsafeRawBufferPointer, into output: UnsafeMutablePointer<UInt8>) -> Int {
        var written = 0
        var anchor = 0  // first input byte not yet emitted
        let inputCount = input.count
        // Below 13 bytes no match can satisfy both end-of-block rules with a byte before it.
        if let source = input.baseAddress, inputCount > lastMatchStartDistanceFromEnd {
            let hashBits = hashTableBits(forInputSize: inputCount)
            let hashShift = UInt32(32 - hashBits)
            // Slot -> last position whose 4 bytes hashed there. Zero-initialised slots point at
            // position 0, which is harmless: every candidate is verified by comparing bytes.
            let hashTable = UnsafeMutablePointer<UInt32>.allocate(capacity: 1 << hashBits)
            hashTable.initialize(repeating: 0, count: 1 << hashBits)
            defer { hashTable.deallocate() }

            @inline(__always) func load32(_ position: Int) -> UInt32 {
                source.loadUnaligned(fromByteOffset: position, as: UInt32.self)
            }
            @inline(__always) func slot(_ value: UInt32) -> Int {
                // Knuth's multiplicative hash: the top bits mix all four bytes.
                Int((value &* 2_654_435_761) >> hashShift)
            }

            let lastMatchStart = inputCount - lastMatchStartDistanceFromEnd
            let matchEndLimit = inputCount - lastLiteralsLength
            var position = 0
            search: while position <= lastMatchStart {
                // Find a verified 4-byte match at or after `position`. After 64 misses in a
                // row the step grows by one every 64 probes, so incompressible data is
                // skipped quickly instead of being hashed byte by byte.
                var candidate = 0
                var probeCount = 1 << 6
                while true {
                    let value = load32(position)
                    let hashSlot = slot(value)
                    candidate = Int(hashTable[hashSlot])
                    hashTable[hashSlot] = UInt32(truncatingIfNeeded: position)
                    if candidate < position, position - candidate <= maximumMatchOffset, load32(candidate) == value {
                        break
                    }
                    position += probeCount >> 6
                    probeCount += 1
                    if position > lastMatchStart { break search }
                }
                // Grow the match backwards over pending literals that also match.
                while position > anchor, candidate > 0,
                      source.load(fromByteOffset: position - 1, as: UInt8.self) == source.load(fromByteOffset: candidate - 1, as: UInt8.self) {
                    position -= 1
                    candidate -= 1
                }
                let matchEnd = position + minimumMatchLength
                    + commonPrefixLength(source, position + minimumMatchLength, candidate + minimumMatchLength, limit: matchEndLimit)
                writeSequence(literalsFrom: source + anchor, literalCount: position - anchor,
                              matchOffset: position - candidate, matchLength: matchEnd - position,
                              to: output, at: &written)
                position = matchEnd
                anchor = matchEnd
                // Index a position inside the match just taken: the next bytes often repeat it.
                hashTable[slot(load32(position - 2))] = UInt32(truncatingIfNeeded: position - 2)
            }
        }
        // Last sequence: the remaining bytes as literals, no match.
        let literalCount = inputCount - anchor
        output[written] = UInt8(min(literalCount, lengthNibbleMaximum)) << 4
        written += 1
        if literalCount >= lengthNibbleMaximum {
            writeLengthExtension(literalCount - lengthNibbleMaximum, to: output, at: &written)
        }
        if literalCount > 0, let source = input.baseAddress {
            UnsafeMutableRawPointer(output + written).copyMemory(from: source + anchor, byteCount: literalCount)
            written += literalCount
        }
        return written
    }

    /// Hash table size: about a quarter of the input's size in slots, so a 16 KiB stored block
    /// gets 4,096 slots (16 KiB of table, cheap to clear per block) and large inputs cap at
    /// 65,536, beyond which the 64 KiB match window gains little.
    private static func hashTableBits(forInputSize inputSize: Int) -> Int {
        let sizeBits = Int.bitWidth - inputSize.leadingZeroBitCount
        return min(16, max(8, sizeBits - 2))
    }

    /// Number of equal bytes at `first` and `second`, stopping before `first` reaches `limit`.
    @inline(__always)
    private static func commonPrefixLength(_ source: UnsafeRawPointer, _ first: Int, _ second: Int, limit: Int) -> Int {
        var length = 0
        // Eight bytes per compare; the first differing byte is the lowest set byte of the XOR
        // (little-endian load).
        while first + length + 8 <= limit {
            let difference = source.loadUnaligned(fromByteOffset: first + length, as: UInt64.self)
                ^ source.loadUnaligned(fromByteOffset: second + length, as: UInt64.self)
            if difference != 0 {
                return length + UInt64(littleEndian: difference).trailingZeroBitCount / 8
            }
            length += 8
        }
        while first + length < limit,
              source.load(fromByteOffset: first + length, as: UInt8.self) == source.load(fromByteOffset: second + length, as: UInt8.self) {
            length += 1
        }
        return length
    }

    @inline(__always)
    private static func writeSequence(literalsFrom literals: UnsafeRawPointer, literalCount: Int,
                                      matchOffset: Int, matchLength: Int,
                                      to output: UnsafeMutablePointer<UInt8>, at written: inout Int) {
        let matchCode = matchLength - minimumMatchLength
        output[written] = UInt8(min(literalCount, lengthNibbleMaximum)) << 4 | UInt8(min(matchCode, lengthNibbleMaximum))
        written += 1
        if literalCount >= lengthNibbleMaximum {
            writeLengthExtension(literalCount - lengthNibbleMaximum, to: output, at: &written)
        }
        UnsafeMutableRawPointer(output + written).copyMemory(from: literals, byteCount: literalCount)
        written += literalCount
        output[written] = UInt8(truncatingIfNeeded: matchOffset)
        output[written + 1] = UInt8(truncatingIfNeeded: matchOffset >> 8)
        written += 2
        if matchCode >= lengthNibbleMaximum {
            writeLengthExtension(matchCode - lengthNibbleMaximum, to: output, at: &written)
        }
    }

    /// The bytes after a nibble of 15: runs of 255, then the remainder (possibly 0).
    @inline(__always)
    private static func writeLengthExtension(_ value: Int, to output: UnsafeMutablePointer<UInt8>, at written: inout Int) {
        var remaining = value
        while remaining >= 255 {
            output[written] = 255
            written += 1
            remaining -= 255
        }
        output[written] = UInt8(remaining)
        written += 1
    }

    // MARK: - Decompression

    /// Decodes one block that must expand to exactly `decompressedSize` bytes.
    ///
    /// Safe on any input: every length is checked against both the input left and the output
    /// left before copying, every offset against the bytes already decoded, and each sequence
    /// consumes at least its token byte, so decoding ends after at most `input.count` steps.
    /// `decompressedSize` is allocated up front; callers bound it before passing a value read
    /// from a file.
    public static func decompress(_ input: UnsafeRawBufferPointer, decompressedSize: Int) throws(LZ4BlockError) -> [UInt8] {
        guard decompressedSize >= 0 else { throw .invalidDecompressedSize(decompressedSize) }
        var failure: LZ4BlockError?
        // One spare byte of capacity so the buffer is allocated even for an empty block.
        let output = [UInt8](unsafeUninitializedCapacity: decompressedSize + 1) { buffer, initializedCount in
            guard let outputBase = buffer.baseAddress else { return }
            do throws(LZ4BlockError) {
                initializedCount = try decodeBlock(input, into: outputBase, capacity: decompressedSize)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return output
    }

    /// Decodes into `output` (room for `capacity` bytes); returns `capacity` on success.
    private static func decodeBlock(_ input: UnsafeRawBufferPointer, into output: UnsafeMutablePointer<UInt8>,
                                    capacity: Int) throws(LZ4BlockError) -> Int {
        // Even an empty block has its token.
        guard let source = input.baseAddress, input.count > 0 else { throw .truncatedInput(offset: 0) }
        let inputCount = input.count
        var inputPosition = 0
        var outputPosition = 0
        while true {
            guard inputPosition < inputCount else { throw .truncatedInput(offset: inputPosition) }
            let token = source.load(fromByteOffset: inputPosition, as: UInt8.self)
            inputPosition += 1

            var literalCount = Int(token >> 4)
            if literalCount == lengthNibbleMaximum {
                literalCount += try readLengthExtension(source, count: inputCount, position: &inputPosition,
                                                        limit: capacity - outputPosition)
            }
            guard literalCount <= capacity - outputPosition else { throw .outputOverflow }
            guard literalCount <= inputCount - inputPosition else { throw .truncatedInput(offset: inputCount) }
            if literalCount <= shortCopyLength, inputCount - inputPosition >= shortCopyLength,
               capacity - outputPosition >= shortCopyLength {
                // Most literal runs are short: copy a fixed 16 bytes when both buffers have
                // room, instead of a variable-length memcpy. Bytes past the run are scratch
                // that the next sequence overwrites (the block must fill the output exactly).
                copySixteenBytes(from: source + inputPosition, to: output + outputPosition)
            } else if literalCount > 0 {
                UnsafeMutableRawPointer(output + outputPosition).copyMemory(from: source + inputPosition, byteCount: literalCount)
            }
            inputPosition += literalCount
            outputPosition += literalCount
            // Input that ends right after literals ends the block.
            if inputPosition == inputCount { break }

            guard inputCount - inputPosition >= 2 else { throw .truncatedInput(offset: inputCount) }
            let matchOffset = Int(source.load(fromByteOffset: inputPosition, as: UInt8.self))
                | Int(source.load(fromByteOffset: inputPosition + 1, as: UInt8.self)) << 8
            guard matchOffset != 0, matchOffset <= outputPosition else { throw .offsetOutOfRange(offset: matchOffset) }
            inputPosition += 2

            var matchLength = Int(token & 0x0F) + minimumMatchLength
            if token & 0x0F == lengthNibbleMaximum {
                matchLength += try readLengthExtension(source, count: inputCount, position: &inputPosition,
                                                       limit: capacity - outputPosition)
            }
            guard matchLength <= capacity - outputPosition else { throw .outputOverflow }
            if matchOffset >= 8, matchLength <= shortCopyLength, capacity - outputPosition >= shortCopyLength {
                // Short match, no overlap within an 8-byte word: two word copies, in order, so
                // the second may read bytes the first just wrote (offsets 8...15).
                let matchSource = UnsafeRawPointer(output + outputPosition - matchOffset)
                let destination = UnsafeMutableRawPointer(output + outputPosition)
                destination.storeBytes(of: matchSource.loadUnaligned(as: UInt64.self), as: UInt64.self)
                destination.storeBytes(of: matchSource.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
            } else {
                copyMatch(in: output, at: outputPosition, offset: matchOffset, length: matchLength)
            }
            outputPosition += matchLength
        }
        guard outputPosition == capacity else { throw .sizeMismatch(expected: capacity, actual: outputPosition) }
        return outputPosition
    }

    /// Longest literal run or match copied with fixed-size word moves in `decodeBlock`.
    private static let shortCopyLength = 16

    @inline(__always)
    private static func copySixteenBytes(from source: UnsafeRawPointer, to destination: UnsafeMutablePointer<UInt8>) {
        let target = UnsafeMutableRawPointer(destination)
        target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
        target.storeBytes(of: source.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
    }

    /// Reads the extension bytes of a length nibble of 15. Throws as soon as the total passes
    /// `limit` (the output left), which also keeps a long run of 255s from overflowing `Int`.
    @inline(__always)
    private static func readLengthExtension(_ source: UnsafeRawPointer, count: Int, position: inout Int,
                                            limit: Int) throws(LZ4BlockError) -> Int {
        var total = 0
        while true {
            guard position < count else { throw .truncatedInput(offset: position) }
            let byte = source.load(fromByteOffset: position, as: UInt8.self)
            position += 1
            total += Int(byte)
            guard total <= limit else { throw .outputOverflow }
            if byte != 255 { return total }
        }
    }

    /// Copies `length` bytes from `offset` bytes back. When the match overlaps its own output
    /// (offset < length, e.g. a run of one byte has offset 1), the bytes already copied repeat
    /// with period `offset`, so each pass can copy everything written since the match start:
    /// the chunk doubles, and each chunk's source and destination never overlap.
    @inline(__always)
    private static func copyMatch(in output: UnsafeMutablePointer<UInt8>, at position: Int, offset: Int, length: Int) {
        let matchStart = position - offset
        if offset >= length {
            (output + position).initialize(from: output + matchStart, count: length)
            return
        }
        var copied = 0
        while copied < length {
            let chunk = min(offset + copied, length - copied)
            (output + position + copied).initialize(from: output + matchStart, count: chunk)
            copied += chunk
        }
    }
}

/// Why an LZ4 block could not be decoded; the block (usually a STORED section block) is
/// corrupt or its recorded size is wrong.
public enum LZ4BlockError: Error, Equatable, CustomStringConvertible {
    /// The input ended inside a sequence; `offset` is where more bytes were needed.
    case truncatedInput(offset: Int)
    /// A match offset of 0 or reaching back before the start of the output.
    case offsetOutOfRange(offset: Int)
    /// The block expands to more bytes than `decompressedSize`.
    case outputOverflow
    /// The block expands to fewer bytes than `decompressedSize`.
    case sizeMismatch(expected: Int, actual: Int)
    /// A negative `decompressedSize` was requested.
    case invalidDecompressedSize(Int)

    public var description: String {
        switch self {
        case .truncatedInput(let offset):
            return "LZ4 block is truncated: input ends at byte \(offset) inside a sequence"
        case .offsetOutOfRange(let offset):
            return "LZ4 block has a match offset of \(offset), outside the bytes decoded so far"
        case .outputOverflow:
            return "LZ4 block expands beyond its recorded uncompressed size"
        case .sizeMismatch(let expected, let actual):
            return "LZ4 block expands to \(actual) bytes, but \(expected) were recorded"
        case .invalidDecompressedSize(let size):
            return "LZ4 block cannot have a negative uncompressed size (\(size))"
        }
    }
}
