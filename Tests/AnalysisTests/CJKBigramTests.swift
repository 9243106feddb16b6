import Testing
@testable import Analysis

/// Runs of Han, Kana and Hangul become overlapping bigrams (issue 13, "Scripts").
@Suite struct CJKBigramTests {
    private func words(_ text: String) -> [String] {
        Tokenizer.tokens(of: text).map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    @Test func chineseRunBecomesOverlappingBigrams() {
        #expect(words("蓝牙耳机") == ["蓝牙", "牙耳", "耳机"])
        #expect(words("耳机") == ["耳机"])
        #expect(Tokenizer.tokens(of: "蓝牙耳机").allSatisfy { $0.flags.contains(.cjk) })
    }

    @Test func singleCharacterRunIsAUnigram() {
        #expect(words("猫") == ["猫"])
        #expect(words("a 猫 b") == ["a", "猫", "b"])
    }

    @Test func latinAndDigitsNextToARunStaySeparateWords() {
        // "wh1000" also gives its model-number halves, as any such word does.
        #expect(words("sony蓝牙耳机wh1000") == ["sony", "蓝牙", "牙耳", "耳机", "wh1000", "wh", "1000"])
        #expect(words("USB-C充电器") == ["usb", "c", "usbc", "充电", "电器"])
    }

    @Test func japaneseKanaAndKanjiMixedRun() {
        #expect(words("ワイヤレスイヤホン") == ["ワイ", "イヤ", "ヤレ", "レス", "スイ", "イヤ", "ヤホ", "ホン"])
        #expect(words("東京タワー") == ["東京", "京タ", "タワ", "ワー"])
    }

    @Test func koreanStaysSyllablesAfterNormalisation() {
        // Decomposition splits syllables into jamo; the normaliser composes them again.
        #expect(words("무선 이어폰") == ["무선", "이어", "어폰"])
        #expect(TextNormalizer.normalize("이어폰") == Array("이어폰".utf8))
    }

    @Test func punctuationEndsARun() {
        #expect(words("耳机，蓝牙") == ["耳机", "蓝牙"])
        #expect(words("耳机。") == ["耳机"])
    }

    @Test func bigramsAreNotTypoMatched() {
        let word = QueryWords.parse("耳机")[0]
        #expect(word.maxTypos == 0)
        #expect(word.term == Array("耳机".utf8))
    }

    @Test func textAroundARunKeepsItsPlaces() {
        let text = TokenizedText("买 蓝牙耳机")
        #expect(text.tokens.map(\.surfaceText) == ["买", "蓝牙", "牙耳", "耳机"])
    }
}
