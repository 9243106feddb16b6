import Foundation
import Query

/// `uplyft synonyms [FILE] [--json]`: reads a synonyms file as the server and `uplyft search`
/// would, and lists its rules, or names the line that is wrong (exit 1).
enum SynonymsCommand {
    static let usage = """
        usage: uplyft synonyms [FILE] [--json]
          FILE     the synonyms file (default: $UPLYFT_SYNONYMS)
          --json   the rules as one JSON array
        file format (README, "Synonyms"): one rule a line, `#` starts a comment;
          tv, television          each phrase finds products with the others
          hoodie => hooded sweatshirt   the left finds the right (and itself), not the reverse
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        if arguments.contains("--help") {
            print(usage)
            return 0
        }
        let options = try CommandLineArguments(arguments, valueOptions: [], flagOptions: ["--json"])
        guard options.positional.count <= 1 else { throw UsageError("give one synonyms file\n\(usage)") }
        guard let path = options.positional.first ?? environmentPath else {
            throw UsageError("give a synonyms file (or set UPLYFT_SYNONYMS)\n\(usage)")
        }
        let table = try SynonymTable(contentsOf: path)
        if options.flag("--json") {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(table.rules), as: UTF8.self))
            return 0
        }
        print("\(path): \(table.rules.count) rules")
        for rule in table.rules {
            let text = rule.isOneWay
                ? "\(rule.from.joined(separator: ", ")) => \(rule.to.joined(separator: ", "))"
                : rule.from.joined(separator: ", ")
            print("  line \(rule.line): \(text)")
        }
        return 0
    }

    /// The table `--synonyms` names, else the one `UPLYFT_SYNONYMS` names, else none.
    static func table(path: String?) throws(SynonymFileError) -> SynonymTable {
        guard let path = path ?? environmentPath else { return .empty }
        return try SynonymTable(contentsOf: path)
    }

    private static var environmentPath: String? {
        guard let path = ProcessInfo.processInfo.environment["UPLYFT_SYNONYMS"], !path.isEmpty else { return nil }
        return path
    }
}
