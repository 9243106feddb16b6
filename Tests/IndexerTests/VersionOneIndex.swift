import Analysis
import Foundation
import IndexFormat
@testable import Indexer
@testable import Query

/// Makes a format version 1 file from a current one, for the tests that old files still read:
/// version 1 is version 2 without the 32 catalog-checksum bytes at the end of META
/// (FORMAT.md, "Versions"); everything else is rewritten with the same sections.
enum VersionOneIndex {
    static func write(from currentPath: String, to path: String) throws {
        let current = try SearchIndex(path: currentPath)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: currentPath)))
        var sections: [(SectionID, [UInt8])] = []
        for entry in current.sections {
            guard let id = SectionID.allCases.first(where: { $0.tag == entry.tag }) else { continue }
            var section = Array(bytes[Int(entry.offset)..<Int(entry.offset + entry.length)])
            if id == .meta { section.removeLast(CatalogChecksum.byteCount) }
            sections.append((id, section))
        }
        _ = try IndexFileAssembler.write(sections: sections, analyzerVersion: TextAnalyzer.version, formatVersion: 1, to: path)
    }
}
