/// Invented names that make the catalog's vocabulary grow with its size: brand-like words
/// built from syllables ("Velotrax", "Priquis") and model codes ("WH-1000XM5", "QC45", "ZX-450").
///
/// Words are computed from a number, never stored, so the generator keeps no state per name
/// however many products it writes.
enum SyntheticNames {
    private static let syllables = CatalogVocabulary.syllables
    private static let capitalizedSyllables = CatalogVocabulary.syllables.map { $0.prefix(1).uppercased() + $0.dropFirst() }
    private static let endings = CatalogVocabulary.syllableEndings

    /// The word numbered `number` (0 or more). Numbers are taken in tiers of two, three, four...
    /// syllables plus an ending; distinct numbers spell distinct words (the syllables split one
    /// way only, see `CatalogVocabulary.syllables`).
    static func word(_ number: Int) -> String {
        var remaining = max(0, number)
        var syllableCount = 2
        var tierSize = syllables.count * syllables.count * endings.count
        while remaining >= tierSize, syllableCount < 6 {
            remaining -= tierSize
            syllableCount += 1
            tierSize *= syllables.count
        }
        // Multiplying by a prime that shares no factor with the tier size (a product of 48s and
        // 8) permutes the tier, so consecutive numbers do not share their first syllables.
        var code = (remaining % tierSize * 7919 + 104_729) % tierSize
        var word = ""
        for position in 0..<syllableCount {
            let syllable = code % syllables.count
            code /= syllables.count
            word += position == 0 ? capitalizedSyllables[syllable] : syllables[syllable]
        }
        word += endings[code % endings.count]
        return word
    }

    private static let letters = Array("ABCDEFGHJKLMNPQRSTVWXZ").map(String.init)

    /// A model code in one of the shapes real shops show: "WH-1000XM5", "ZX-450", "QC45", "X500".
    static func modelCode(using random: inout SplitMix64) -> String {
        var code = ""
        switch random.below(10) {
        case 0..<3:  // letters, hyphen, number: "ZX-450"
            appendLetters(2, to: &code, using: &random)
            code += "-"
            appendNumber(digits: random.within(3...4), to: &code, using: &random)
        case 3..<5:  // letters, hyphen, number, letters and a generation digit: "WH-1000XM5"
            appendLetters(2, to: &code, using: &random)
            code += "-"
            appendNumber(digits: random.within(3...4), to: &code, using: &random)
            appendLetters(random.within(1...2), to: &code, using: &random)
            code += String(random.within(2...9))
        case 5..<8:  // letters glued to a number: "QC45", "MX300"
            appendLetters(random.within(2...3), to: &code, using: &random)
            appendNumber(digits: random.within(2...3), to: &code, using: &random)
        default:  // one letter and a number, sometimes a suffix: "X500", "G7s"
            appendLetters(1, to: &code, using: &random)
            appendNumber(digits: random.within(1...3), to: &code, using: &random)
            if random.chance(percent: 40) { code += random.pick(["s", "X", "+", " Pro", " Max", " Lite"], or: "") }
        }
        return code
    }

    private static func appendLetters(_ count: Int, to code: inout String, using random: inout SplitMix64) {
        for _ in 0..<count { code += letters[random.below(letters.count)] }
    }

    /// A number of `digits` digits without a leading zero, often rounded the way product lines
    /// are numbered (450, 1000, 7).
    private static func appendNumber(digits: Int, to code: inout String, using random: inout SplitMix64) {
        var number = random.within(1...9)
        for _ in 1..<max(1, digits) { number = number * 10 + random.below(10) }
        if digits >= 3, random.chance(percent: 50) { number -= number % (digits == 3 ? 10 : 100) }
        code += String(number)
    }
}
