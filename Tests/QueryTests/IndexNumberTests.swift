import Catalog
import CatalogGenerator
import Foundation
import IndexFormat
import Indexer
import Testing
@testable import Query

/// Counts, offsets and document numbers read from index bytes, and request numbers, at their
/// extremes (issue 11): each is checked before it is added to, multiplied or used as a size,
/// so a damaged or hand-made file, or a request, gives an error or an empty answer, not a
/// trap. Found by auditing every conversion and sum of such numbers, not by the fuzzer.
@Suite struct IndexNumberTests {
    /// LEB128 of `value`, as the writer encodes varints.
    static func varint(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        return bytes + [UInt8(rest)]
    }

    static let weight: [UInt8] = [0, 0, 0x80, 0x3F] // 1.0 as a little-endian Float
    static let fieldOne: UInt8 = PostingsFormat.allFrequenciesOneFlag | 1

    private func walk(_ bytes: [UInt8], documentFrequency: Int, advanceTo target: UInt32? = nil) -> [UInt32] {
        bytes.withUnsafeBytes { raw in
            var cursor = PostingsCursor(postings: raw, documentFrequency: documentFrequency, documentLimit: 100)
            if let target { cursor.advance(to: target) }
            var documents: [UInt32] = []
            while !cursor.isExhausted, documents.count < 200 {
                documents.append(cursor.document)
                cursor.next()
            }
            return documents
        }
    }

    /// A document delta near 2^64 after a first document: the sum overflowed UInt64.
    @Test func aDocumentDeltaNear2To64EndsTheWalk() {
        let postings = Self.varint(1) + Self.weight + Self.varint(3) + [Self.fieldOne] + Self.varint(.max) + [Self.fieldOne]
        #expect(walk(postings, documentFrequency: 2) == [3])
    }

    /// A skip entry whose last-document delta is near 2^64: the sum with the previous block's
    /// last document overflowed when the walk moved on to that block.
    @Test func aSkipEntryDeltaNear2To64EndsTheWalk() {
        let firstBlock = Self.varint(2) + [Self.fieldOne]
        let secondBlock = Self.varint(5) + [Self.fieldOne]
        let table = Self.varint(2) + Self.varint(UInt64(firstBlock.count)) + Self.weight
            + Self.varint(.max) + Self.varint(UInt64(secondBlock.count)) + Self.weight
        let postings = Self.varint(2) + Self.weight + Self.varint(UInt64(table.count)) + table + firstBlock + secondBlock
        // Walking document by document reads the second block's delta from the first block's
        // last document without its skip entry; skipping to it reads the damaged entry.
        #expect(walk(postings, documentFrequency: 2) == [2, 7])
        #expect(walk(postings, documentFrequency: 2, advanceTo: 5) == [])
    }

    /// A skip table length near 2^64: clamped to Int.max and added to the position, which
    /// overflowed while the cursor was being made.
    @Test(arguments: [UInt64.max, UInt64(Int.max), UInt64(Int.max) - 1])
    func aSkipTableLengthNear2To64EndsTheWalk(length: UInt64) {
        let postings = Self.varint(2) + Self.weight + Self.varint(length) + Self.varint(1) + Self.varint(2) + Self.weight
        #expect(walk(postings, documentFrequency: 2) == [])
    }

    /// A negative limit (a position past the end, subtracted) is corruption, not a trap in
    /// the conversion to UInt64.
    @Test func aVarintWithANegativeLimitIsCorruption() {
        [UInt8(0)].withUnsafeBytes { raw in
            var reader = ByteReader(raw, section: "TEST")
            #expect(throws: IndexFormatError.self) { try reader.readVarInt(atMost: -1) }
        }
    }

    /// The STORED block table's first document set to 2^32-1 for a block that starts at
    /// document 0: counting documents through the block overflowed UInt32.
    @Test(arguments: [UInt32.max, UInt32.max - 1])
    func aStoredBlockStartingNear2To32IsCorruption(firstDocument: UInt32) throws {
        var generator = CatalogGenerator(seed: 3)
        var builder = IndexBuilder()
        for _ in 0..<12 { builder.add(generator.next()) }
        var bytes = try builder.encoded()
        let stored = try #require(try SearchIndex(bytes: bytes).sections.first { $0.name == "STORED" })
        // STORED (FORMAT.md): u32 block count, u32 document count, then 24-byte block entries,
        // each starting with its first document.
        for byte in 0..<4 { bytes[Int(stored.offset) + 8 + byte] = UInt8(truncatingIfNeeded: firstDocument >> (8 * UInt32(byte))) }
        let index = try SearchIndex(bytes: bytes)
        #expect(throws: IndexFormatError.self) { try index.product(document: 0) }
        #expect(throws: IndexFormatError.self) { try index.product(document: 11) }
    }

    /// Offsets and limits as large as a caller can pass: the ranks kept are bounded by the
    /// documents that exist, so neither the sum nor the top-k's memory can blow up.
    @Test(arguments: [(Int.max, Int.max), (0, Int.max), (Int.max, 10), (Int.max - 5, 6), (-1, Int.min)])
    func hugeOffsetsAndLimitsGiveAnAnswer(offset: Int, limit: Int) throws {
        let index = try PruningEdgeTests.index([
            Product(id: "a", name: "Alpine kettle", price: 10), Product(id: "b", name: "Alpine mug", price: 20),
        ], name: "limits-\(UUID().uuidString)")
        for query in ["alpine", "", "alpine kettle", "alpne"] {
            let response = try Searcher(index: index).search(SearchRequest(query: query, limit: limit, offset: offset))
            #expect(response.hits.count <= 2)
        }
    }
}
