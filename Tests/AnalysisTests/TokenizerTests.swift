import Testing
@testable import Analysis

@Suite struct TokenizerTests {
    private func words(_ text: String) -> [String] {
        Tokenizer.tokens(of: text).map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    @Test func splitsOnNonAlphanumerics() {
        #expect(words("Sony  Wireless, Noise!Cancelling") == ["sony", "wireless", "noise", "cancelling"])
        #expect(words("") == [])
        #expect(words("  ,;  ") == [])
        #expect(words("a") == ["a"])
    }

    @Test func modelNumbersProduceTheirPartsAndTheJoinedForm() {
        let tokens = Tokenizer.tokens(of: "Sony WH-1000XM5 headphones")
        let texts = tokens.map { String(decoding: $0.bytes, as: UTF8.self) }
        #expect(texts == ["sony", "wh", "1000xm5", "wh1000xm5", "headphones"])
        #expect(tokens[1].flags.contains(.groupPart))
        #expect(tokens[2].flags.contains(.hasDigit))
        #expect(tokens[3].flags.contains(.joined))
        #expect(tokens[3].flags.contains(.hasDigit))
        #expect(!tokens[0].flags.contains(.groupPart))
    }

    @Test func slashesJoinButSpacesDoNot() {
        #expect(words("USB-C/Lightning") == ["usb", "c", "lightning", "usbclightning"])
        #expect(words("wh 1000xm5") == ["wh", "1000xm5"])
        // A hyphen followed by a space ends the group.
        #expect(words("anti- glare") == ["anti", "glare"])
    }

    @Test func dotJoinsOnlyBetweenDigits() {
        // A decimal is its value, never its digits joined ("35mm" was issue 13's defect).
        #expect(words("3.5mm jack") == ["3", "5mm", "3.5mm", "3.5", "jack"])
        #expect(words("end. Next") == ["end", "next"])
    }

    @Test func digitFlags() {
        let tokens = Tokenizer.tokens(of: "2024 x200")
        #expect(tokens[0].flags.contains(.allDigits))
        #expect(tokens[1].flags.contains(.hasDigit))
        #expect(!tokens[1].flags.contains(.allDigits))
    }

    @Test func apostropheStaysInsideWordsOnly() {
        #expect(words("Men's boots") == ["men's", "boots"])
        #expect(words("boys' shoes") == ["boys", "shoes"])
        #expect(words("'quoted'") == ["quoted"])
        // The typographic apostrophe is folded to ASCII first.
        #expect(words("Women\u{2019}s") == ["women's"])
    }

    @Test func unicodeLettersAreWordCharacters() {
        #expect(words("Café crème") == ["cafe", "creme"])
        #expect(words("東京 tower") == ["東京", "tower"])
        #expect(words("naïve—straße") == ["naive", "strasse"])
    }

    @Test func veryLongHyphenChainsAreNotJoined() {
        let chain = Array(repeating: "abcdefgh", count: 8).joined(separator: "-")
        let texts = words(chain)
        #expect(texts.count == 8)
        #expect(!texts.contains(String(repeating: "abcdefgh", count: 8)))
    }
}
