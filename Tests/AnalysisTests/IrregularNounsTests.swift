import Testing
@testable import Analysis

@Suite struct IrregularNounsTests {
    private func term(_ word: String) -> String {
        TextAnalyzer.analyze(word).first?.termText ?? ""
    }

    /// Irregular plurals the Porter2 rules leave apart from their singular (issue 13,
    /// "Synonyms and irregular forms").
    @Test(arguments: [
        ("mice", "mouse"), ("knives", "knife"), ("feet", "foot"), ("shelves", "shelf"),
        ("leaves", "leaf"), ("teeth", "tooth"), ("children", "child"), ("geese", "goose"),
        ("halves", "half"), ("wolves", "wolf"), ("cacti", "cactus"), ("indices", "index"),
    ])
    func pluralHasTheSingularsTerm(plural: String, singular: String) {
        #expect(EnglishStemmer.stem(plural) != EnglishStemmer.stem(singular), "the stemmer alone already joins \(plural)")
        #expect(term(plural) == term(singular))
        #expect(term(plural.uppercased()) == term(singular))
    }

    @Test func possessiveOfAnIrregularPluralIsTheSingular() {
        #expect(term("children's") == term("child"))
        #expect(term("wolves'") == term("wolf"))
    }

    @Test func regularWordsAndLookalikesAreUntouched() {
        // Only whole words: "micelle", "shelving" and "feeter" are not plurals in the table.
        #expect(term("shelving") == EnglishStemmer.stem("shelving"))
        #expect(term("micelle") == EnglishStemmer.stem("micelle"))
        #expect(term("boots") == "boot")
        #expect(term("dice") == EnglishStemmer.stem("dice"))
        // Words with digits are never stemmed nor mapped.
        #expect(term("2feet") == "2feet")
    }

    @Test func tableHasNoDuplicatesAndEverySingularDiffers() {
        let plurals = IrregularNouns.table.map { "\($0.plural)" }
        #expect(Set(plurals).count == plurals.count)
        for entry in IrregularNouns.table {
            #expect("\(entry.plural)" != "\(entry.singular)")
        }
    }
}
