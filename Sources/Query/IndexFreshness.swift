import Analysis
import IndexFormat
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether an index file already holds a given catalog, so that building it again would give
/// the same file: the question `uplyft index --if-changed` (and so every `make run`) asks.
///
/// Decided from content, never from file times: the index must exist, open, pass `verify()`
/// (every checksum), have been written with this build's format and text-analysis versions, and
/// record in META the same catalog SHA-256 as the catalog now has. Anything else, including an
/// index built by hand from another catalog or one built from products in memory (no checksum
/// recorded), is `.stale`, with the reason in words for the one line the CLI prints.
///
/// The versions stand for the indexer's behaviour: a change to the indexer that changes the
/// bytes it writes for the same catalog must bump one of them (FORMAT.md, "Versions").
public enum IndexFreshness: Equatable, Sendable {
    /// The file holds exactly this catalog, written by this build's format and analysis.
    case upToDate
    /// The file must be built; `reason` completes "rebuilding INDEX: ...".
    case stale(reason: String)

    /// Checks the index at `indexPath` against a catalog whose SHA-256 is `catalogChecksum`.
    /// Reads the whole index once (for its checksums); never throws: a file that cannot be read
    /// is simply stale.
    public static func check(indexPath: String, catalogChecksum: CatalogChecksum) -> IndexFreshness {
        let index: SearchIndex
        do {
            index = try SearchIndex(path: indexPath)
            try index.verify()
        } catch {
            if case .io(_, "open", ENOENT) = error { return .stale(reason: "it does not exist yet") }
            return .stale(reason: "it cannot be used as it is (\(error))")
        }
        guard index.header.formatVersion == IndexFileLayout.formatVersion else {
            return .stale(reason: "it has format version \(index.header.formatVersion); this build writes \(IndexFileLayout.formatVersion)")
        }
        guard index.header.analyzerVersion == TextAnalyzer.version else {
            return .stale(reason: "its terms come from text analysis version \(index.header.analyzerVersion); this build uses \(TextAnalyzer.version)")
        }
        guard let recorded = index.metadata.catalogChecksum else {
            return .stale(reason: "it records no catalog checksum (built from products in memory)")
        }
        guard recorded == catalogChecksum else {
            return .stale(reason: "it was built from another catalog (\(recorded); this catalog is \(catalogChecksum))")
        }
        return .upToDate
    }
}
