import CatalogGenerator
import Foundation
import IndexFormat
import Indexer
import TestSupport
import Testing
@testable import Query

/// An index opened from bytes in memory (`SearchIndex(bytes:)`, the bytes of
/// `IndexBuilder.encoded()`) is the index the same bytes make as a file: the builder encodes
/// exactly what it writes, opening runs the same checks with the same errors, and every read
/// answers alike. Tests and fuzzers rely on it to skip the disk.
@Suite struct IndexFromBytesTests {
    /// The same generated catalog built twice: once written to `path`, once encoded.
    static func build(writingTo path: String, productCount: Int = 400) throws -> [UInt8] {
        var forFile = IndexBuilder(), inMemory = IndexBuilder()
        var generator = CatalogGenerator(seed: 5)
        for _ in 0..<productCount {
            let product = generator.next()
            forFile.add(product)
            inMemory.add(product)
        }
        let statistics = try forFile.write(to: path)
        let bytes = try inMemory.encoded()
        #expect(statistics.fileBytes == bytes.count)
        return bytes
    }

    @Test func theEncodedBytesAreTheFileAndAnswerAlike() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("catalog.uplyft")
        let bytes = try Self.build(writingTo: path)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == bytes)

        let fromFile = try SearchIndex(path: path)
        let fromBytes = try SearchIndex(bytes: bytes)
        try fromBytes.verify()
        #expect(fromBytes.header == fromFile.header)
        #expect(fromBytes.metadata == fromFile.metadata)
        #expect(fromBytes.sections == fromFile.sections)
        #expect(fromBytes.fileBytes == fromFile.fileBytes)
        #expect(fromBytes.allCategories() == fromFile.allCategories())
        #expect(fromBytes.allBrands() == fromFile.allBrands())
        for document in 0..<UInt32(fromFile.documentCount) {
            #expect(try fromBytes.product(document: document) == fromFile.product(document: document))
        }
        let requests = [
            SearchRequest(query: "wireless headphones"),
            SearchRequest(query: "cofee mug", limit: 7, sort: .priceAscending),
            SearchRequest(query: "steel", limit: 5, offset: 3, prefixMatching: false, includeProducts: false, countsEveryMatch: false),
            SearchRequest(query: "", filter: SearchFilter(categories: fromFile.allCategories().prefix(1).map(\.name))),
        ]
        for request in requests {
            let expected = try Searcher(index: fromFile).search(request)
            let actual = try Searcher(index: fromBytes).search(request)
            #expect(actual.totalMatches == expected.totalMatches, "\(request.query)")
            #expect(actual.hits.map(\.productID) == expected.hits.map(\.productID), "\(request.query)")
            #expect(actual.hits.map(\.score) == expected.hits.map(\.score), "\(request.query)")
        }
        #expect(fromBytes.suggestions(for: "hedphones") == fromFile.suggestions(for: "hedphones"))
    }

    /// Damage is refused with the very error a damaged file gets (the name standing in for
    /// the path): truncations at open, a flipped byte in any section at the latest by `verify`.
    @Test func damagedBytesAreRefusedAsADamagedFileIs() throws {
        let directory = try TemporaryDirectory()
        let original = try Self.build(writingTo: directory.file("good.uplyft"), productCount: 60)
        var damages: [(name: String, bytes: [UInt8])] = [0, 1, 8, 64, original.count / 2, original.count - 1].map {
            ("cut-\($0)", Array(original.prefix($0)))
        }
        for entry in try SearchIndex(bytes: original).sections where entry.length > 0 {
            var flipped = original
            flipped[Int(entry.offset + entry.length / 2)] ^= 0x5A
            damages.append(("flipped-\(entry.name)", flipped))
        }
        func outcome(_ open: () throws(IndexFormatError) -> SearchIndex) -> IndexFormatError? {
            do {
                try open().verify()
                return nil
            } catch {
                return error
            }
        }
        for damage in damages {
            let path = directory.file(damage.name)
            try Data(damage.bytes).write(to: URL(fileURLWithPath: path))
            let fileError = outcome { () throws(IndexFormatError) in try SearchIndex(path: path) }
            let bytesError = outcome { () throws(IndexFormatError) in try SearchIndex(bytes: damage.bytes, name: path) }
            #expect(fileError != nil, "\(damage.name) was not detected in the file")
            #expect(bytesError == fileError, "\(damage.name)")
        }
    }
}
