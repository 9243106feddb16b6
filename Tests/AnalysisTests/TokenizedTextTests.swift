import Testing
@testable import Analysis

/// `TokenizedText`: the tokenizer's tokens with their place in the normalised text, which is
/// what the chat reads raw spellings ("$1,299.99", "#2", "2nd") from.
@Suite struct TokenizedTextTests {
    private func spellings(_ text: TokenizedText) -> [String] {
        text.tokens.map { text.text(of: $0.range) }
    }

    @Test func tokensAreTheTokenizersTokens() {
        for sample in ["Sony WH-1000XM5 headphones", "USB-C/Lightning 3.5mm", "Men's boots", "Café crème", "東京 tower", "", "?!"] {
            let text = TokenizedText(sample)
            let fromTokenizer = Tokenizer.tokens(of: sample)
            #expect(text.tokens.map(\.surface) == fromTokenizer.map(\.bytes), "\(sample)")
            #expect(text.tokens.map(\.flags) == fromTokenizer.map(\.flags), "\(sample)")
        }
    }

    @Test func rangesCoverEachWordAndJoinedTokensTheirWholeGroup() {
        let text = TokenizedText("Sony WH-1000XM5, black")
        #expect(text.tokens.map(\.surfaceText) == ["sony", "wh", "1000xm5", "wh1000xm5", "black"])
        #expect(spellings(text) == ["sony", "wh", "1000xm5", "wh-1000xm5", "black"])
        #expect(text.tokens.map(\.isWord) == [true, true, true, false, true])
        #expect(text.words.map(\.surfaceText) == ["sony", "wh", "1000xm5", "black"])
    }

    @Test func rawNumberSpellingsAreTheTextBetweenTheirFirstAndLastWord() throws {
        for (message, number) in [("under $1,299.99 please", "1,299.99"), ("tents 1e19", "1e19"), ("about 5,5 dollars", "5,5"),
                                  ("the 2nd one", "2nd"), ("#12", "12")] {
            let text = TokenizedText(message)
            let digits = text.words.filter { $0.flags.contains(.hasDigit) }
            let first = try #require(digits.first, "\(message)")
            let last = try #require(digits.last, "\(message)")
            #expect(text.text(of: first.range.lowerBound..<last.range.upperBound) == number, "\(message)")
        }
    }

    @Test func offsetsAreInTheNormalisedText() {
        // "ß" becomes "ss" and "É" becomes "e": the ranges point into the normalised bytes.
        let text = TokenizedText("Straße CAFÉ")
        #expect(String(decoding: text.normalized, as: UTF8.self) == "strasse cafe")
        #expect(spellings(text) == ["strasse", "cafe"])
        #expect(text.tokens.map(\.range) == [0..<7, 8..<12])
    }

    @Test func theWordMaskMarksExactlyTheWordBytes() {
        let text = TokenizedText("a-b men's 😀 ٣")
        let normalized = String(decoding: text.normalized, as: UTF8.self)
        let mask = text.wordByteMask
        #expect(mask.count == text.normalized.count)
        var marked = ""
        for (offset, byte) in text.normalized.enumerated() where byte < 0x80 || byte >= 0xC0 {
            // One mark per character: its first byte.
            marked += mask[offset] ? "w" : "."
        }
        #expect(normalized.unicodeScalars.count == marked.count)
        #expect(marked == "w.w.wwwww...w")
    }
}
