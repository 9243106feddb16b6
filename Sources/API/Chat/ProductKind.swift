import Analysis
import Foundation

/// The kind of product a name names, as the catalog writes it: the head noun of the name's
/// first part, before what describes it (a comma, "with", "for", "by", a bracket).
/// "Fitbit MZ921 Smart Watch with Heart Rate Monitor, 45mm" is a watch, not a monitor;
/// "HP Pavilion B65s 17.3-inch Laptop, 16GB RAM" a laptop. English noun phrases put the head
/// last, so the head is the last word of that part without digits, as an index term
/// (`TextAnalyzer`: "Sneakers" and "sneaker" are one kind).
enum ProductKind {
    /// Where the naming part of a product name ends.
    private static let describingMarks = [",", "(", "[", " - ", " | ", ";", ":"]
    private static let describingWords: Set<String> = ["with", "for", "by", "in", "featuring", "including"]

    /// The head noun of `name` as an index term; nil when the name has no word without digits.
    static func head(ofName name: String) -> [UInt8]? {
        var part = Substring(name)
        for mark in describingMarks {
            if let range = part.range(of: mark) { part = part[..<range.lowerBound] }
        }
        var tokens = TextAnalyzer.analyze(String(part))
        if let cut = tokens.firstIndex(where: { describingWords.contains($0.surfaceText) }), cut > 0 { tokens = Array(tokens[..<cut]) }
        return tokens.last { !$0.flags.contains(.hasDigit) && !$0.isStopWord }?.term
    }

    /// A shopper's word as an index term, to compare with `head(ofName:)`.
    static func term(_ word: String) -> [UInt8]? {
        TextAnalyzer.analyze(word).last?.term
    }
}
