import Testing
@testable import Analysis

/// Numbers, units, fractions and dimensions (issue 13): what the index holds for each spelling
/// and what a query looks for, which must meet.
@Suite struct QuantityAnalysisTests {
    /// Every term the index holds for `text`.
    private func indexTerms(_ text: String) -> Set<String> {
        Set(TextAnalyzer.analyze(text).map(\.termText))
    }

    /// The terms a query looks for, in order.
    private func queryTerms(_ query: String) -> [String] {
        QueryWords.parse(query).map { String(decoding: $0.term, as: UTF8.self) }
    }

    @Test func decimalsAreNotTheirDigitsJoined() {
        #expect(queryTerms("2.5 mm drill bit") == ["2.5mm", "drill", "bit"])
        let terms = indexTerms("2.5 mm Drill Bit")
        #expect(terms.isSuperset(of: ["2.5", "2.5mm"]))
        #expect(!terms.contains("25") && !terms.contains("25mm"))
        #expect(!indexTerms("Phone with 5.5-inch screen").contains("55in"))
        #expect(queryTerms("55 inch") == ["55in"])
        #expect(queryTerms("2.50") == ["2.5"])
        #expect(queryTerms("0.25 drywall") == ["0.25", "drywal"])
    }

    @Test func fractionsAreTheirValue() {
        #expect(queryTerms("1/2") == ["0.5"])
        #expect(queryTerms("1-1/2") == ["1.5"])
        #expect(queryTerms("3/8") == queryTerms("0.375"))
        #expect(queryTerms("5/4") == ["1.25"])
        #expect(queryTerms("1/3") == ["1/3"])
        #expect(queryTerms("1-2/6") == ["1-1/3"])
        let wrench = indexTerms("1/2-inch Wrench")
        #expect(wrench.isSuperset(of: ["0.5", "0.5in"]))
        #expect(!wrench.contains("12") && !wrench.contains("12in") && !wrench.contains("12inch"))
        #expect(!indexTerms("1-1/2 in. pipe").contains("112"))
        #expect(queryTerms("12 inch") == ["12in"])
        // A zero denominator is no fraction, nor the digits joined (issue 14's attack pass:
        // "1/0" found products with "10"): the numbers stay words of their own.
        #expect(queryTerms("1/0") == ["1", "0"])
        #expect(!queryTerms("0/0").contains("00"))
        #expect(queryTerms("1-1/0") == ["1", "0"])
        #expect(!indexTerms("Adapter 1/0 gauge").contains("10"))
        #expect(!indexTerms("Adapter 1-1/0 gauge").contains("110"))
    }

    @Test func mixedNumbersTypedWithASpaceOrAHyphenMeet() {
        #expect(queryTerms("1 1/4 pipe") == ["1.25", "pipe"])
        #expect(queryTerms("1-1/4 pipe") == ["1.25", "pipe"])
        #expect(queryTerms("1.25 pipe") == ["1.25", "pipe"])
        #expect(queryTerms("nails 2 1/2inch") == ["nail", "2.5in"])
        #expect(queryTerms("6-1/2in") == ["6.5in"])
        #expect(indexTerms("1-1/4 in. x 10 ft. PVC Pipe").isSuperset(of: ["1.25", "1.25in", "10ft", "1.25x10"]))
        #expect(indexTerms("1-1/4\" pipe").contains("1.25in"))
    }

    @Test func europeanDecimalsWhereUnambiguous() {
        #expect(queryTerms("5,5 mm") == ["5.5mm"])
        #expect(queryTerms("2,75 in") == ["2.75in"])
        // Three digits after a comma are thousands.
        #expect(queryTerms("12,000 btu") == ["12000btu"])
        #expect(queryTerms("1,299.99") == ["1299.99"])
        // A list of numbers is no decimal.
        #expect(!indexTerms("sizes 10,12,14").contains("10.12"))
    }

    @Test(arguments: [
        ("in", ["55\"", "55 in", "55 in.", "55-inch", "55in", "55 inches", "55 inch", "55\u{201D}", "55\u{2033}"]),
        ("ft", ["75 ft", "75 ft.", "75-ft", "75ft", "75 feet", "75 foot", "75'", "75-foot"]),
        ("lb", ["75 lb", "75 lbs", "75lb", "75-pound", "75 pounds", "75 lb."]),
        ("oz", ["75 oz", "75oz", "75 ounce", "75-ounce", "75 fl. oz.", "75 fl oz"]),
        ("gal", ["75 gal", "75 gal.", "75-gallon", "75 gallons", "75gal"]),
        ("mm", ["75mm", "75 mm", "75 millimeters"]),
        ("cm", ["75cm", "75 cm", "75 centimeters"]),
        ("v", ["75v", "75 v", "75-volt", "75 volts", "75V"]),
        ("w", ["75w", "75 w", "75-watt", "75 watts"]),
        ("a", ["75a", "75 a", "75-amp", "75 amps", "75 Amp"]),
        ("cuft", ["75 cu. ft.", "75 cu ft", "75cu ft", "75 cubic feet"]),
    ])
    func unitSpellingsMeet(unit: String, spellings: [String]) {
        let number = spellings[0].hasPrefix("55") ? "55" : "75"
        for spelling in spellings {
            #expect(queryTerms(spelling) == [number + unit], "query \(spelling)")
            #expect(indexTerms("Thing \(spelling) long").contains(number + unit), "index \(spelling)")
        }
    }

    @Test func decimalMeasuresKeepTheirPoint() {
        #expect(queryTerms("6.5-amp") == ["6.5a"])
        #expect(queryTerms("2.8oz") == ["2.8oz"])
        #expect(queryTerms("18.3cu ft fridge") == ["18.3cuft", "fridg"])
        #expect(indexTerms("6.5 Amp Corded Drill").contains("6.5a"))
    }

    @Test func aUnitLetterAfterANumberIsNoStopWord() {
        #expect(queryTerms("15 a usb outlet") == ["15a", "usb", "outlet"])
        let lamp = QueryWords.parse("lamp in black")
        #expect(lamp.map(\.surfaceText) == ["lamp", "in", "black"])
        #expect(lamp[1].isStopWord)
        #expect(!indexTerms("Lamp in black").contains { $0.hasSuffix("in") && $0 != "in" })
        // "2 in 1" is a two-in-one.
        #expect(!indexTerms("2 in 1 screwdriver").contains("2in"))
    }

    @Test func dimensionsMeetAcrossSpellings() {
        for spelling in ["2x6", "2 x 6", "2 in. x 6 in.", "2in x 6in", "2inx6in", "2 x 6 in", "2\" x 6\"", "2 \u{D7} 6"] {
            #expect(queryTerms(spelling) == ["2x6"], "query \(spelling)")
        }
        #expect(queryTerms("30x36 in") == ["30x36"])
        #expect(queryTerms("34x18x12") == ["34x18x12"])
        #expect(indexTerms("2 in. x 6 in. x 8 ft. Lumber").isSuperset(of: ["2x6x8", "2x6", "6x8", "2in", "6in", "8ft"]))
        #expect(indexTerms("Shower Door 30 in. W x 36 in. H").contains("30x36"))
        #expect(indexTerms("Cabinet 34 in. x 18 in. x 12 in.").contains("34x18x12"))
        #expect(indexTerms("2x6x8 stud").isSuperset(of: ["2x6", "6x8", "2", "6", "8"]))
    }

    @Test func modelNumbersTypedSplitMeetTheJoinedModel() {
        #expect(indexTerms("Faucet SL3184K chrome").isSuperset(of: ["sl3184k", "sl", "3184k"]))
        #expect(queryTerms("sl 3184k") == ["sl", "3184k"])
        #expect(queryTerms("sl3184k") == ["sl3184k"])
        #expect(indexTerms("EFE35C984").isSuperset(of: ["efe", "35c984"]))
        // Short rests are versions or sizes, not halves of a model.
        #expect(!indexTerms("mp3 player").contains("mp"))
    }

    @Test func otherGroupsKeepTheirJoinedForm() {
        #expect(queryTerms("wh-1000xm5") == ["wh1000xm5"])
        #expect(queryTerms("8688-12") == ["868812"])
        #expect(queryTerms("1.2.3") == ["123"])
        #expect(queryTerms("20v-max") == ["20vmax"])
        #expect(queryTerms("2024") == ["2024"])
    }

    /// The chat reads numbers from the words as written: quantities add tokens, never words.
    @Test func wordsStayTheSame() {
        let text = TokenizedText("2.5 mm, 1-1/4\" x 6 ft., 5,5 and 15 a")
        #expect(text.words.map(\.surfaceText) == ["2", "5", "mm", "1", "1", "4", "x", "6", "ft", "5", "5", "and", "15", "a"])
        for token in text.tokens { #expect(token.range.upperBound <= text.normalized.count) }
    }

    @Test func numberPunctuationNeverTraps() {
        let alphabet = Array("0123456789 ./-,x\"'inftab\u{2033}\u{D7}")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let length = Int.random(in: 0...14, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let tokenized = TokenizedText(text)
            for token in tokenized.tokens {
                #expect(!token.surface.isEmpty)
                #expect(token.range.upperBound <= tokenized.normalized.count)
            }
            _ = QueryWords.parse(text)
        }
        #expect(queryTerms(String(repeating: "1,000", count: 2000)).count < 2000)
        #expect(queryTerms(String(repeating: "9", count: 400) + "/" + String(repeating: "9", count: 400)).count <= 2)
    }
}
