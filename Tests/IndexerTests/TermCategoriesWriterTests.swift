import IndexFormat
import Testing
@testable import Indexer

/// TERMCATS as FORMAT.md specifies it: the worked example byte for byte.
@Suite struct TermCategoriesWriterTests {
    static func postings(_ documents: [UInt32]) -> TermPostings {
        var postings = TermPostings()
        let frequencies: [UInt16] = [1, 0, 0, 0, 0]
        for document in documents {
            frequencies.withUnsafeBufferPointer { postings.append(document: document, frequencies: $0) }
        }
        return postings
    }

    @Test func theWorkedExampleOfFormatMd() {
        // Documents 0-3 are in category 1 ("Pet Supplies"), 4-9 in category 0 ("Grocery").
        var writer = TermCategoriesWriter(documentCategories: [1, 1, 1, 1, 0, 0, 0, 0, 0, 0], categoryCount: 2)
        writer.add(Self.postings([0]))           // bed
        writer.add(Self.postings([4, 5, 6, 7]))  // chocol
        writer.add(Self.postings([0, 1, 2, 4]))  // dog
        let expected: [UInt8] = [
            0x03, 0, 0, 0, 0x01, 0, 0, 0, 0x20, 0, 0, 0, 0x02, 0, 0, 0,
            0x00, 0x00, 0x00, 0x40, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0,
            0x01, 0x00,
            0x04, 0x01, 0x00, 0xDD, 0xDD,
            0x04, 0x02, 0x01, 0x22, 0xA2, 0x00, 0xDE, 0x5D,
        ]
        #expect(writer.finish() == expected)
    }

    @Test func documentsWithoutACategoryAreNotCountedAndBlocksStartEvery32Terms() {
        var writer = TermCategoriesWriter(documentCategories: [0, StoredFormat.noOrdinal, 0], categoryCount: 1)
        for _ in 0..<33 { writer.add(Self.postings([0, 1, 2])) }
        let bytes = writer.finish()
        // Two blocks; each entry is support 2 (document 1 has no category), one category.
        #expect(bytes[4] == 2)
        let entryLength = 5
        #expect(Array(bytes[32..<40]) == [0, 0, 0, 0, UInt8(32 * entryLength), 0, 0, 0])
        #expect(Array(bytes[40..<45]) == [0x02, 0x01, 0x00, 0xFF, 0xFF])
        #expect(bytes.count == 40 + 33 * entryLength)
    }
}
