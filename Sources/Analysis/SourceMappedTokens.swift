/// The tokens of a text with their place in the text as given, not in its normalised form:
/// what a page needs to mark the words a search matched (highlighting).
///
/// The analysis chain works on normalised bytes (`TextNormalizer`: lowercase, compatibility
/// forms unified, diacritics folded), whose lengths differ from the text's ("ß" is "ss",
/// "Ｓ" is one byte, "é" written as "e" and a combining accent is one byte). So the text is
/// normalised one character (grapheme cluster) at a time, remembering for each normalised byte
/// the character it came from, and split by the one `Tokenizer`; a token's range is then
/// widened to whole characters of the text. ASCII characters take the normaliser's byte path.
///
/// Offsets are in UTF-16 code units, the unit of JavaScript strings and the DOM, and always
/// fall between characters.
public struct SourceMappedTokens: Sendable {
    /// One token, its indexed term and where it lies in the text.
    public struct Token: Sendable, Equatable {
        /// The indexed term (`TextAnalyzer.term(forSurface:flags:)`): a stem for words.
        public var term: [UInt8]
        public var flags: Tokenizer.Flags
        /// UTF-16 offsets into the text given; a joined token covers its whole group.
        public var utf16Range: Range<Int>
    }

    public let tokens: [Token]
    /// The text's length in UTF-16 code units.
    public let utf16Count: Int

    public init(_ text: String) {
        var normalized: [UInt8] = []
        // For each normalised byte, the position in `characterStarts` of its character.
        var characterOfByte: [Int] = []
        // UTF-16 offset where each character starts, and the end of the text last.
        var characterStarts: [Int] = []
        var offset = 0
        normalized.reserveCapacity(text.utf8.count)
        characterOfByte.reserveCapacity(text.utf8.count)
        for character in text {
            let before = normalized.count
            if let ascii = character.asciiValue {
                normalized.append(ascii &- 0x41 < 26 ? ascii | 0x20 : ascii)
            } else {
                TextNormalizer.normalize(String(character), into: &normalized)
            }
            characterOfByte.append(contentsOf: repeatElement(characterStarts.count, count: normalized.count - before))
            characterStarts.append(offset)
            offset += character.utf16.count
        }
        characterStarts.append(offset)
        utf16Count = offset
        var tokens: [Token] = []
        normalized.withUnsafeBufferPointer { buffer in
            Tokenizer.scan(buffer) { surface, flags, range in
                guard !range.isEmpty else { return }
                let first = characterOfByte[range.lowerBound]
                let last = characterOfByte[range.upperBound - 1]
                let term = TextAnalyzer.term(forSurface: Array(surface), flags: flags)
                tokens.append(Token(term: term, flags: flags, utf16Range: characterStarts[first]..<characterStarts[last + 1]))
            }
        }
        self.tokens = tokens
    }

    /// The UTF-16 ranges of the tokens whose term `isMatched` accepts, in order, overlapping
    /// and touching ranges merged (a group and its parts, CJK bigrams).
    public func ranges(where isMatched: ([UInt8]) -> Bool) -> [Range<Int>] {
        let matched = tokens.filter { isMatched($0.term) }.map(\.utf16Range).sorted { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for range in matched {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}
