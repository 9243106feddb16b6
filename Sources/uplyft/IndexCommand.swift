import Catalog
import Foundation
import Indexer
import Query

/// `uplyft index CATALOG.jsonl -o INDEX [--strict|--skip-bad]` builds an index;
/// `uplyft index --verify INDEX` checks every checksum of one.
enum IndexCommand {
    static let usage = """
        usage: uplyft index CATALOG.jsonl -o INDEX [--strict | --skip-bad]
               uplyft index --verify INDEX
          --skip-bad  report and skip malformed catalog lines (default)
          --strict    stop at the first malformed line
        """
    /// Bad lines printed one by one before only counting: enough to fix a feed, not a flood.
    static let reportedBadLineLimit = 20

    static func run(_ arguments: [String]) throws -> Int32 {
        if arguments.contains("--help") {
            print(usage)
            return 0
        }
        let options = try CommandLineArguments(arguments, valueOptions: ["-o", "--output"], flagOptions: ["--strict", "--skip-bad", "--verify"])
        if options.flag("--verify") {
            guard options.positional.count == 1 else { throw UsageError("--verify takes one index file\n\(usage)") }
            return try verify(path: options.positional[0])
        }
        guard options.positional.count == 1 else { throw UsageError("give one catalog file\n\(usage)") }
        guard let output = options.string("-o") ?? options.string("--output") else { throw UsageError("-o INDEX is required\n\(usage)") }
        guard !(options.flag("--strict") && options.flag("--skip-bad")) else { throw UsageError("--strict and --skip-bad exclude each other") }
        return try build(catalog: options.positional[0], output: output, policy: options.flag("--strict") ? .strict : .skipBad)
    }

    private static func build(catalog: String, output: String, policy: BadLinePolicy) throws -> Int32 {
        let start = Date()
        var reader = try CatalogReader(path: catalog, policy: policy)
        var builder = IndexBuilder()
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
        let statistics = try builder.write(to: output)
        let seconds = Date().timeIntervalSince(start)
        print("indexed \(statistics.productCount) products from \(catalog) into \(output)")
        print("  terms \(statistics.termCount), words \(statistics.wordCount), categories \(statistics.categoryCount), brands \(statistics.brandCount)")
        print("  size \(statistics.fileBytes) bytes (\(formatMegabytes(statistics.fileBytes))), \(String(format: "%.2f", seconds)) seconds")
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
        return 0
    }

    static func formatMegabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
