/// A text split once by the analysis chain (`TextNormalizer`, then `Tokenizer`), with the place
/// of every token in the normalised text.
///
/// For callers off the indexer's hot path that need more than the words: the chat reads
/// numbers as they were written ("$1,299.99" is the words "1", "299" and "99" with the `$`, `,`
/// and `.` around them), and phrase keys (`FacetKey`) join the words. Because they take their
/// words from here, they find the very words the index holds: "Audio-Technica", "Levi's",
/// "Café" or "wh-1000xm5" split the same way in a catalog line, a search and a chat message.
///
/// Offsets are byte offsets into `normalized`, not into the text given: normalisation can
/// change lengths ("ß" becomes "ss", "ﬁ" becomes "fi"), and every caller reads the normalised
/// form (lowercase, diacritics folded) anyway.
public struct TokenizedText: Sendable {
    /// One token and where it lies.
    public struct Token: Equatable, Sendable {
        /// The token as the index holds it before stemming: a word's bytes, or for a joined
        /// token (`.joined`) the group's parts without their joiners ("wh1000xm5").
        public var surface: [UInt8]
        public var flags: Tokenizer.Flags
        /// The bytes of `normalized` the token covers: a word's own bytes, or for a joined
        /// token its whole group, joiners included ("wh-1000xm5").
        public var range: Range<Int>

        /// True for words (parts of a group included), false for the joined form of a group,
        /// which repeats its parts.
        public var isWord: Bool { !flags.contains(.joined) }
        public var surfaceText: String { String(decoding: surface, as: UTF8.self) }
    }

    /// The text normalised: lowercase UTF-8, compatibility forms unified, diacritics folded.
    public let normalized: [UInt8]
    /// Every token in text order; a group's joined token follows its parts.
    public let tokens: [Token]

    public init(_ text: String) {
        let normalized = TextNormalizer.normalize(text)
        var tokens: [Token] = []
        normalized.withUnsafeBufferPointer { buffer in
            Tokenizer.scan(buffer) { token, flags, range in
                tokens.append(Token(surface: Array(token), flags: flags, range: range))
            }
        }
        self.normalized = normalized
        self.tokens = tokens
    }

    /// The words in text order, each part of a group on its own ("wh", "1000xm5"); joined
    /// forms left out.
    public var words: [Token] { tokens.filter(\.isWord) }

    /// The normalised text of `range` as written, joiners and punctuation included.
    public func text(of range: Range<Int>) -> String {
        String(decoding: normalized[range], as: UTF8.self)
    }

    /// For each byte of `normalized`, whether it lies inside a word: what the splitter counts
    /// as word characters (letters and digits of any script, an apostrophe between two
    /// letters), for callers that read the characters between words.
    public var wordByteMask: [Bool] {
        var mask = [Bool](repeating: false, count: normalized.count)
        for token in tokens where token.isWord {
            for position in token.range { mask[position] = true }
        }
        return mask
    }
}
