import CatalogGenerator
import Foundation
import Indexer
import Query
import Testing

/// Damaged index files libFuzzer found (scripts/fuzz.sh, FuzzIndexReader) that made the reader
/// trap instead of refusing them. Opening checks only the header and section-table checksums,
/// so damaged section contents must be caught by the decoders themselves.
@Suite struct IndexFuzzRegressionTests {
    /// A small index, as bytes.
    private func smallIndex() throws -> [UInt8] {
        var generator = CatalogGenerator(seed: 7)
        var builder = IndexBuilder()
        for _ in 0..<12 { builder.add(generator.next()) }
        return try builder.encoded()
    }

    /// Every TERMS block entry's first postings offset set to 2^64-1: the reader clamps it to
    /// Int.max, and adding the first term's postings length overflowed (a trap) on lookups of
    /// any term but a block's first. It must throw `IndexFormatError` instead.
    @Test func postingsOffsetNearIntMaxIsRefusedNotTrapped() throws {
        var bytes = try smallIndex()
        let terms = try #require(try SearchIndex(bytes: bytes).sections.first { $0.name == "TERMS" })
        // TERMS (FORMAT.md): u32 term count, u32 block count, ..., then 16-byte block entries
        // from byte 32, each starting with the block's u64 first postings offset.
        let section = Int(terms.offset)
        let blockCount = (0..<4).reduce(0) { $0 | Int(bytes[section + 4 + $1]) << (8 * $1) }
        try #require(blockCount > 0)
        for block in 0..<blockCount {
            for byte in 0..<8 { bytes[section + 32 + block * 16 + byte] = 0xFF }
        }

        let index = try SearchIndex(bytes: bytes)
        let searcher = Searcher(index: index)
        // Lookups visit terms past their block's first, so at least one must meet the damage.
        var refusals = 0
        for word in ["coffee", "headphones", "shoes", "blue", "wireless", "cotton", "steel", "lamp"] {
            do {
                _ = try searcher.search(SearchRequest(query: word))
            } catch {
                refusals += 1
            }
        }
        #expect(refusals > 0)
    }
}
