/// The Snowball English stemmer ("Porter2"), so that "headphones", "headphone" and
/// "headphone's" all index under one term.
///
/// Implemented from the algorithm description at
/// https://snowballstem.org/algorithms/english/stemmer.html, in its current form (the one the
/// `snowballstemmer` 3.x packages ship): besides gener/commun/arsen, the R1 prefixes past,
/// univers, later, emerg, organ and inter; "-ogist"; and the "dying"/"inning"/"proceed" style
/// exceptions folded into Step 1b. Tests check it against all 42,649 of Snowball's own vectors.
///
/// Input is lowercase UTF-8 (what `TextNormalizer` produces). The algorithm only knows English
/// letters, so a word with any non-ASCII byte is returned unchanged rather than half-stemmed.
///
/// The byte API is the indexer's hot path: a word is stemmed in a stack buffer with no heap
/// allocation; suffixes are found by switching on the last letter and then comparing a
/// handful of static strings, longest first, which is how Snowball's "longest match among"
/// rule is honoured. Measured: about 6 million words a second (~160 ns a word) over the
/// Snowball vocabulary in a release build, and no allocation per word under valgrind.
public enum EnglishStemmer {
    /// The stem of `word`.
    public static func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { bytes in
            var stemmed: [UInt8] = []
            stemmed.reserveCapacity(bytes.count)
            stem(bytes, into: &stemmed)
            return String(decoding: stemmed, as: UTF8.self)
        }
    }

    /// The stem of the UTF-8 bytes `word`.
    public static func stem(_ word: [UInt8]) -> [UInt8] {
        word.withUnsafeBufferPointer { bytes in
            var stemmed: [UInt8] = []
            stemmed.reserveCapacity(bytes.count)
            stem(bytes, into: &stemmed)
            return stemmed
        }
    }

    /// Appends the stem of `word` to `output`, keeping what `output` already holds.
    public static func stem(_ word: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        if word.count < 3 || !isASCII(word) {
            output.append(contentsOf: word)
            return
        }
        if appendExceptionalForm(of: word, to: &output) { return }

        // No step makes a word longer than it came in (every replacement is no longer than the
        // suffix it replaces, and Step 1b adds its "e" only after removing at least two
        // letters), so the input's length is enough room. Small sizes live on the stack.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count) { scratch in
            guard let storage = scratch.baseAddress else { return }
            var stemmingWord = StemmingWord(copying: word, into: storage)
            stemmingWord.stem()
            output.append(contentsOf: UnsafeBufferPointer(start: storage, count: stemmingWord.count))
        }
    }

    private static func isASCII(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        var combined: UInt8 = 0
        for byte in word { combined |= byte }
        return combined < 0x80
    }

    /// Whole words the rules would get wrong, with their stems (Snowball's "exception1").
    /// Checked before anything else, on the word exactly as given.
    private static func appendExceptionalForm(of word: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) -> Bool {
        let stem: StaticString
        switch word.count {
        case 3:
            guard equals(word, "sky") else { return false }
            stem = "sky"
        case 4:
            if equals(word, "skis") { stem = "ski" }
            else if equals(word, "idly") { stem = "idl" }
            else if equals(word, "ugly") { stem = "ugli" }
            else if equals(word, "only") { stem = "onli" }
            else if equals(word, "news") { stem = "news" }
            else if equals(word, "howe") { stem = "howe" }
            else if equals(word, "bias") { stem = "bias" }
            else { return false }
        case 5:
            if equals(word, "skies") { stem = "sky" }
            else if equals(word, "early") { stem = "earli" }
            else if equals(word, "atlas") { stem = "atlas" }
            else if equals(word, "andes") { stem = "andes" }
            else { return false }
        case 6:
            if equals(word, "gently") { stem = "gentl" }
            else if equals(word, "singly") { stem = "singl" }
            else if equals(word, "cosmos") { stem = "cosmos" }
            else { return false }
        default:
            return false
        }
        output.append(contentsOf: UnsafeBufferPointer(start: stem.utf8Start, count: stem.utf8CodeUnitCount))
        return true
    }

    private static func equals(_ word: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard word.count == literal.utf8CodeUnitCount else { return false }
        let literalBytes = literal.utf8Start
        for index in 0..<word.count where word[index] != literalBytes[index] { return false }
        return true
    }
}

/// A word being stemmed in place, with the two regions the rules consult.
///
/// `region1Start` and `region2Start` are Porter's R1 and R2, as offsets into the word: a
/// suffix counts as "in R1" when it starts at or after `region1Start`. They are fixed once,
/// before the suffix steps, as the algorithm prescribes; a region that starts at or beyond
/// the current end is empty.
private struct StemmingWord {
    private let letters: UnsafeMutablePointer<UInt8>
    private(set) var count: Int
    private var region1Start = 0
    private var region2Start = 0
    /// Whether the prelude turned some "y" into the consonant marker "Y", which the postlude
    /// must turn back.
    private var markedConsonantY = false

    private static let apostrophe = UInt8(ascii: "'")
    private static let consonantY = UInt8(ascii: "Y")

    /// Copies `word` to `storage`, which must hold at least `word.count` bytes, dropping one
    /// leading apostrophe (the prelude's first rule) on the way.
    init(copying word: UnsafeBufferPointer<UInt8>, into storage: UnsafeMutablePointer<UInt8>) {
        letters = storage
        var source = word[...]
        if source.first == Self.apostrophe { source = source.dropFirst() }
        count = source.count
        if let base = word.baseAddress, count > 0 {
            storage.update(from: base + source.startIndex, count: count)
        }
    }

    mutating func stem() {
        markConsonantY()
        markRegions()
        removePossessiveAndPlural()    // Step 1a
        removeEdIngEndings()           // Step 1b
        replaceFinalY()                // Step 1c
        replaceDerivationalSuffixes()  // Step 2
        replaceAdjectivalSuffixes()    // Step 3
        removeSuffixesInRegion2()      // Step 4
        removeFinalEOrL()              // Step 5
        unmarkConsonantY()
    }

    // MARK: Letters

    private static func isVowel(_ letter: UInt8) -> Bool {
        switch letter {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"),
             UInt8(ascii: "u"), UInt8(ascii: "y"):
            return true
        default:
            return false
        }
    }

    private func containsVowel(before end: Int) -> Bool {
        var index = 0
        while index < end {
            if Self.isVowel(letters[index]) { return true }
            index += 1
        }
        return false
    }

    private func endsWith(_ suffix: StaticString) -> Bool {
        endsWith(suffix, at: count)
    }

    /// Whether the letters just before offset `end` spell `suffix`.
    private func endsWith(_ suffix: StaticString, at end: Int) -> Bool {
        let length = suffix.utf8CodeUnitCount
        guard end >= length else { return false }
        let suffixBytes = suffix.utf8Start
        let start = end - length
        for index in 0..<length where letters[start + index] != suffixBytes[index] { return false }
        return true
    }

    /// Whether the first `end` letters are exactly `prefix`.
    private func startsExactly(_ prefix: StaticString, end: Int) -> Bool {
        end == prefix.utf8CodeUnitCount && endsWith(prefix, at: end)
    }

    /// Replaces the last `suffixLength` letters with `replacement`, which is no longer.
    private mutating func replaceSuffix(length suffixLength: Int, with replacement: StaticString) {
        let start = count - suffixLength
        let replacementLength = replacement.utf8CodeUnitCount
        (letters + start).update(from: replacement.utf8Start, count: replacementLength)
        count = start + replacementLength
    }

    private mutating func replaceSuffix(length suffixLength: Int, with replacement: StaticString, ifStartsAtOrAfter regionStart: Int) {
        guard count - suffixLength >= regionStart else { return }
        replaceSuffix(length: suffixLength, with: replacement)
    }

    private mutating func removeSuffix(length suffixLength: Int, ifStartsAtOrAfter regionStart: Int) {
        guard count - suffixLength >= regionStart else { return }
        count -= suffixLength
    }

    /// Porter's "short syllable" ending at offset `end`: consonant, vowel, consonant other than
    /// w, x or Y ("hop"); or, at the very start of the word, vowel then consonant ("at").
    /// "past" also counts, so that "pasted" and "pasting" come back to "paste".
    private func endsWithShortSyllable(at end: Int) -> Bool {
        if end >= 3 {
            let last = letters[end - 1]
            if !Self.isVowel(last), last != UInt8(ascii: "w"), last != UInt8(ascii: "x"), last != Self.consonantY,
               Self.isVowel(letters[end - 2]), !Self.isVowel(letters[end - 3]) {
                return true
            }
        }
        if end == 2, Self.isVowel(letters[0]), !Self.isVowel(letters[1]) { return true }
        return endsWith("past", at: end)
    }

    // MARK: Prelude, regions and postlude

    /// A "y" at the start or after a vowel acts as a consonant ("yes", "toy"); it becomes "Y"
    /// so that the vowel tests below skip it. "Y" itself is not a vowel, so in "sayyid" only the
    /// first "y" is marked.
    private mutating func markConsonantY() {
        for index in 0..<count where letters[index] == UInt8(ascii: "y") {
            if index == 0 || Self.isVowel(letters[index - 1]) {
                letters[index] = Self.consonantY
                markedConsonantY = true
            }
        }
    }

    private mutating func unmarkConsonantY() {
        guard markedConsonantY else { return }
        for index in 0..<count where letters[index] == Self.consonantY {
            letters[index] = UInt8(ascii: "y")
        }
    }

    /// The offset just past the first non-vowel that follows a vowel, searching from `start`;
    /// `count` if there is none.
    private func endOfFirstVowelConsonantPair(from start: Int) -> Int {
        var index = start
        while index < count, !Self.isVowel(letters[index]) { index += 1 }
        while index < count, Self.isVowel(letters[index]) { index += 1 }
        return index < count ? index + 1 : count
    }

    /// R1 starts after the first vowel-consonant pair, R2 after the next one. Some common
    /// prefixes set R1 themselves, since the usual rule would cut into the stem and merge
    /// unrelated words (generous/generate, universe/universal, intern/interval).
    private mutating func markRegions() {
        region1Start = lengthOfPrefixEndingRegion1() ?? endOfFirstVowelConsonantPair(from: 0)
        region2Start = endOfFirstVowelConsonantPair(from: region1Start)
    }

    private func lengthOfPrefixEndingRegion1() -> Int? {
        // No listed prefix begins another, so the first match is the only one.
        if startsWith("gener") { return 5 }
        if startsWith("commun") { return 6 }
        if startsWith("arsen") { return 5 }
        if startsWith("past") { return 4 }
        if startsWith("univers") { return 7 }
        if startsWith("later") { return 5 }
        if startsWith("emerg") { return 5 }
        if startsWith("organ") { return 5 }
        if startsWith("inter") { return 5 }
        return nil
    }

    private func startsWith(_ prefix: StaticString) -> Bool {
        count >= prefix.utf8CodeUnitCount && endsWith(prefix, at: prefix.utf8CodeUnitCount)
    }

    // MARK: Steps

    /// Step 1a: possessive apostrophes, then plural "-s" forms.
    private mutating func removePossessiveAndPlural() {
        if endsWith("'s'") { count -= 3 }
        else if endsWith("'s") { count -= 2 }
        else if endsWith("'") { count -= 1 }

        if endsWith("sses") {
            count -= 2
        } else if endsWith("ied") || endsWith("ies") {
            // "cries" -> "cri" but "ties" -> "tie": keep the "e" after a single letter.
            count -= count > 4 ? 2 : 1
        } else if endsWith("ss") || endsWith("us") {
            return
        } else if endsWith("s") {
            // "gaps" -> "gap" but "gas" stays: the letter right before the "s" does not count
            // as the vowel a stem needs.
            if containsVowel(before: count - 2) { count -= 1 }
        }
    }

    /// Step 1b: "-eed", "-ed", "-ing" and their "-ly" forms.
    private mutating func removeEdIngEndings() {
        let eedLength = endsWith("eedly") ? 5 : endsWith("eed") ? 3 : 0
        if eedLength > 0 {
            let stemEnd = count - eedLength
            // "proceed", "exceed" and "succeed" are words, not "-eed" forms.
            if startsExactly("proc", end: stemEnd) || startsExactly("exc", end: stemEnd) || startsExactly("succ", end: stemEnd) {
                return
            }
            replaceSuffix(length: eedLength, with: "ee", ifStartsAtOrAfter: region1Start)
            return
        }

        let suffixLength: Int
        if endsWith("ingly") {
            suffixLength = 5
        } else if endsWith("edly") {
            suffixLength = 4
        } else if endsWith("ing") {
            let stemEnd = count - 3
            // "dying", "lying", "tying", "vying": one consonant then "y".
            if stemEnd == 2, letters[1] == UInt8(ascii: "y"), !Self.isVowel(letters[0]) {
                replaceSuffix(length: 4, with: "ie")
                return
            }
            // Words that only look like "-ing" forms.
            if startsExactly("inn", end: stemEnd) || startsExactly("out", end: stemEnd) || startsExactly("cann", end: stemEnd)
                || startsExactly("herr", end: stemEnd) || startsExactly("earr", end: stemEnd) || startsExactly("even", end: stemEnd) {
                return
            }
            suffixLength = 3
        } else if endsWith("ed") {
            suffixLength = 2
        } else {
            return
        }

        let stemEnd = count - suffixLength
        guard containsVowel(before: stemEnd) else { return }
        count = stemEnd

        // Tidy the stem that is left: "luxuriat" -> "luxuriate", "hopp" -> "hop",
        // "hop" (from "hoped") -> "hope".
        if endsWith("at") || endsWith("bl") || endsWith("iz") {
            appendE()
        } else if endsWithRemovableDoubleConsonant() {
            // "add", "egg" and "odd" keep theirs: the stem would be a single letter.
            let isVowelPlusDouble = count == 3
                && (letters[0] == UInt8(ascii: "a") || letters[0] == UInt8(ascii: "e") || letters[0] == UInt8(ascii: "o"))
            if !isVowelPlusDouble { count -= 1 }
        } else if count == region1Start && endsWithShortSyllable(at: count) {
            appendE()
        }
    }

    private mutating func appendE() {
        letters[count] = UInt8(ascii: "e")
        count += 1
    }

    /// bb, dd, ff, gg, mm, nn, pp, rr or tt (other doubles, like "ll" or "ss", are real).
    private func endsWithRemovableDoubleConsonant() -> Bool {
        guard count >= 2, letters[count - 1] == letters[count - 2] else { return false }
        switch letters[count - 1] {
        case UInt8(ascii: "b"), UInt8(ascii: "d"), UInt8(ascii: "f"), UInt8(ascii: "g"), UInt8(ascii: "m"),
             UInt8(ascii: "n"), UInt8(ascii: "p"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return true
        default:
            return false
        }
    }

    /// Step 1c: a final "y" after a consonant becomes "i" ("cry" -> "cri"), unless that
    /// consonant is the first letter ("by").
    private mutating func replaceFinalY() {
        guard count >= 3 else { return }
        let last = letters[count - 1]
        guard last == UInt8(ascii: "y") || last == Self.consonantY, !Self.isVowel(letters[count - 2]) else { return }
        letters[count - 1] = UInt8(ascii: "i")
    }

    /// Step 2: derivational suffixes in R1 ("-ization" -> "-ize", "-fulness" -> "-ful").
    private mutating func replaceDerivationalSuffixes() {
        guard count > 0 else { return }
        let r1 = region1Start
        switch letters[count - 1] {
        case UInt8(ascii: "l"):
            if endsWith("ational") { replaceSuffix(length: 7, with: "ate", ifStartsAtOrAfter: r1) }
            else if endsWith("tional") { replaceSuffix(length: 6, with: "tion", ifStartsAtOrAfter: r1) }
        case UInt8(ascii: "n"):
            if endsWith("ization") { replaceSuffix(length: 7, with: "ize", ifStartsAtOrAfter: r1) }
            else if endsWith("ation") { replaceSuffix(length: 5, with: "ate", ifStartsAtOrAfter: r1) }
        case UInt8(ascii: "r"):
            if endsWith("izer") { replaceSuffix(length: 4, with: "ize", ifStartsAtOrAfter: r1) }
            else if endsWith("ator") { replaceSuffix(length: 4, with: "ate", ifStartsAtOrAfter: r1) }
        case UInt8(ascii: "m"):
            if endsWith("alism") { replaceSuffix(length: 5, with: "al", ifStartsAtOrAfter: r1) }
        case UInt8(ascii: "s"):
            if endsWith("iveness") { replaceSuffix(length: 7, with: "ive", ifStartsAtOrAfter: r1) }
            else if endsWith("fulness") { replaceSuffix(length: 7, with: "ful", ifStartsAtOrAfter: r1) }
            else if endsWith("ousness") { replaceSuffix(length: 7, with: "ous", ifStartsAtOrAfter: r1) }
        case UInt8(ascii: "t"):
            if endsWith("ogist") { replaceSuffix(length: 5, with: "og", ifStartsAtOrAfter: r1) }
        case UInt8(ascii: "i"):
            replaceDerivationalSuffixEndingInI()
        default:
            break
        }
    }

    private mutating func replaceDerivationalSuffixEndingInI() {
        let r1 = region1Start
        if endsWith("lessli") { replaceSuffix(length: 6, with: "less", ifStartsAtOrAfter: r1) }
        else if endsWith("biliti") { replaceSuffix(length: 6, with: "ble", ifStartsAtOrAfter: r1) }
        else if endsWith("fulli") { replaceSuffix(length: 5, with: "ful", ifStartsAtOrAfter: r1) }
        else if endsWith("ousli") { replaceSuffix(length: 5, with: "ous", ifStartsAtOrAfter: r1) }
        else if endsWith("entli") { replaceSuffix(length: 5, with: "ent", ifStartsAtOrAfter: r1) }
        else if endsWith("aliti") { replaceSuffix(length: 5, with: "al", ifStartsAtOrAfter: r1) }
        else if endsWith("iviti") { replaceSuffix(length: 5, with: "ive", ifStartsAtOrAfter: r1) }
        else if endsWith("enci") { replaceSuffix(length: 4, with: "ence", ifStartsAtOrAfter: r1) }
        else if endsWith("anci") { replaceSuffix(length: 4, with: "ance", ifStartsAtOrAfter: r1) }
        else if endsWith("abli") { replaceSuffix(length: 4, with: "able", ifStartsAtOrAfter: r1) }
        else if endsWith("alli") { replaceSuffix(length: 4, with: "al", ifStartsAtOrAfter: r1) }
        else if endsWith("bli") { replaceSuffix(length: 3, with: "ble", ifStartsAtOrAfter: r1) }
        else if endsWith("ogi") {
            // "-logi" -> "-log" ("analogi"), but not "yogi".
            if count - 3 >= r1, endsWith("l", at: count - 3) { replaceSuffix(length: 3, with: "og") }
        } else if endsWith("li") {
            // "-li" goes only after letters that can precede "-ly" in English.
            if count - 2 >= r1, count >= 3, Self.isValidBeforeLi(letters[count - 3]) { count -= 2 }
        }
    }

    private static func isValidBeforeLi(_ letter: UInt8) -> Bool {
        switch letter {
        case UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "g"), UInt8(ascii: "h"),
             UInt8(ascii: "k"), UInt8(ascii: "m"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return true
        default:
            return false
        }
    }

    /// Step 3: adjectival suffixes in R1 ("-ical" -> "-ic", "-ness" removed).
    private mutating func replaceAdjectivalSuffixes() {
        guard count > 0 else { return }
        let r1 = region1Start
        switch letters[count - 1] {
        case UInt8(ascii: "l"):
            if endsWith("ational") { replaceSuffix(length: 7, with: "ate", ifStartsAtOrAfter: r1) }
            else if endsWith("tional") { replaceSuffix(length: 6, with: "tion", ifStartsAtOrAfter: r1) }
            else if endsWith("ical") { replaceSuffix(length: 4, with: "ic", ifStartsAtOrAfter: r1) }
            else if endsWith("ful") { removeSuffix(length: 3, ifStartsAtOrAfter: r1) }
        case UInt8(ascii: "e"):
            if endsWith("alize") { replaceSuffix(length: 5, with: "al", ifStartsAtOrAfter: r1) }
            else if endsWith("icate") { replaceSuffix(length: 5, with: "ic", ifStartsAtOrAfter: r1) }
            else if endsWith("ative") {
                // "-ative" needs R2 as well, or "creative" would lose it.
                removeSuffix(length: 5, ifStartsAtOrAfter: max(r1, region2Start))
            }
        case UInt8(ascii: "i"):
            if endsWith("iciti") { replaceSuffix(length: 5, with: "ic", ifStartsAtOrAfter: r1) }
        case UInt8(ascii: "s"):
            if endsWith("ness") { removeSuffix(length: 4, ifStartsAtOrAfter: r1) }
        default:
            break
        }
    }

    /// Step 4: residual suffixes, removed when they lie in R2.
    private mutating func removeSuffixesInRegion2() {
        guard count > 0 else { return }
        let r2 = region2Start
        switch letters[count - 1] {
        case UInt8(ascii: "l"):
            if endsWith("al") { removeSuffix(length: 2, ifStartsAtOrAfter: r2) }
        case UInt8(ascii: "e"):
            if endsWith("ance") || endsWith("ence") || endsWith("able") || endsWith("ible") {
                removeSuffix(length: 4, ifStartsAtOrAfter: r2)
            } else if endsWith("ate") || endsWith("ive") || endsWith("ize") {
                removeSuffix(length: 3, ifStartsAtOrAfter: r2)
            }
        case UInt8(ascii: "r"):
            if endsWith("er") { removeSuffix(length: 2, ifStartsAtOrAfter: r2) }
        case UInt8(ascii: "c"):
            if endsWith("ic") { removeSuffix(length: 2, ifStartsAtOrAfter: r2) }
        case UInt8(ascii: "t"):
            // Longest first: a failed "-ement" does not fall back to "-ment" ("agreement").
            if endsWith("ement") { removeSuffix(length: 5, ifStartsAtOrAfter: r2) }
            else if endsWith("ment") { removeSuffix(length: 4, ifStartsAtOrAfter: r2) }
            else if endsWith("ent") || endsWith("ant") { removeSuffix(length: 3, ifStartsAtOrAfter: r2) }
        case UInt8(ascii: "m"):
            if endsWith("ism") { removeSuffix(length: 3, ifStartsAtOrAfter: r2) }
        case UInt8(ascii: "i"):
            if endsWith("iti") { removeSuffix(length: 3, ifStartsAtOrAfter: r2) }
        case UInt8(ascii: "s"):
            if endsWith("ous") { removeSuffix(length: 3, ifStartsAtOrAfter: r2) }
        case UInt8(ascii: "n"):
            // "-ion" only after s or t ("adoption", "confession"), not "champion".
            if endsWith("ion"), count - 3 >= r2, endsWith("s", at: count - 3) || endsWith("t", at: count - 3) {
                count -= 3
            }
        default:
            break
        }
    }

    /// Step 5: a final "e" in R2, or in R1 unless it follows a short syllable ("hope" keeps
    /// it); a final "l" of "ll" in R2.
    private mutating func removeFinalEOrL() {
        guard count > 0 else { return }
        let lastIndex = count - 1
        switch letters[lastIndex] {
        case UInt8(ascii: "e"):
            if lastIndex >= region2Start || (lastIndex >= region1Start && !endsWithShortSyllable(at: lastIndex)) {
                count -= 1
            }
        case UInt8(ascii: "l"):
            if lastIndex >= region2Start, endsWith("l", at: lastIndex) { count -= 1 }
        default:
            break
        }
    }
}
