import Catalog
import Foundation
import IndexFormat
import Testing
import TestSupport
@testable import Indexer
@testable import Query

/// A damaged index file is refused with an error naming what failed, never read out of bounds.
@Suite struct CorruptIndexTests {
    private func buildSample(at path: String) throws -> [UInt8] {
        var random = RandomCatalog(seed: 21)
        var builder = IndexBuilder()
        for product in random.products(600) { builder.add(product) }
        _ = try builder.write(to: path)
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test func flippedByteInEachSectionIsNamedByVerify() throws {
        let directory = try TemporaryDirectory()
        let original = try buildSample(at: directory.file("good.uplyft"))
        let index = try SearchIndex(path: directory.file("good.uplyft"))
        try index.verify()
        for entry in index.sections where entry.length > 0 {
            var damaged = original
            damaged[Int(entry.offset + entry.length / 2)] ^= 0x5A
            let path = directory.file("bad-\(entry.name).uplyft")
            try write(damaged, to: path)
            do {
                // Opening may already fail for small header-bearing sections; verify always must.
                let opened = try SearchIndex(path: path)
                try opened.verify()
                Issue.record("damage in \(entry.name) was not detected")
            } catch {
                if case .checksumMismatch(let section, _, _) = error {
                    #expect(section == entry.name)
                } else {
                    #expect(error.description.contains(entry.name), "\(entry.name): \(error)")
                }
            }
        }
    }

    @Test func truncatedFilesAreRefusedAtOpen() throws {
        let directory = try TemporaryDirectory()
        let original = try buildSample(at: directory.file("good.uplyft"))
        for length in [0, 1, 7, 8, 63, 64, 65, original.count / 3, original.count / 2, original.count - 17, original.count - 1] {
            let path = directory.file("cut-\(length).uplyft")
            try write(Array(original.prefix(length)), to: path)
            #expect(throws: IndexFormatError.self, "length \(length)") { _ = try SearchIndex(path: path) }
        }
    }

    @Test func foreignAndMissingFiles() throws {
        let directory = try TemporaryDirectory()
        try write(Array("{\"id\":\"1\",\"name\":\"not an index\"}\n".utf8) + [UInt8](repeating: 32, count: 100), to: directory.file("catalog.jsonl"))
        #expect(throws: IndexFormatError.notAnIndex(path: directory.file("catalog.jsonl"))) {
            _ = try SearchIndex(path: directory.file("catalog.jsonl"))
        }
        do {
            _ = try SearchIndex(path: directory.file("missing.uplyft"))
            Issue.record("opened a missing file")
        } catch {
            guard case .io(_, "open", ENOENT) = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test func wrongVersionIsReportedAsSuch() throws {
        let directory = try TemporaryDirectory()
        var bytes = try buildSample(at: directory.file("good.uplyft"))
        bytes[8] = 4
        try write(bytes, to: directory.file("v4.uplyft"))
        #expect(throws: IndexFormatError.unsupportedVersion(found: 4, supported: 3...3)) {
            _ = try SearchIndex(path: directory.file("v4.uplyft"))
        }
    }

    /// Random damage anywhere may or may not be noticed at open, but searching the damaged
    /// index must never crash or hang; verify must always notice.
    @Test func randomDamageNeverCrashesSearches() throws {
        let directory = try TemporaryDirectory()
        let original = try buildSample(at: directory.file("good.uplyft"))
        var random = RandomCatalog(seed: 77)
        for round in 0..<60 {
            var damaged = original
            for _ in 0..<(1 + Int(random.nextRandom() % 8)) {
                let position = IndexFileLayout.headerSize + Int(random.nextRandom() % UInt64(original.count - IndexFileLayout.headerSize - 16))
                damaged[position] = UInt8(truncatingIfNeeded: random.nextRandom())
            }
            let path = directory.file("damaged-\(round).uplyft")
            try write(damaged, to: path)
            guard let index = try? SearchIndex(path: path) else { continue }
            #expect(throws: IndexFormatError.self) { try index.verify() }
            let searcher = Searcher(index: index)
            for query in ["wireless headphones", "cofee", "wh-1000xm5", "the", "leath", "black boots for running"] {
                _ = try? searcher.search(SearchRequest(query: query, limit: 5))
            }
            for document in 0..<UInt32(index.documentCount) where document % 50 == 0 {
                _ = try? index.product(document: document)
            }
        }
    }

    @Test func aFailedWriteLeavesTheExistingIndexInPlace() throws {
        let directory = try TemporaryDirectory()
        let original = try buildSample(at: directory.file("live.uplyft"))
        // The target's directory does not exist: the write fails before touching anything.
        var builder = IndexBuilder()
        builder.add(Product(id: "x", name: "x"))
        #expect(throws: IndexFormatError.self) { _ = try builder.write(to: directory.file("no-such-dir/live.uplyft")) }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: directory.file("live.uplyft")))) == original)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func replacingTheFileKeepsAnOpenIndexReadable() throws {
        let directory = try TemporaryDirectory()
        _ = try buildSample(at: directory.file("live.uplyft"))
        let before = try SearchIndex(path: directory.file("live.uplyft"))
        let countBefore = try Searcher(index: before).search(SearchRequest(query: "wireless")).totalMatches
        var builder = IndexBuilder()
        builder.add(Product(id: "new", name: "Brand new wireless thing"))
        _ = try builder.write(to: directory.file("live.uplyft"))
        // The old mapping still answers (the renamed-over inode lives until released)...
        #expect(try Searcher(index: before).search(SearchRequest(query: "wireless")).totalMatches == countBefore)
        // ...and a new open sees the new catalog.
        let after = try SearchIndex(path: directory.file("live.uplyft"))
        #expect(try Searcher(index: after).search(SearchRequest(query: "wireless")).hits.map(\.productID) == ["new"])
    }
}
