/// Splits normalised text (see `TextNormalizer`) into word tokens.
///
/// Chinese, Japanese and Korean are written without spaces, so a run of Han, Kana or Hangul is
/// not one word: it gives its overlapping two-character windows ("蓝牙耳机" is "蓝牙", "牙耳",
/// "耳机"), and a one-character run gives that character, as Lucene's CJKBigramFilter does. A
/// query's bigrams are then all required, so "耳机" finds "蓝牙耳机" and "蓝牙耳机" finds only
/// products holding all three windows. Such a run never joins a hyphenated group.
///
/// Words are runs of letters and digits; an apostrophe between two letters stays inside the word
/// ("men's") so that the stemmer can remove the possessive. Parts joined by `-` or `/` without
/// spaces ("wh-1000xm5", "wi-fi", "usb-c") also produce their concatenation as an extra token
/// ("wh1000xm5"), so a model number is found however the shopper writes it: "wh-1000xm5",
/// "wh1000xm5", "wh 1000xm5" and "1000xm5" all match. A `.` joins parts only between digits
/// ("3.5").
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
        /// A token made from words rather than a word: the concatenation of a hyphenated or
        /// slashed group ("wh1000xm5"), or a quantity's canonical form ("2.5", "55in", "2x6").
        /// It repeats its words, so it adds nothing to a field's length.
        public static let joined = Flags(rawValue: 4)
        /// A word that a joined token stands for on the query side ("wh" and "1000xm5" of
        /// "wh-1000xm5", "55" and "inch" of "55 inch"): the query looks for the joined form.
        public static let groupPart = Flags(rawValue: 8)
        /// A joined token the index holds so that other spellings meet it, but that a query
        /// does not look for: a measure's bare number, the pairs of a three-part dimension,
        /// the halves of a model number ("sl" and "3184k" of "sl3184k").
        public static let alternative = Flags(rawValue: 16)
        /// A bigram (or lone character) of a Han, Kana or Hangul run: never stemmed nor
        /// typo-matched (an edit inside a character's bytes is another character).
        public static let cjk = Flags(rawValue: 32)
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

    /// One word found by the first pass: its bytes, flags, and whether a joiner ties it to the
    /// word before ("-" or "/", or "." between digits, with no space).
    struct Word {
        var start: Int
        var end: Int
        var flags: Flags
        var joinsPrevious: Bool
    }

    /// The splitter itself: calls `body` with each token of `text`, its flags and the bytes of
    /// `text` it covers (a word's own bytes; for a joined token its whole group or quantity,
    /// joiners included: "wh-1000xm5" for "wh1000xm5"). Behind `forEachToken` and
    /// `TokenizedText`, and inlined into each so that the indexer's calls stay direct.
    ///
    /// Two passes: the words and their groups, then each group either as a quantity
    /// (`QuantityReader`: numbers with their units and dimensions, canonical) or as words with
    /// their joined form. Words are the same either way; only the joined tokens differ.
    @inline(__always)
    static func scan(
        _ text: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>, Flags, Range<Int>) -> Void
    ) {
        let words = findWords(text)
        var joined: [UInt8] = []
        var index = 0
        while index < words.count {
            if words[index].flags.contains(.cjk) {
                body(UnsafeBufferPointer(rebasing: text[words[index].start..<words[index].end]), .cjk,
                     words[index].start..<words[index].end)
                index += 1
                continue
            }
            if isDigit(text[words[index].start]), let next = emitQuantity(text, words: words, at: index, body) {
                index = next
                continue
            }
            var groupEnd = index + 1
            while groupEnd < words.count, words[groupEnd].joinsPrevious { groupEnd += 1 }
            emitGroup(text, words: words[index..<groupEnd], scratch: &joined, body)
            index = groupEnd
        }
    }

    /// The words of `text` in order (first pass).
    @inline(__always)
    private static func findWords(_ text: UnsafeBufferPointer<UInt8>) -> [Word] {
        var words: [Word] = []
        var index = 0
        let count = text.count
        while index < count {
            if text[index] >= 0xE1, isCJK(text, at: index) {
                index = appendCJKRun(text, from: index, to: &words)
                continue
            }
            let wordLength = scanWord(text, from: index)
            if wordLength == 0 {
                index += scalarLength(text[index])
                continue
            }
            var flags: Flags = []
            var digits = 0
            for position in index..<(index + wordLength) where isDigit(text[position]) { digits += 1 }
            if digits > 0 { flags.insert(.hasDigit) }
            if digits == wordLength { flags.insert(.allDigits) }
            var joinsPrevious = false
            if let previous = words.last, previous.end == index - 1, !previous.flags.contains(.cjk) {
                let joiner = text[index - 1]
                joinsPrevious = joiner == UInt8(ascii: "-") || joiner == UInt8(ascii: "/")
                    || (joiner == UInt8(ascii: ".") && isDigit(text[index - 2]) && isDigit(text[index]))
            }
            words.append(Word(start: index, end: index + wordLength, flags: flags, joinsPrevious: joinsPrevious))
            index += wordLength
        }
        return words
    }

    /// A group of words joined by hyphens or slashes: each word, then their concatenation
    /// when there are several; each word's model-number halves.
    @inline(__always)
    private static func emitGroup(
        _ text: UnsafeBufferPointer<UInt8>, words group: ArraySlice<Word>, scratch joined: inout [UInt8],
        _ body: (UnsafeBufferPointer<UInt8>, Flags, Range<Int>) -> Void
    ) {
        guard let first = group.first, let last = group.last else { return }
        // A group too long to join is prose: its words stand on their own, on the query side too.
        // Numbers around a slash that `QuantityReader` did not read ("1/0", "1-1/0": a zero
        // denominator) are no number at all, least of all their digits joined ("10").
        let isGroup = group.count > 1 && group.reduce(0) { $0 + $1.end - $1.start } <= longestJoinedTokenBytes
            && !group.contains { $0.start > first.start && $0.flags.contains(.allDigits) && text[$0.start - 1] == UInt8(ascii: "/") && isDigit(text[$0.start - 2]) }
        var groupFlags: Flags = []
        joined.removeAll(keepingCapacity: true)
        for part in group {
            let slice = UnsafeBufferPointer(rebasing: text[part.start..<part.end])
            body(slice, isGroup ? part.flags.union(.groupPart) : part.flags, part.start..<part.end)
            ModelNumber.emitHalves(slice, flags: part.flags, range: part.start..<part.end, body)
            if isGroup {
                joined.append(contentsOf: slice)
                groupFlags.formUnion(part.flags.intersection(.hasDigit))
            }
        }
        if isGroup {
            let allDigits = joined.allSatisfy { $0 &- 0x30 < 10 }
            if allDigits { groupFlags.insert(.allDigits) }
            joined.withUnsafeBufferPointer { body($0, groupFlags.union(.joined), first.start..<last.end) }
        }
    }

    /// The quantity starting at word `index`, if the text there is one that ends where a group
    /// ends ("1.2.3" and "20v-max" are not): its words, then its canonical tokens. Returns the
    /// index of the first word after it, or nil to treat the words as a plain group.
    @inline(__always)
    private static func emitQuantity(
        _ text: UnsafeBufferPointer<UInt8>, words: [Word], at index: Int,
        _ body: (UnsafeBufferPointer<UInt8>, Flags, Range<Int>) -> Void
    ) -> Int? {
        guard let (measures, end) = QuantityReader(text: text).read(at: words[index].start) else { return nil }
        var next = index
        while next < words.count, words[next].start < end { next += 1 }
        guard words[next - 1].end <= end, next == words.count || !words[next].joinsPrevious else { return nil }
        if end < text.count, text[end] == UInt8(ascii: "."), end + 1 < text.count, isDigit(text[end + 1]) { return nil }
        let covered = words[index..<next]
        let tokens = QuantityTerms(measures: measures)
        // A lone number as written ("2024") is just a word; a main form too long to hold
        // leaves the words to the plain group.
        let mainWord = covered.first { tokens.main.elementsEqual(text[$0.start..<$0.end]) }
        if covered.count == 1, mainWord != nil, tokens.others.isEmpty { return nil }
        if mainWord == nil, tokens.main.count > longestJoinedTokenBytes { return nil }
        let range = words[index].start..<end
        for word in covered {
            let slice = UnsafeBufferPointer(rebasing: text[word.start..<word.end])
            body(slice, word.start == mainWord?.start ? word.flags : word.flags.union(.groupPart), word.start..<word.end)
        }
        func emit(_ bytes: [UInt8], _ extra: Flags) {
            guard bytes.count <= longestJoinedTokenBytes,
                  !covered.contains(where: { bytes.elementsEqual(text[$0.start..<$0.end]) }) else { return }
            var flags: Flags = [.joined, .hasDigit]
            if bytes.allSatisfy(isDigit) { flags.insert(.allDigits) }
            bytes.withUnsafeBufferPointer { body($0, flags.union(extra), range) }
        }
        if mainWord == nil { emit(tokens.main, []) }
        for other in tokens.others { emit(other, .alternative) }
        return next
    }

    /// Convenience for callers off the hot path: tokens as byte arrays with their flags.
    public static func tokens(of text: String) -> [(bytes: [UInt8], flags: Flags)] {
        TokenizedText(text).tokens.map { ($0.surface, $0.flags) }
    }

    /// Appends the bigrams of the Han, Kana or Hangul run at `start` (a lone character by
    /// itself) as words flagged `.cjk`, as Lucene's CJKBigramFilter does, and returns where
    /// the run ends. Bigrams overlap, so their ranges do too.
    @inline(__always)
    private static func appendCJKRun(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to words: inout [Word]) -> Int {
        var previous = start
        var current = start
        var characters = 0
        while current < text.count, text[current] >= 0xE1, isCJK(text, at: current) {
            let next = current + scalarLength(text[current])
            if characters > 0 {
                words.append(Word(start: previous, end: next, flags: .cjk, joinsPrevious: false))
            }
            characters += 1
            previous = current
            current = next
        }
        if characters == 1 {
            words.append(Word(start: start, end: current, flags: .cjk, joinsPrevious: false))
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
                // A Han, Kana or Hangul run is split into bigrams by `findWords`, never part of a word.
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
