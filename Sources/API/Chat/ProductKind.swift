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
    /// A colon only before a space: in "1:18 Drift RC Car" it is a scale, inside the name.
    private static let describingMarks = [",", "(", "[", " - ", " | ", ";", ": "]
    /// Words after which a name describes ("in" is not one: titles say "Autumn in the Station
    /// Jigsaw Puzzle").
    private static let describingWords: Set<String> = ["with", "for", "by", "featuring", "including"]

    /// The head noun of `name` as an index term; nil when the name has no word without digits.
    static func head(ofName name: String) -> [UInt8]? {
        namingWords(of: name).last?.term
    }

    /// The index terms of the words that name the product, head last: "Tinted Sunscreen
    /// Lotion" of "Supergoop! Tinted Sunscreen Lotion, SPF 70" (without words holding digits).
    static func namingTerms(ofName name: String) -> [[UInt8]] {
        namingWords(of: name).map(\.term)
    }

    private static func namingWords(of name: String) -> [AnalyzedToken] {
        var part = Substring(name)
        for mark in describingMarks {
            if let range = part.range(of: mark) { part = part[..<range.lowerBound] }
        }
        var tokens = TextAnalyzer.analyze(String(part))
        if let cut = tokens.firstIndex(where: { describingWords.contains($0.surfaceText) }), cut > 0 { tokens = Array(tokens[..<cut]) }
        // The letters of a model number are no word of the name: "WK-600" gives "wk", then
        // the group joined ("wk600"), which has a digit; "Remote Control Truck WK-600" is a truck.
        var kept: [AnalyzedToken] = []
        for token in tokens {
            if token.flags.contains(.joined), token.flags.contains(.hasDigit) {
                while let last = kept.last, last.flags.contains(.groupPart) { kept.removeLast() }
            }
            kept.append(token)
        }
        return kept.filter { !$0.flags.contains(.hasDigit) && !$0.isStopWord }
    }

    /// Whether products named so are of `kind`: `kind` heads the name, or it names them before
    /// another noun in a category where it heads names (`kindCategories`): a "Sunscreen
    /// Lotion" is a sunscreen and a "Tea Bags" box is tea, as Beauty and Grocery have
    /// products headed "Sunscreen" and "Tea"; a "Coffee Maker" is no coffee, since no coffee
    /// is sold in Home & Kitchen. Words after "with" or a comma never name the kind ("Smart
    /// Watch with Heart Rate Monitor" is no monitor).
    /// Before another noun the word must be the shopper's noun itself, in the singular or
    /// plural: "Backpacking Tent" stems to "backpack" but is no backpack.
    /// `alternatives` are the phrases the operator's synonyms make the kind stand for
    /// (`SynonymTable.alternatives(ofPhraseEndingWith:)`), each as index terms: a name holding
    /// all of one's words in its naming part is of the kind when the phrase's last word heads
    /// it ("Hooded Sweatshirt" under `hoodie => hooded sweatshirt`), or, in a category where
    /// the kind heads names, anywhere there ("Cocoa Bar" under `chocolate => cocoa`).
    static func isOfKind(_ kind: [UInt8], alternatives: [[[UInt8]]] = [], typed word: String, name: String, category: String,
                         kindCategories: Set<String>) -> Bool {
        let words = namingWords(of: name)
        guard let head = words.last else { return false }
        let naming = Set(words.map(\.term))
        for phrase in alternatives where !phrase.isEmpty && phrase.allSatisfy(naming.contains) {
            if phrase.last == head.term || kindCategories.contains(category) { return true }
        }
        let typed = word.lowercased()
        // "Simply Grilling" stems to "grill" but is a book about it, not a grill.
        if head.term == kind { return !head.surfaceText.hasSuffix("ing") || typed.hasSuffix("ing") }
        guard kindCategories.contains(category) else { return false }
        let typedForms = nounForms(typed)
        return words.dropLast().contains { $0.term == kind && !nounForms($0.surfaceText).isDisjoint(with: typedForms) }
    }

    /// A noun and what it may be without a plural ending: "watches" -> watches, watche, watch.
    private static func nounForms(_ word: String) -> Set<String> {
        var forms: Set<String> = [word]
        if word.hasSuffix("s") { forms.insert(String(word.dropLast())) }
        if word.hasSuffix("es") { forms.insert(String(word.dropLast(2))) }
        if word.hasSuffix("ies") { forms.insert(String(word.dropLast(3)) + "y") }
        return forms
    }

    /// A shopper's word as an index term, to compare with `head(ofName:)`.
    static func term(_ word: String) -> [UInt8]? {
        TextAnalyzer.analyze(word).last?.term
    }
}
