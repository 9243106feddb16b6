import Analysis
import Foundation
import IndexFormat
@testable import Indexer
@testable import Query

/// Makes a file of an older format version from a current one, for the tests that old files
/// are refused or rebuilt (FORMAT.md, "Versions"): version 2 is version 3 without the TERMCATS
/// section, and version 1 is version 2 without the 32 catalog-checksum bytes at the end of
/// META; everything else is rewritten with the same sections.
enum VersionOneIndex {
    static func write(from currentPath: String, to path: String, version: UInt32 = 1) throws {
        let current = try SearchIndex(path: currentPath)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: currentPath)))
        var sections: [(SectionID, [UInt8])] = []
        for entry in current.sections {
            guard let id = SectionID.allCases.first(where: { $0.tag == entry.tag }), id != .termCategories else { continue }
            var section = Array(bytes[Int(entry.offset)..<Int(entry.offset + entry.length)])
            if id == .meta, version == 1 { section.removeLast(CatalogChecksum.byteCount) }
            sections.append((id, section))
        }
        _ = try IndexFileAssembler.write(sections: sections, analyzerVersion: TextAnalyzer.version, formatVersion: version, to: path)
    }
}
