import Foundation
import Testing
@testable import Catalog

/// Catalogs libFuzzer found (scripts/fuzz.sh, FuzzCatalogLine) that the reader judged
/// differently depending on where its read chunks split them.
@Suite struct CatalogReaderFuzzRegressionTests {
    private func badLines(_ text: String, chunkBytes: Int, maxLineBytes: Int) throws -> [Int] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("uplyft-fuzz-catalog-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var reader = try CatalogReader(path: path, policy: .skipBad, chunkBytes: chunkBytes, maxLineBytes: maxLineBytes)
        var bad: [Int] = []
        _ = try reader.forEach(onBadLine: { bad.append($0.line) }) { _ in }
        return bad
    }

    /// A line whose content is exactly the limit but which ends in CRLF (or starts with a BOM)
    /// was accepted when read in one chunk and refused as overlong when a chunk boundary fell
    /// before its end: the carried tail counted the CR and BOM that the limit does not.
    @Test func lineAtTheLimitWithCRLFOrBOMIsJudgedTheSameInAnyChunking() throws {
        let line = #"{"id":"a","name":"b"}"#
        let limit = line.utf8.count
        for text in [line + "\r\n" + line.replacingOccurrences(of: "\"a\"", with: "\"c\"") + "\r\n",
                     "\u{FEFF}" + line + "\r\n", " \r\n" + line + "\n"] {
            let wholeChunk = try badLines(text, chunkBytes: 1 << 16, maxLineBytes: limit)
            #expect(wholeChunk == [])
            for chunkBytes in 1...8 {
                #expect(try badLines(text, chunkBytes: chunkBytes, maxLineBytes: limit) == wholeChunk, "chunks of \(chunkBytes)")
            }
        }
    }

    /// The limit still holds: one byte of content over it is refused in any chunking.
    @Test func lineOneByteOverTheLimitIsRefusedInAnyChunking() throws {
        let line = #"{"id":"a","name":"bb"}"#
        for chunkBytes in [1, 3, 1 << 16] {
            #expect(try badLines(line + "\r\n", chunkBytes: chunkBytes, maxLineBytes: line.utf8.count - 1) == [1])
        }
    }
}
