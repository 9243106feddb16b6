import Catalog
import Foundation
import IndexFormat
import Indexer
import Query

/// `uplyft index CATALOG.jsonl -o INDEX [--strict|--skip-bad] [--if-changed] [--threads N]` builds an index;
/// `uplyft index --verify INDEX` checks every checksum of one.
enum IndexCommand {
    static let usage = """
        usage: uplyft index CATALOG.jsonl -o INDEX [--strict | --skip-bad] [--if-changed] [--threads N]
               uplyft index --verify INDEX
          --skip-bad    report and skip malformed catalog lines (default)
          --strict      stop at the first malformed line
          --if-changed  do nothing when INDEX already holds this catalog's content (same
                        SHA-256 recorded, every checksum good, this build's format); `make run`
                        uses it, so only a changed catalog is indexed again
          --threads N   threads that analyse and encode (default: the available cores, at
                        most \(maximumThreads)); the index is the same bytes for any N
        missing directories above INDEX are created.
        """
    /// Bad lines printed one by one before only counting: enough to fix a feed, not a flood.
    static let reportedBadLineLimit = 20
    /// More threads than this only add hand-overs and memory (each holds its own vocabulary).
    static let maximumThreads = 64

    static func run(_ arguments: [String]) throws -> Int32 {
        if arguments.contains("--help") {
            print(usage)
            return 0
        }
        let options = try CommandLineArguments(arguments, valueOptions: ["-o", "--output", "--threads"], flagOptions: ["--strict", "--skip-bad", "--verify", "--if-changed"])
        if options.flag("--verify") {
            guard options.positional.count == 1 else { throw UsageError("--verify takes one index file\n\(usage)") }
            return try verify(path: options.positional[0])
        }
        guard options.positional.count == 1 else { throw UsageError("give one catalog file\n\(usage)") }
        guard let output = options.string("-o") ?? options.string("--output") else { throw UsageError("-o INDEX is required\n\(usage)") }
        guard !(options.flag("--strict") && options.flag("--skip-bad")) else { throw UsageError("--strict and --skip-bad exclude each other") }
        return try build(catalog: options.positional[0], output: output, policy: options.flag("--strict") ? .strict : .skipBad,
                         onlyIfChanged: options.flag("--if-changed"), threads: try threadCount(options.string("--threads")))
    }

    /// Builds `output` from `catalog`; with `onlyIfChanged`, first asks `IndexFreshness`
    /// and prints one line either way (skipped, or why it is rebuilt).
    /// `--threads` as given (a whole number from 1 to `maximumThreads`), or the available cores.
    static func threadCount(_ given: String?) throws -> Int {
        guard let given else { return min(maximumThreads, ProcessInfo.processInfo.activeProcessorCount) }
        guard let count = Int(given), (1...maximumThreads).contains(count) else {
            throw UsageError("--threads takes a whole number from 1 to \(maximumThreads), not \"\(given)\"")
        }
        return count
    }

    private static func build(catalog: String, output: String, policy: BadLinePolicy, onlyIfChanged: Bool, threads: Int) throws -> Int32 {
        let start = Date()
        let checksum = try CatalogChecksum.sha256(ofFileAt: catalog)
        if onlyIfChanged {
            switch IndexFreshness.check(indexPath: output, catalogChecksum: checksum) {
            case .upToDate:
                print("\(output) is up to date: built from this content of \(catalog) (\(checksum)); not rebuilt")
                return 0
            case .stale(let reason):
                print("rebuilding \(output) from \(catalog): \(reason)")
            }
        }
        try OutputDirectory.createParents(of: output)
        var reader = try CatalogReader(path: catalog, policy: policy)
        var builder = IndexBuilder(threads: threads)
        builder.catalogChecksum = checksum
        var reported = 0
        let summary = try reader.forEach(onBadLine: { error in
            if reported < reportedBadLineLimit { printError("\(catalog): \(error)") }
            reported += 1
        }) { product in
            builder.add(product)
        }
        if reported > reportedBadLineLimit {
            printError("\(catalog): \(reported - reportedBadLineLimit) more bad lines not shown")
        }
        // The digest was taken before reading; a catalog replaced or edited while it was read
        // would be recorded with a checksum of other bytes than the ones indexed, and a later
        // --if-changed would trust the mix. Refuse instead: the old index stays as it was.
        guard try CatalogChecksum.sha256(ofFileAt: catalog) == checksum else {
            throw CatalogChangedError(path: catalog)
        }
        let statistics = try builder.write(to: output)
        let seconds = Date().timeIntervalSince(start)
        print("indexed \(statistics.productCount) products from \(catalog) into \(output)")
        print("  terms \(statistics.termCount), words \(statistics.wordCount), categories \(statistics.categoryCount), brands \(statistics.brandCount)")
        print("  size \(statistics.fileBytes) bytes (\(formatMegabytes(statistics.fileBytes))), \(String(format: "%.2f", seconds)) seconds")
        print("  catalog \(checksum)")
        if summary.badLineCount > 0 {
            print("  skipped \(summary.badLineCount) bad lines (see above)")
        }
        if !summary.unknownFieldCounts.isEmpty {
            let fields = summary.unknownFieldCounts.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
            print("  ignored unknown fields: \(fields)")
        }
        return 0
    }

    private static func verify(path: String) throws -> Int32 {
        let index = try SearchIndex(path: path)
        try index.verify()
        print("\(path): OK, format version \(index.header.formatVersion), \(index.documentCount) products, \(index.metadata.termCount) terms, \(index.sections.count) sections, \(index.fileBytes) bytes; all checksums match")
        print("  catalog \(index.metadata.catalogChecksum?.description ?? "checksum not recorded")")
        // What a node serving this file reports as index_generation (scripts/rollout-index.sh).
        print("  generation \(index.generation)")
        return 0
    }

    struct CatalogChangedError: Error, CustomStringConvertible {
        let path: String
        var description: String { "\(path) changed while it was being indexed; the index was not written: run again once it is complete" }
    }

    static func formatMegabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
