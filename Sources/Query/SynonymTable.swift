import Analysis
import Foundation

/// The operator's synonyms: which words or phrases a query word may also stand for, applied
/// at query time (no index rebuild), as Elasticsearch's and Solr's `synonyms.txt`.
///
/// File format (UTF-8 text, one rule a line; README, "Synonyms"):
/// - `tv, television, telly`: multi-way; any of the phrases finds products with any other.
/// - `hoodie => hooded sweatshirt`: one-way; a query with "hoodie" also finds "hooded
///   sweatshirt", a query with "hooded sweatshirt" does not find "hoodie". Several phrases may
///   stand on either side (`sawzall, recip saw => reciprocating saw`).
/// - `#` starts a comment; blank lines are skipped.
/// Unlike Solr's one-way rules, the typed phrase itself is kept: a product that says "hoodie"
/// still matches "hoodie". Phrases are compared after the one analysis chain, so "Hoodies",
/// "hoodie" and "HOODIE" are one phrase, and "t-shirt" is the one word "tshirt".
public struct SynonymTable: Sendable, Equatable {
    /// One rule as written, for `uplyft synonyms` and the health endpoint.
    public struct Rule: Sendable, Equatable, Codable {
        /// 1-based line in the file.
        public let line: Int
        /// The phrases a query may contain (every phrase of a multi-way rule).
        public let from: [String]
        /// The phrases those also stand for (empty for a multi-way rule: each other).
        public let to: [String]
        public var isOneWay: Bool { !to.isEmpty }
    }

    /// The file the table was read from, nil for a table built in memory.
    public let path: String?
    public let rules: [Rule]
    /// Analysed phrase (its terms) to the analysed phrases it also stands for.
    let alternativesByPhrase: [[[UInt8]]: [[[UInt8]]]]
    /// Words in the longest phrase: how far ahead a query is compared.
    let longestPhraseWords: Int

    /// No synonyms.
    public static let empty = SynonymTable(path: nil, rules: [], alternativesByPhrase: [:], longestPhraseWords: 0)

    /// Files larger than this are refused: a synonyms file is a few thousand lines at most, and
    /// the whole table is held in memory.
    public static let maximumFileBytes = 8 << 20
    /// Words a phrase may have: each phrase's words become required words of the query.
    public static let maximumPhraseWords = 6

    private init(path: String?, rules: [Rule], alternativesByPhrase: [[[UInt8]]: [[[UInt8]]]], longestPhraseWords: Int) {
        self.path = path
        self.rules = rules
        self.alternativesByPhrase = alternativesByPhrase
        self.longestPhraseWords = longestPhraseWords
    }

    /// Reads the file at `path`. Throws `SynonymFileError` naming the file and, for a bad
    /// rule, its line.
    public init(contentsOf path: String) throws(SynonymFileError) {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = (attributes[.size] as? NSNumber)?.intValue, size > Self.maximumFileBytes {
                throw SynonymFileError(path: path, line: nil, reason: "is \(size) bytes; at most \(Self.maximumFileBytes) are read")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as SynonymFileError {
            throw error
        } catch {
            throw SynonymFileError(path: path, line: nil, reason: "cannot be read (\(error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SynonymFileError(path: path, line: nil, reason: "is not UTF-8 text")
        }
        try self.init(text: text, path: path)
    }

    /// Parses rules from `text` (the file format above).
    public init(text: String, path: String? = nil) throws(SynonymFileError) {
        var rules: [Rule] = []
        var alternatives: [[[UInt8]]: [[[UInt8]]]] = [:]
        var longest = 0
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = offset + 1
            let content = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard !content.allSatisfy(\.isWhitespace) else { continue }
            let sides = content.components(separatedBy: "=>")
            guard sides.count <= 2 else {
                throw SynonymFileError(path: path, line: line, reason: "has more than one '=>'")
            }
            func phrases(_ side: String, _ name: String) throws(SynonymFileError) -> [(text: String, terms: [[UInt8]])] {
                var result: [(text: String, terms: [[UInt8]])] = []
                for piece in side.split(separator: ",", omittingEmptySubsequences: false) {
                    let phrase = piece.trimmingCharacters(in: .whitespaces)
                    guard !phrase.isEmpty else {
                        throw SynonymFileError(path: path, line: line, reason: "has an empty phrase \(name) (two commas, or a comma at an end)")
                    }
                    let terms = Self.terms(of: phrase)
                    guard !terms.isEmpty else {
                        throw SynonymFileError(path: path, line: line, reason: "phrase '\(phrase)' has no words a search could match")
                    }
                    guard terms.count <= Self.maximumPhraseWords else {
                        throw SynonymFileError(path: path, line: line, reason: "phrase '\(phrase)' has \(terms.count) words; at most \(Self.maximumPhraseWords)")
                    }
                    result.append((phrase, terms))
                }
                return result
            }
            if sides.count == 2 {
                let left = try phrases(sides[0], "before '=>'")
                let right = try phrases(sides[1], "after '=>'")
                for phrase in left {
                    alternatives[phrase.terms, default: []].append(contentsOf: right.map(\.terms).filter { $0 != phrase.terms })
                    longest = max(longest, phrase.terms.count)
                }
                rules.append(Rule(line: line, from: left.map(\.text), to: right.map(\.text)))
            } else {
                let group = try phrases(sides[0], "")
                guard group.count >= 2 else {
                    throw SynonymFileError(path: path, line: line, reason: "has one phrase; write 'a, b' (each finds the other) or 'a => b' (a also finds b)")
                }
                for phrase in group {
                    alternatives[phrase.terms, default: []].append(contentsOf: group.map(\.terms).filter { $0 != phrase.terms })
                    longest = max(longest, phrase.terms.count)
                }
                rules.append(Rule(line: line, from: group.map(\.text), to: []))
            }
        }
        for (phrase, list) in alternatives {
            var seen: Set<[[UInt8]]> = []
            alternatives[phrase] = list.filter { seen.insert($0).inserted }
        }
        self.init(path: path, rules: rules, alternativesByPhrase: alternatives, longestPhraseWords: longest)
    }

    /// The terms of a phrase as a query would have them; stop words are left out unless the
    /// phrase is nothing else (a query treats them as optional too).
    static func terms(of phrase: String) -> [[UInt8]] {
        let words = QueryWords.parse(phrase)
        let content = words.filter { !$0.isStopWord }
        return (content.isEmpty ? words : content).map(\.term)
    }

    /// The phrases a query's last words also stand for: the alternatives of every phrase of
    /// the table that `terms` (index terms, `TextAnalyzer`) end with ("coffee maker" in "cheap
    /// coffee maker" -> "coffee machine"), for what a result's name may be headed by.
    public func alternatives(ofPhraseEndingWith terms: [[UInt8]]) -> [[[UInt8]]] {
        guard longestPhraseWords > 0, !terms.isEmpty else { return [] }
        var result: [[[UInt8]]] = []
        for start in max(0, terms.count - longestPhraseWords)..<terms.count {
            if let alternatives = alternativesByPhrase[Array(terms[start...])] { result += alternatives }
        }
        return result
    }

    /// The longest phrase of the table that the query terms start with at `start`, as its
    /// length in words and the phrases it also stands for; nil when none does.
    func match(_ terms: [[UInt8]], at start: Int) -> (length: Int, alternatives: [[[UInt8]]])? {
        guard longestPhraseWords > 0 else { return nil }
        var length = min(longestPhraseWords, terms.count - start)
        while length > 0 {
            if let alternatives = alternativesByPhrase[Array(terms[start..<(start + length)])], !alternatives.isEmpty {
                return (length, alternatives)
            }
            length -= 1
        }
        return nil
    }
}

/// A synonyms file that cannot be used, with the file and, for a bad rule, the line.
public struct SynonymFileError: Error, Equatable, CustomStringConvertible {
    public let path: String?
    public let line: Int?
    public let reason: String

    public var description: String {
        let file = path.map { "synonyms file \($0)" } ?? "synonyms"
        if let line { return "\(file), line \(line): \(reason)" }
        return "\(file) \(reason)"
    }
}
