/// Splits normalised text (see `TextNormalizer`) into word tokens.
///
/// Words are runs of letters and digits; an apostrophe between two letters stays inside the word
/// ("men's") so that the stemmer can remove the possessive. Parts joined by `-` or `/` without
/// spaces ("wh-1000xm5", "wi-fi", "usb-c") also produce their concatenation as an extra token
/// ("wh1000xm5"), so a model number is found however the shopper writes it: "wh-1000xm5",
/// "wh1000xm5", "wh 1000xm5" and "1000xm5" all match. A `.` joins parts only between digits
/// ("3.5").
///
/// Chinese, Japanese and Korean are written without spaces, so a run of Han, Kana or Hangul is
/// not one word: it gives its overlapping two-character windows ("蓝牙耳机" is "蓝牙", "牙耳",
/// "耳机"), and a one-character run gives that character, as Lucene's CJKBigramFilter does. A
/// query's bigrams are then all required, so "耳机" finds "蓝牙耳机" and "蓝牙耳机" finds only
/// products holding all three windows. Such a run never joins a hyphenated group.
///
/// This is the only place that decides where words begin and end. Callers that must read the
/// text around words (the chat reads "$1,299.99", "#2" or "2nd" whole) split with
/// `TokenizedText`, which keeps each token's place in the normalised text, and never re-split.
public enum Tokenizer {
    /// Properties of one token.
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// The token contains a digit: a number or model number, never stemmed nor typo-matched.
        public static let hasDigit = Flags(rawValue: 1)
        /// The token consists of digits only.
        public static let allDigits = Flags(rawValue: 2)
        /// The concatenation of a hyphenated or slashed group ("wh1000xm5").
        public static let joined = Flags(rawValue: 4)
        /// One part of such a group ("wh", "1000xm5"); the query side prefers the joined form.
        public static let groupPart = Flags(rawValue: 8)
        /// A bigram (or lone character) of a Han, Kana or Hangul run: never stemmed nor
        /// typo-matched (an edit inside a character's bytes is another character).
        public static let cjk = Flags(rawValue: 16)
    }

    /// Joined tokens longer than this are not emitted: long hyphen chains are prose, not models.
    static let longestJoinedTokenBytes = 40

    /// Calls `body` with each token of `text` (normalised UTF-8) in order. The buffer passed to
    /// `body` is only valid during the call. The indexer's hot path: no allocation per token.
    public static func forEachToken(
        in text: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>, Flags) -> Void
    ) {
        scan(text) { token, flags, _ in body(token, flags) }
    }

    /// The splitter itself: calls `body` with each token of `text`, its flags and the bytes of
    /// `text` it covers (a word's own bytes; for a joined token its whole group, joiners
    /// included: "wh-1000xm5" for "wh1000xm5"). Behind `forEachToken` and `TokenizedText`, and
    /// inlined into each so that the indexer's calls stay direct.
    @inline(__always)
    static func scan(
        _ text: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>, Flags, Range<Int>) -> Void
    ) {
        var joined: [UInt8] = []
        joined.reserveCapacity(longestJoinedTokenBytes)
        // Parts of the current group, as ranges into `text`, flushed when the group ends.
        var groupParts: [(start: Int, end: Int, flags: Flags)] = []
        var index = 0
        let count = text.count

        func flushGroup() {
            guard let first = groupParts.first, let last = groupParts.last else { return }
            let isGroup = groupParts.count > 1
            var groupFlags: Flags = []
            joined.removeAll(keepingCapacity: true)
            for part in groupParts {
                let slice = UnsafeBufferPointer(rebasing: text[part.start..<part.end])
                body(slice, isGroup ? part.flags.union(.groupPart) : part.flags, part.start..<part.end)
                if isGroup {
                    joined.append(contentsOf: slice)
                    groupFlags.formUnion(part.flags.intersection(.hasDigit))
                }
            }
            if isGroup, joined.count <= longestJoinedTokenBytes {
                let allDigits = joined.allSatisfy { $0 &- 0x30 < 10 }
                if allDigits { groupFlags.insert(.allDigits) }
                joined.withUnsafeBufferPointer { body($0, groupFlags.union(.joined), first.start..<last.end) }
            }
            groupParts.removeAll(keepingCapacity: true)
        }

        while index < count {
            if text[index] >= 0xE1, isCJK(text, at: index) {
                flushGroup()
                index = scanCJKRun(text, from: index, body)
                continue
            }
            let wordLength = scanWord(text, from: index)
            if wordLength == 0 {
                // Not a word character: a group continues only across one joiner between words.
                let byte = text[index]
                let joinsGroup = !groupParts.isEmpty && index + 1 < count
                    && scanWord(text, from: index + 1) > 0
                    && (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
                        || (byte == UInt8(ascii: ".") && isDigit(text[index - 1]) && isDigit(text[index + 1])))
                if !joinsGroup { flushGroup() }
                index += scalarLength(text[index])
                continue
            }
            var flags: Flags = []
            var digits = 0
            for position in index..<(index + wordLength) where isDigit(text[position]) { digits += 1 }
            if digits > 0 { flags.insert(.hasDigit) }
            if digits == wordLength { flags.insert(.allDigits) }
            groupParts.append((index, index + wordLength, flags))
            index += wordLength
        }
        flushGroup()
    }

    /// Convenience for callers off the hot path: tokens as byte arrays with their flags.
    public static func tokens(of text: String) -> [(bytes: [UInt8], flags: Flags)] {
        TokenizedText(text).tokens.map { ($0.surface, $0.flags) }
    }

    /// Calls `body` with the bigrams of the Han, Kana or Hangul run at `start` (a lone
    /// character by itself) and returns where the run ends.
    @inline(__always)
    private static func scanCJKRun(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int,
        _ body: (UnsafeBufferPointer<UInt8>, Flags, Range<Int>) -> Void
    ) -> Int {
        var previous = start
        var current = start
        var characters = 0
        while current < text.count, text[current] >= 0xE1, isCJK(text, at: current) {
            let next = current + scalarLength(text[current])
            if characters > 0 {
                body(UnsafeBufferPointer(rebasing: text[previous..<next]), .cjk, previous..<next)
            }
            characters += 1
            previous = current
            current = next
        }
        if characters == 1 {
            body(UnsafeBufferPointer(rebasing: text[start..<current]), .cjk, start..<current)
        }
        return current
    }

    /// True when the scalar at `position` is Han, Kana or Hangul (the blocks Lucene's
    /// CJKBigramFilter bigrams): CJK ideographs and their extensions and compatibility forms,
    /// the iteration marks, Hiragana, Katakana with its extensions, Hangul syllables and jamo.
    @inline(__always)
    static func isCJK(_ text: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        let length = scalarLength(text[position])
        guard length >= 3, position + length <= text.count else { return false }
        var value = UInt32(text[position]) & (0xFF >> (length + 1))
        for offset in 1..<length { value = value << 6 | UInt32(text[position + offset] & 0x3F) }
        switch value {
        case 0x1100...0x11FF, 0x3005...0x3007, 0x3041...0x309F, 0x30A1...0x30FA, 0x30FC...0x30FF,
             0x3131...0x318E, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA960...0xA97F,
             0xAC00...0xD7AF, 0xD7B0...0xD7FF, 0xF900...0xFAFF, 0x20000...0x3134F:
            return true
        default:
            return false
        }
    }

    /// Length in bytes of the word starting at `start`, 0 if no word starts there.
    private static func scanWord(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var position = start
        let count = text.count
        while position < count {
            let byte = text[position]
            if byte < 0x80 {
                if isASCIIAlphanumeric(byte) {
                    position += 1
                } else if byte == UInt8(ascii: "'"), position > start, position + 1 < count,
                          isASCIILetter(text[position - 1]), isASCIILetter(text[position + 1]) {
                    position += 1
                } else {
                    break
                }
            } else {
                let length = scalarLength(byte)
                // A Han, Kana or Hangul run is split into bigrams by `scan`, never part of a word.
                guard position + length <= count, isWordScalar(text, at: position, length: length),
                      byte < 0xE1 || !isCJK(text, at: position) else { break }
                position += length
            }
        }
        return position - start
    }

    private static func isWordScalar(_ text: UnsafeBufferPointer<UInt8>, at position: Int, length: Int) -> Bool {
        var scalarValue = UInt32(text[position]) & (0xFF >> (length + 1))
        for offset in 1..<length {
            scalarValue = scalarValue << 6 | UInt32(text[position + offset] & 0x3F)
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// UTF-8 sequence length from its lead byte; stray continuation bytes count as one.
    @inline(__always)
    private static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: return 4
        case 0xE0...: return 3
        case 0xC0...: return 2
        default: return 1
        }
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    @inline(__always) static func isASCIILetter(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
    @inline(__always) static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || isDigit(byte)
    }
}
