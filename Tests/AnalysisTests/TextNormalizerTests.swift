import Testing
@testable import Analysis

@Suite struct TextNormalizerTests {
    private func normalized(_ text: String) -> String {
        String(decoding: TextNormalizer.normalize(text), as: UTF8.self)
    }

    @Test func asciiIsLowercased() {
        #expect(normalized("Sony WH-1000XM5") == "sony wh-1000xm5")
        #expect(normalized("") == "")
        #expect(normalized("@[`{") == "@[`{")
    }

    @Test func diacriticsAreFolded() {
        #expect(normalized("Café") == "cafe")
        #expect(normalized("CRÈME BRÛLÉE") == "creme brulee")
        #expect(normalized("Nestlé") == "nestle")
        // Decomposed input (e + combining acute) folds the same as precomposed.
        #expect(normalized("Cafe\u{301}") == "cafe")
    }

    @Test func compatibilityFormsAreUnified() {
        #expect(normalized("\u{FB01}ne") == "fine")          // ligature fi
        #expect(normalized("ＳＯＮＹ") == "sony")              // full-width letters
        #expect(normalized("x²") == "x2")
    }

    @Test func lettersWithBuiltInMarksFoldToLatin() {
        #expect(normalized("Straße") == "strasse")
        #expect(normalized("Øresund Łódź") == "oresund lodz")
        #expect(normalized("Æon") == "aeon")
    }

    @Test func appendsToExistingBuffer() {
        var buffer = Array("x ".utf8)
        TextNormalizer.normalize("AB", into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "x ab")
    }
}
