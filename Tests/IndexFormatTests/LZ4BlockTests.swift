import Testing
import TestSupport
@testable import IndexFormat

@Suite struct LZ4BlockTests {
    // MARK: Round trips

    @Test(arguments: [
        "",
        "a",
        "hello",
        "Hello, world!",
        "Ergonomic office chair with lumbar support, breathable mesh, adjustable armrests.",
        String(repeating: "wireless noise-cancelling headphones, black; ", count: 50),
    ])
    func textRoundTrips(text: String) throws {
        try expectRoundTrip(Array(text.utf8))
    }

    @Test func emptyInputIsASingleZeroToken() throws {
        #expect(LZ4Block.compress([UInt8]()) == [0x00])
        try expectRoundTrip([])
    }

    @Test func randomBytesRoundTripAndStayWithinTheBound() throws {
        var generator = SeededRandomGenerator(seed: 1)
        for size in [1, 15, 16, 255, 270, 4_096, 16_384, 70_000] {
            let bytes = randomBytes(size, using: &generator)
            let compressed = try expectRoundTrip(bytes)
            #expect(compressed.count <= LZ4Block.maximumCompressedSize(forInputSize: size))
        }
    }

    /// Long runs exercise overlapping matches (offset 1 and small periods) and match lengths
    /// needing many 255 extension bytes.
    @Test func longRunsRoundTrip() throws {
        try expectRoundTrip([UInt8](repeating: 0, count: 100_000))
        try expectRoundTrip([UInt8](repeating: 0xAB, count: 1_000) + [1, 2, 3] + [UInt8](repeating: 0xCD, count: 5_000))
        let period3 = (0..<50_000).map { UInt8($0 % 3) }
        try expectRoundTrip(period3)
        let period7 = (0..<50_000).map { UInt8(($0 % 7) &* 40) }
        try expectRoundTrip(period7)
    }

    /// Matches are longer than the 64 KiB window reaches; offsets must stay within 65,535.
    @Test func repetitionFartherThanTheWindowRoundTrips() throws {
        var generator = SeededRandomGenerator(seed: 2)
        let chunk = randomBytes(40_000, using: &generator)
        let filler = randomBytes(30_000, using: &generator)
        try expectRoundTrip(chunk + filler + chunk + chunk)
    }

    /// Sizes around the end-of-block rules (last match starts >= 12 bytes before the end, last
    /// 5 bytes are literals), on input that would otherwise match everywhere.
    @Test func sizesAroundTheEndOfBlockRulesRoundTripAndKeepTheRules() throws {
        for size in 0...80 {
            for pattern in [[UInt8](repeating: 0x61, count: size), (0..<size).map { UInt8($0 % 4) }] {
                let compressed = try expectRoundTrip(pattern)
                let sequences = try #require(parseSequences(compressed))
                #expect(sequences.last?.matchLength == 0, "size \(size): last sequence must be literals only")
                #expect(sequences.last.map { $0.literalCount >= min(5, size) } == true, "size \(size): last 5 bytes must be literals")
                var outputPosition = 0
                for sequence in sequences.dropLast() {
                    outputPosition += sequence.literalCount
                    #expect(outputPosition + 12 <= size, "size \(size): a match starts \(size - outputPosition) bytes before the end")
                    outputPosition += sequence.matchLength
                    #expect(outputPosition + 5 <= size, "size \(size): a match reaches into the last 5 bytes")
                }
            }
        }
        // Below 13 bytes the block cannot hold a match at all.
        #expect(LZ4Block.compress([UInt8](repeating: 7, count: 12)) == [0xC0] + [UInt8](repeating: 7, count: 12))
    }

    @Test func literalRunsAroundTheFifteenNibbleEncodeCorrectly() throws {
        var generator = SeededRandomGenerator(seed: 3)
        for size in [14, 15, 16, 269, 270, 271, 524, 525] {
            let compressed = try expectRoundTrip(randomBytes(size, using: &generator))
            // Random bytes do not match: one literal-only sequence.
            let expectedExtensionBytes = size >= 15 ? (size - 15) / 255 + 1 : 0
            #expect(compressed.count == 1 + expectedExtensionBytes + size)
        }
    }

    @Test func aMegabyteOfMixedContentRoundTrips() throws {
        var generator = SeededRandomGenerator(seed: 4)
        var buffer: [UInt8] = []
        let words = ["stainless", "steel", "water", "bottle", "insulated", "750ml", "blue", "kids", "men's", "running", "shoes", "size"]
        while buffer.count < 1_000_000 {
            switch generator.next() % 4 {
            case 0: buffer += randomBytes(Int(generator.next() % 300), using: &generator)
            case 1: buffer += [UInt8](repeating: UInt8(truncatingIfNeeded: generator.next()), count: Int(generator.next() % 500))
            default:
                for _ in 0..<Int(generator.next() % 40) {
                    buffer += Array(words[Int(generator.next() % UInt64(words.count))].utf8) + [0x20]
                }
            }
        }
        let compressed = try expectRoundTrip(buffer)
        #expect(compressed.count < buffer.count)
    }

    @Test func repetitiveTextShrinks() throws {
        let text = Array(String(repeating: "Organic cotton t-shirt, crew neck, slim fit. ", count: 200).utf8)
        let compressed = try expectRoundTrip(text)
        #expect(compressed.count * 10 < text.count)
    }

    @Test func decodesAHandWrittenBlock() throws {
        // "abcd" literals, then a match of 8 at offset 4 ("abcdabcd"), then literals "xyzzy".
        let block: [UInt8] = [0x44, 0x61, 0x62, 0x63, 0x64, 0x04, 0x00, 0x50, 0x78, 0x79, 0x7A, 0x7A, 0x79]
        let decoded = try block.withUnsafeBytes { raw throws(LZ4BlockError) in
            try LZ4Block.decompress(raw, decompressedSize: 17)
        }
        #expect(decoded == Array("abcdabcdabcdxyzzy".utf8))
    }

    /// A match of 16 at offset 10 overlaps its own output within the second 8-byte word the
    /// decoder's short-match path copies.
    @Test func decodesAShortMatchThatOverlapsItsOwnOutput() throws {
        let block: [UInt8] = [0xAC] + Array("abcdefghij".utf8) + [0x0A, 0x00] + [0x50] + Array("vwxyz".utf8)
        let decoded = try block.withUnsafeBytes { raw throws(LZ4BlockError) in
            try LZ4Block.decompress(raw, decompressedSize: 31)
        }
        #expect(decoded == Array("abcdefghijabcdefghijabcdefvwxyz".utf8))
    }

    // MARK: Corrupt input

    @Test func wrongDecompressedSizeThrows() throws {
        let text = Array(String(repeating: "red leather sofa ", count: 100).utf8)
        let compressed = LZ4Block.compress(text)
        #expect(decompress(compressed, size: text.count - 1) == .failure(.outputOverflow))
        #expect(decompress(compressed, size: text.count + 1) == .failure(.sizeMismatch(expected: text.count + 1, actual: text.count)))
        #expect(decompress(compressed, size: 0) == .failure(.outputOverflow))
        #expect(decompress(compressed, size: -1) == .failure(.invalidDecompressedSize(-1)))
    }

    @Test func everyTruncationThrows() {
        let text = Array(String(repeating: "bamboo cutting board, large ", count: 40).utf8)
        let compressed = LZ4Block.compress(text)
        for length in 0..<compressed.count {
            guard case .failure = decompress(Array(compressed[..<length]), size: text.count) else {
                Issue.record("truncation to \(length) of \(compressed.count) bytes decoded")
                continue
            }
        }
    }

    @Test func specificCorruptionsThrowTheMatchingError() {
        // Match offset 0.
        #expect(decompress([0x10, 0x61, 0x00, 0x00, 0x00], size: 10) == .failure(.offsetOutOfRange(offset: 0)))
        // Match reaching before the start of the output (1 byte decoded, offset 2).
        #expect(decompress([0x10, 0x61, 0x02, 0x00, 0x00], size: 10) == .failure(.offsetOutOfRange(offset: 2)))
        // A literal length of 15 + 255 + ... whose extension bytes run off the end.
        #expect(decompress([0xF0, 0xFF, 0xFF], size: 10_000) == .failure(.truncatedInput(offset: 3)))
        // Literal count larger than the bytes that follow.
        #expect(decompress([0x50, 0x61, 0x62], size: 5) == .failure(.truncatedInput(offset: 3)))
        // A match with no terminating literal sequence after it.
        #expect(decompress([0x10, 0x61, 0x01, 0x00], size: 5) == .failure(.truncatedInput(offset: 4)))
        // Offset cut in half.
        #expect(decompress([0x10, 0x61, 0x01], size: 5) == .failure(.truncatedInput(offset: 3)))
        // A huge length chain stops as soon as it exceeds the output, without reading it all.
        #expect(decompress([0xF0] + [UInt8](repeating: 0xFF, count: 1_000), size: 100) == .failure(.outputOverflow))
        #expect(decompress([], size: 0) == .failure(.truncatedInput(offset: 0)))
    }

    @Test func errorsDescribeThemselves() {
        #expect(LZ4BlockError.sizeMismatch(expected: 10, actual: 7).description.contains("7 bytes"))
        #expect(LZ4BlockError.truncatedInput(offset: 42).description.contains("42"))
        #expect(LZ4BlockError.offsetOutOfRange(offset: 9).description.contains("9"))
    }

    /// Random damage to valid blocks must only ever throw or return the requested size: the
    /// test passes by not crashing (bounds are checked in debug builds) and not hanging.
    @Test func fuzzedBlocksNeverCrash() {
        var generator = SeededRandomGenerator(seed: 0x5EED)
        let originals: [[UInt8]] = [
            Array(String(repeating: "Espresso machine with milk frother, 15 bar. ", count: 30).utf8),
            (0..<3_000).map { UInt8($0 % 5) },
            randomBytes(500, using: &generator),
            [UInt8](repeating: 0, count: 2_000),
        ]
        var decodedCount = 0
        var thrownCount = 0
        for iteration in 0..<4_000 {
            let original = originals[iteration % originals.count]
            var block = LZ4Block.compress(original)
            switch generator.next() % 4 {
            case 0:  // flip a few bytes
                for _ in 0...Int(generator.next() % 4) {
                    block[Int(generator.next() % UInt64(block.count))] = UInt8(truncatingIfNeeded: generator.next())
                }
            case 1:  // truncate
                block.removeLast(Int(generator.next() % UInt64(block.count)))
            case 2:  // insert random bytes
                let position = Int(generator.next() % UInt64(block.count + 1))
                block.insert(contentsOf: randomBytes(1 + Int(generator.next() % 8), using: &generator), at: position)
            default:  // wholly random block
                block = randomBytes(Int(generator.next() % 64), using: &generator)
            }
            let requestedSize = generator.next() % 2 == 0 ? original.count : Int(generator.next() % 4_000)
            switch decompress(block, size: requestedSize) {
            case .success(let decoded):
                #expect(decoded.count == requestedSize)
                decodedCount += 1
            case .failure:
                thrownCount += 1
            }
        }
        #expect(thrownCount > 0)
        #expect(decodedCount + thrownCount == 4_000)
    }

    // MARK: Helpers

    @discardableResult
    private func expectRoundTrip(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
        let compressed = LZ4Block.compress(bytes)
        let decoded = try compressed.withUnsafeBytes { raw throws(LZ4BlockError) in
            try LZ4Block.decompress(raw, decompressedSize: bytes.count)
        }
        #expect(decoded == bytes, "round trip of \(bytes.count) bytes", sourceLocation: sourceLocation)
        // The raw-buffer overload must produce the same block.
        #expect(bytes.withUnsafeBytes { LZ4Block.compress($0) } == compressed, sourceLocation: sourceLocation)
        return compressed
    }

    private func decompress(_ block: [UInt8], size: Int) -> Result<[UInt8], LZ4BlockError> {
        block.withUnsafeBytes { raw in
            Result { () throws(LZ4BlockError) in try LZ4Block.decompress(raw, decompressedSize: size) }
        }
    }

    private struct ParsedSequence {
        var literalCount: Int
        var matchLength: Int  // 0 for the final, literal-only sequence
    }

    /// Splits a block into its sequences (independently of the decoder), or nil if malformed.
    private func parseSequences(_ block: [UInt8]) -> [ParsedSequence]? {
        var sequences: [ParsedSequence] = []
        var position = 0
        func readLength(_ nibble: Int) -> Int? {
            var length = nibble
            guard nibble == 15 else { return length }
            while position < block.count {
                let byte = Int(block[position])
                position += 1
                length += byte
                if byte != 255 { return length }
            }
            return nil
        }
        while position < block.count {
            let token = Int(block[position])
            position += 1
            guard let literalCount = readLength(token >> 4) else { return nil }
            position += literalCount
            if position == block.count {
                sequences.append(ParsedSequence(literalCount: literalCount, matchLength: 0))
                return sequences
            }
            position += 2
            guard let matchCode = readLength(token & 15) else { return nil }
            sequences.append(ParsedSequence(literalCount: literalCount, matchLength: matchCode + 4))
        }
        return nil
    }

    private func randomBytes(_ count: Int, using generator: inout SeededRandomGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }
}
