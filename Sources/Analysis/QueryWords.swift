/// One word of a shopper's query, ready for matching.
public struct QueryWord: Equatable, Sendable {
    /// The normalised word as typed ("headphnes").
    public var surface: [UInt8]
    /// Its indexed term (stem, or the word itself for numbers and models).
    public var term: [UInt8]
    public var flags: Tokenizer.Flags
    /// A stop word is optional: it adds to the score but does not decide matching.
    public var isStopWord: Bool
    /// The last word of the query, which also matches as a prefix while the shopper is typing.
    public var isLast: Bool

    public var surfaceText: String { String(decoding: surface, as: UTF8.self) }

    /// Typos allowed for this word: none under 5 letters (too many short words are one edit
    /// apart), 1 for 5 to 8, 2 for 9 and more; never for numbers or model numbers, where a
    /// "typo" is a different product; nor for Han, Kana or Hangul bigrams, whose bytes are not
    /// letters.
    public var maxTypos: Int {
        if flags.contains(.hasDigit) || flags.contains(.cjk) { return 0 }
        return QueryWords.maxTypos(forWordLength: surface.count)
    }
}

/// Splits a query into `QueryWord`s with the same analysis chain as the index.
public enum QueryWords {
    public static func maxTypos(forWordLength length: Int) -> Int {
        switch length {
        case ..<5: return 0
        case 5...8: return 1
        default: return 2
        }
    }

    /// The words of `query`. Parts of a hyphenated group are replaced by the group's joined
    /// token, which the index holds for every such group ("wh-1000xm5" -> "wh1000xm5"), so a
    /// product written "WH1000XM5" matches too; the words of a quantity by its canonical form
    /// ("1 1/4" -> "1.25", "55 inch" -> "55in", "30 x 36" -> "30x36"), which the index holds
    /// for every spelling of it. Alternatives the index also holds (a measure's bare number,
    /// a model number's halves) are left out: the query looks for the most precise form.
    /// Duplicate words are kept once.
    public static func parse(_ query: String) -> [QueryWord] {
        var words: [QueryWord] = []
        var seen: Set<[UInt8]> = []
        for token in Tokenizer.tokens(of: query) where token.flags.isDisjoint(with: [.groupPart, .alternative]) {
            guard seen.insert(token.bytes).inserted else { continue }
            words.append(QueryWord(
                surface: token.bytes,
                term: TextAnalyzer.term(forSurface: token.bytes, flags: token.flags),
                flags: token.flags,
                isStopWord: StopWords.contains(token.bytes),
                isLast: false))
        }
        if !words.isEmpty {
            // Only a query still being typed has a partial last word; "wh-1000xm5 " with a
            // trailing space is finished, but a search box rarely sends that, so the last word
            // is always prefix-eligible and exact matches still rank first.
            words[words.count - 1].isLast = true
        }
        return words
    }
}
