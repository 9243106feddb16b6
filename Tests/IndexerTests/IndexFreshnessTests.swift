import Analysis
import Catalog
import Foundation
import IndexFormat
import Testing
import TestSupport
@testable import Indexer
@testable import Query

/// `IndexFreshness`, the decision behind `uplyft index --if-changed`: made from the catalog's
/// content recorded in the index, never from file times.
@Suite struct IndexFreshnessTests {
    /// Writes `products` as a JSON Lines catalog at `path`.
    private func writeCatalog(_ products: [Product], to path: String) throws {
        let text = products.map { CatalogLineEncoder.encode($0) + "\n" }.joined()
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Indexes the catalog file as `uplyft index` does: its SHA-256 recorded in META.
    private func index(catalog: String, into path: String) throws {
        var reader = try CatalogReader(path: catalog, policy: .skipBad)
        var builder = IndexBuilder()
        builder.catalogChecksum = try CatalogChecksum.sha256(ofFileAt: catalog)
        _ = try reader.forEach { builder.add($0) }
        _ = try builder.write(to: path)
    }

    private func freshness(_ index: String, _ catalog: String) throws -> IndexFreshness {
        IndexFreshness.check(indexPath: index, catalogChecksum: try CatalogChecksum.sha256(ofFileAt: catalog))
    }

    private func isStale(_ freshness: IndexFreshness, saying words: String) -> Bool {
        if case .stale(let reason) = freshness { return reason.contains(words) }
        return false
    }

    @Test func theSameCatalogIsUpToDateWhateverItsFileTimes() throws {
        let directory = try TemporaryDirectory()
        var random = RandomCatalog(seed: 31)
        try writeCatalog(random.products(120), to: directory.file("catalog.jsonl"))
        try index(catalog: directory.file("catalog.jsonl"), into: directory.file("catalog.uplyft"))
        #expect(try freshness(directory.file("catalog.uplyft"), directory.file("catalog.jsonl")) == .upToDate)

        // A catalog newer than the index, and a copy elsewhere: same content, still up to date.
        let later = Date().addingTimeInterval(3600)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: directory.file("catalog.jsonl"))
        try FileManager.default.copyItem(atPath: directory.file("catalog.jsonl"), toPath: directory.file("copy.jsonl"))
        #expect(try freshness(directory.file("catalog.uplyft"), directory.file("catalog.jsonl")) == .upToDate)
        #expect(try freshness(directory.file("catalog.uplyft"), directory.file("copy.jsonl")) == .upToDate)
    }

    @Test func oneChangedByteMakesItStaleEvenWhenTheIndexIsNewer() throws {
        let directory = try TemporaryDirectory()
        var random = RandomCatalog(seed: 32)
        try writeCatalog(random.products(120), to: directory.file("catalog.jsonl"))
        try index(catalog: directory.file("catalog.jsonl"), into: directory.file("catalog.uplyft"))
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: directory.file("catalog.jsonl"))))
        let position = try #require(bytes.lastIndex(of: UInt8(ascii: "a")))
        bytes[position] = UInt8(ascii: "b")
        try Data(bytes).write(to: URL(fileURLWithPath: directory.file("catalog.jsonl")))
        // The index is the newer file: a time-based rule would keep it.
        let earlier = Date().addingTimeInterval(-3600)
        try FileManager.default.setAttributes([.modificationDate: earlier], ofItemAtPath: directory.file("catalog.jsonl"))
        #expect(isStale(try freshness(directory.file("catalog.uplyft"), directory.file("catalog.jsonl")), saying: "another catalog"))
    }

    @Test func anIndexBuiltFromAnotherCatalogIsStale() throws {
        let directory = try TemporaryDirectory()
        var random = RandomCatalog(seed: 33)
        try writeCatalog(random.products(80), to: directory.file("mine.jsonl"))
        try writeCatalog(random.products(80), to: directory.file("corpus.jsonl"))
        try index(catalog: directory.file("mine.jsonl"), into: directory.file("catalog.uplyft"))
        let mine = try CatalogChecksum.sha256(ofFileAt: directory.file("mine.jsonl"))
        let verdict = try freshness(directory.file("catalog.uplyft"), directory.file("corpus.jsonl"))
        // The reason names both checksums, so an operator sees which catalog the index holds.
        #expect(isStale(verdict, saying: mine.hex), "\(verdict)")
        #expect(try freshness(directory.file("catalog.uplyft"), directory.file("mine.jsonl")) == .upToDate)
    }

    @Test func aDamagedOrMissingIndexIsStale() throws {
        let directory = try TemporaryDirectory()
        var random = RandomCatalog(seed: 34)
        try writeCatalog(random.products(150), to: directory.file("catalog.jsonl"))
        try index(catalog: directory.file("catalog.jsonl"), into: directory.file("catalog.uplyft"))
        let good = Array(try Data(contentsOf: URL(fileURLWithPath: directory.file("catalog.uplyft"))))
        // One flipped byte deep in the file: opening (header and table only) does not notice,
        // only the full verification does.
        var damaged = good
        damaged[good.count - 100] ^= 0x01
        try Data(damaged).write(to: URL(fileURLWithPath: directory.file("catalog.uplyft")))
        #expect(isStale(try freshness(directory.file("catalog.uplyft"), directory.file("catalog.jsonl")), saying: "cannot be used"))
        try Data(good.prefix(good.count / 2)).write(to: URL(fileURLWithPath: directory.file("catalog.uplyft")))
        #expect(isStale(try freshness(directory.file("catalog.uplyft"), directory.file("catalog.jsonl")), saying: "cannot be used"))
        #expect(isStale(try freshness(directory.file("missing.uplyft"), directory.file("catalog.jsonl")), saying: "does not exist"))
    }

    @Test func anIndexWithoutARecordedChecksumOrOfAnOlderFormatIsStale() throws {
        let directory = try TemporaryDirectory()
        var random = RandomCatalog(seed: 35)
        let products = random.products(60)
        try writeCatalog(products, to: directory.file("catalog.jsonl"))
        var builder = IndexBuilder()
        for product in products { builder.add(product) }
        _ = try builder.write(to: directory.file("memory.uplyft"))
        #expect(isStale(try freshness(directory.file("memory.uplyft"), directory.file("catalog.jsonl")), saying: "no catalog checksum"))

        // The same catalog with its checksum, but written as format version 1.
        try index(catalog: directory.file("catalog.jsonl"), into: directory.file("v2.uplyft"))
        try VersionOneIndex.write(from: directory.file("v2.uplyft"), to: directory.file("v1.uplyft"))
        #expect(isStale(try freshness(directory.file("v1.uplyft"), directory.file("catalog.jsonl")), saying: "format version 1"))
    }
}
