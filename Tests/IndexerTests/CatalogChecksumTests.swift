import Analysis
import Catalog
import Foundation
import IndexFormat
import Testing
import TestSupport
@testable import Indexer
@testable import Query

/// The catalog's SHA-256 in META (FORMAT.md, format version 2): computed right, written,
/// read back, and version 1 files (no checksum) still readable.
@Suite struct CatalogChecksumTests {
    private func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// FIPS 180-4 examples ("abc", the empty message, the two-block message) and a message of
    /// several read chunks, whose digest Python's hashlib gives
    /// (`hashlib.sha256(b"a" * (5 << 19)).hexdigest()`).
    @Test func digestsMatchTheStandardExamples() throws {
        let directory = try TemporaryDirectory()
        let cases: [(String, String)] = [
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ]
        for (number, (message, digest)) in cases.enumerated() {
            let path = directory.file("message-\(number)")
            try write(message, to: path)
            #expect(try CatalogChecksum.sha256(ofFileAt: path).hex == digest, "\(message.debugDescription)")
        }
        // 2.5 MiB of 'a': three reads of the 1 MiB chunk, the last one short.
        let path = directory.file("long")
        try Data(repeating: UInt8(ascii: "a"), count: 5 << 19).write(to: URL(fileURLWithPath: path))
        #expect(try CatalogChecksum.sha256(ofFileAt: path).hex == "b19fda75b6c96f0cd6a27a6c371352dbe76e5a5f4ac1a10fb1352df725eb04be")
    }

    @Test func missingFileAndDirectoryAreClearErrors() throws {
        let directory = try TemporaryDirectory()
        do {
            _ = try CatalogChecksum.sha256(ofFileAt: directory.file("missing.jsonl"))
            Issue.record("hashed a missing file")
        } catch {
            #expect(error.description.contains("missing.jsonl") && error.description.contains("No such file"), "\(error)")
        }
        #expect(throws: CatalogReadError.self) { _ = try CatalogChecksum.sha256(ofFileAt: directory.path) }
    }

    @Test func hexRoundTripsAndZeroMeansNotRecorded() throws {
        let text = "00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff"
        let checksum = try #require(CatalogChecksum(hex: text))
        #expect(checksum.hex == text.lowercased())
        #expect(CatalogChecksum(hex: checksum.hex) == checksum)
        #expect(CatalogChecksum(hex: String(text.dropLast())) == nil)
        #expect(CatalogChecksum(hex: String(text.dropLast()) + "g") == nil)
        #expect(CatalogChecksum(bytes: [UInt8](repeating: 0, count: 32)) == nil)
        #expect(CatalogChecksum(bytes: [UInt8](repeating: 1, count: 31)) == nil)
        #expect(CatalogChecksum.encoded(nil) == [UInt8](repeating: 0, count: 32))
        #expect(CatalogChecksum.encoded(checksum) == checksum.bytes)
    }

    @Test func theChecksumGivenToTheBuilderReadsBackFromMeta() throws {
        let directory = try TemporaryDirectory()
        var random = RandomCatalog(seed: 5)
        let checksum = try #require(CatalogChecksum(bytes: (0..<32).map { UInt8($0 * 7 + 1) }))
        var builder = IndexBuilder()
        for product in random.products(50) { builder.add(product) }
        builder.catalogChecksum = checksum
        _ = try builder.write(to: directory.file("with.uplyft"))
        let index = try SearchIndex(path: directory.file("with.uplyft"))
        try index.verify()
        #expect(index.header.formatVersion == 3)
        #expect(index.metadata.catalogChecksum == checksum)

        var plain = IndexBuilder()
        for product in random.products(50) { plain.add(product) }
        _ = try plain.write(to: directory.file("without.uplyft"))
        #expect(try SearchIndex(path: directory.file("without.uplyft")).metadata.catalogChecksum == nil)
    }

    /// Versions 1 and 2 have no TERMCATS section (each term's categories, which the chat
    /// needs): made here from a fresh build as their writers laid them out, they are refused as
    /// unsupported versions, with advice to rebuild, not opened half-able.
    @Test func olderFormatVersionsAreRefusedWithAdviceToRebuild() throws {
        let directory = try TemporaryDirectory()
        var random = RandomCatalog(seed: 8)
        var builder = IndexBuilder()
        for product in random.products(200) { builder.add(product) }
        builder.catalogChecksum = CatalogChecksum(bytes: [UInt8](repeating: 0xAB, count: 32))
        _ = try builder.write(to: directory.file("v3.uplyft"))
        try VersionOneIndex.write(from: directory.file("v3.uplyft"), to: directory.file("v1.uplyft"))
        try VersionOneIndex.write(from: directory.file("v3.uplyft"), to: directory.file("v2.uplyft"), version: 2)

        for version in [UInt32(1), 2] {
            do {
                _ = try SearchIndex(path: directory.file("v\(version).uplyft"))
                Issue.record("opened a version \(version) file")
            } catch {
                #expect(error == .unsupportedVersion(found: version, supported: 3...3))
                #expect(error.description.contains("rebuild the index"))
            }
        }
    }
}
