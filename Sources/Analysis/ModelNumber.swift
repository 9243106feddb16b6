/// Model numbers typed split: a catalog's "SL3184K" is found by "sl 3184k", as its
/// "WH-1000XM5" already is by "wh 1000xm5" (the hyphen makes two words there).
///
/// A word that starts with two or more letters and goes on with a digit is also indexed as its
/// two halves, the letters and the rest ("sl" and "3184k", "efe" and "35c984"), the way Lucene's
/// WordDelimiterGraphFilter splits on a letter-digit change while keeping the original. Only the
/// first change splits: "1000xm5" is one model part, not "1000", "xm" and "5". Halves are
/// alternatives: the index holds them, a query typed joined still looks for the whole word.
enum ModelNumber {
    /// A rest shorter than this is a version or a size ("mp3", "ps5"), not half a model number.
    static let shortestRestBytes = 3
    static let shortestLetterBytes = 2

    /// Calls `body` with the halves of `word` when it is a model number of that shape.
    @inline(__always)
    static func emitHalves(
        _ word: UnsafeBufferPointer<UInt8>, flags: Tokenizer.Flags, range: Range<Int>,
        _ body: (UnsafeBufferPointer<UInt8>, Tokenizer.Flags, Range<Int>) -> Void
    ) {
        guard flags.contains(.hasDigit), !flags.contains(.allDigits),
              word.count >= shortestLetterBytes + shortestRestBytes,
              Tokenizer.isASCIILetter(word[0]) else { return }
        var split = 1
        while split < word.count, Tokenizer.isASCIILetter(word[split]) { split += 1 }
        guard split >= shortestLetterBytes, split < word.count, Tokenizer.isDigit(word[split]),
              word.count - split >= shortestRestBytes else { return }
        let letters = UnsafeBufferPointer(rebasing: word[0..<split])
        let rest = UnsafeBufferPointer(rebasing: word[split...])
        body(letters, [.joined, .alternative], range)
        var restFlags: Tokenizer.Flags = [.joined, .alternative, .hasDigit]
        if rest.allSatisfy(Tokenizer.isDigit) { restFlags.insert(.allDigits) }
        body(rest, restFlags, range)
    }
}
