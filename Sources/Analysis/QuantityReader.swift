/// Reads a quantity from normalised text: a number, its unit, and the other numbers of a
/// dimension, so that each spelling of one size becomes the same index terms.
///
/// Grammar (bytes of normalised text, `s` = one or more spaces):
///
///     quantity  = measure { [s] ("x" | "×") [s] measure }        (at most 4 measures)
///     measure   = number [unit] [s label]                         (label: w, h, d or l before an x)
///     number    = mixed | fraction | decimal | thousands | european | digits
///     mixed     = digits ("-" | " ") digits "/" digits            ("1-1/4", "1 1/4"; proper fraction)
///     fraction  = digits "/" digits                               ("3/8", "5/4")
///     decimal   = digits "." digits                               ("2.5")
///     thousands = digits{1,3} ("," digits{3})+ ["." digits]      ("12,000", "1,299.99")
///     european  = digits "," digits{1,2}, not followed by "," digit  ("5,5"; "10,12,14" is a list)
///     unit      = ['-' | s] unit word ["."] [[s] qualified word ["."]]  |  '"'  |  "'"  |  ″ ′ ”
///
/// Every number gets one canonical text (`canonicalNumber`): a decimal without trailing zeros,
/// and fractions as their exact decimal when the denominator has no prime factor but 2 and 5
/// ("1/2" and "0.5" are "0.5", "1-1/4" and "1 1/4" and "5/4" are "1.25"), else reduced
/// ("1-1/3"). A number is never its digits joined: "2.5" is not "25", "1/2" is not "12".
///
/// This follows the idea of Lucene's WordDelimiterGraphFilter (keep the parts, add a joined
/// form) and of shop search engines' unit normalisation (one canonical unit per measure), with
/// the canonical forms chosen here. Reading is bounded: each call looks at most a few dozen
/// bytes past its start, and numbers too long for exact arithmetic are read as text.
struct QuantityReader {
    /// One number of a quantity with its unit, canonical.
    struct Measure {
        var number: [UInt8]
        var unit: [UInt8]?
        /// Where the number's text ends (a unit may follow).
        var numberEnd: Int
    }

    let text: UnsafeBufferPointer<UInt8>

    /// Parts longer than this are not read as fractions: the arithmetic stays far from overflow.
    private static let longestFractionPartDigits = 6
    static let mostMeasures = 4

    /// The quantity starting at `start` (a digit that starts a word) and the end of its text,
    /// or nil when the text there is no number.
    func read(at start: Int) -> (measures: [Measure], end: Int)? {
        var measures: [Measure] = []
        var position = start
        while measures.count < Self.mostMeasures {
            guard let (measure, end) = readMeasure(at: position) else { break }
            measures.append(measure)
            position = end
            // A dimension continues with "x" and a number.
            var next = skipLabel(after: end)
            next = skipSpaces(from: next)
            guard next < text.count, text[next] == UInt8(ascii: "x") || isTimesSign(at: next) else { break }
            next += text[next] == UInt8(ascii: "x") ? 1 : 2
            next = skipSpaces(from: next)
            guard next < text.count, isDigit(text[next]) else { break }
            position = next
        }
        guard !measures.isEmpty else { return nil }
        // A dimension's last label ("36 in. H") belongs to it.
        let end = measures.count > 1 ? skipLabel(after: position) : position
        return (measures, end)
    }

    /// A number and its unit at `start`, and where they end.
    private func readMeasure(at start: Int) -> (Measure, Int)? {
        guard let (number, numberEnd) = readNumber(at: start) else { return nil }
        if let (unit, unitEnd) = readUnit(at: numberEnd) {
            return (Measure(number: number, unit: unit, numberEnd: numberEnd), unitEnd)
        }
        return (Measure(number: number, unit: nil, numberEnd: numberEnd), numberEnd)
    }

    // MARK: Numbers

    /// The canonical text of the number at `start` and where it ends.
    func readNumber(at start: Int) -> ([UInt8], Int)? {
        guard start < text.count, isDigit(text[start]) else { return nil }
        let wholeEnd = digitsEnd(from: start)
        let whole = start..<wholeEnd
        guard wholeEnd < text.count else { return (Array(text[whole]), wholeEnd) }
        let separator = text[wholeEnd]
        // Mixed number: "1-1/4" or "1 1/4".
        if separator == UInt8(ascii: "-") || separator == UInt8(ascii: " "),
           let (numerator, denominator, end) = readFraction(at: wholeEnd + 1), numerator < denominator,
           let wholeValue = smallValue(whole) {
            return (Self.canonicalFraction(whole: wholeValue, numerator: numerator, denominator: denominator), end)
        }
        if separator == UInt8(ascii: "/"), let (numerator, denominator, end) = readFraction(at: start) {
            return (Self.canonicalFraction(whole: 0, numerator: numerator, denominator: denominator), end)
        }
        if separator == UInt8(ascii: "."), wholeEnd + 1 < text.count, isDigit(text[wholeEnd + 1]) {
            let fractionEnd = digitsEnd(from: wholeEnd + 1)
            return (Self.canonicalDecimal(whole: Array(text[whole]), fraction: Array(text[(wholeEnd + 1)..<fractionEnd])), fractionEnd)
        }
        if separator == UInt8(ascii: ","), wholeEnd + 1 < text.count, isDigit(text[wholeEnd + 1]) {
            return readComma(whole: whole)
        }
        return (Array(text[whole]), wholeEnd)
    }

    /// A number with a comma after its first digits: thousands ("12,000", "1,299.99"), a
    /// European decimal ("5,5", "2,75"), or just the digits before the comma (a list: "10,12,14").
    private func readComma(whole: Range<Int>) -> ([UInt8], Int) {
        let groupEnd = digitsEnd(from: whole.upperBound + 1)
        let groupDigits = groupEnd - whole.upperBound - 1
        let followedByCommaDigit = groupEnd + 1 < text.count && text[groupEnd] == UInt8(ascii: ",") && isDigit(text[groupEnd + 1])
        if groupDigits == 3, whole.count <= 3 {
            var digits = Array(text[whole])
            var position = whole.upperBound
            // At most six groups (10^21): longer runs are lists or noise, and the cap keeps
            // rereading from each later group of a rejected run linear.
            var groups = 0
            while groups < 6, position + 4 <= text.count, text[position] == UInt8(ascii: ","), digitsEnd(from: position + 1) == position + 4 {
                groups += 1
                digits.append(contentsOf: text[(position + 1)..<(position + 4)])
                position += 4
            }
            if position + 1 < text.count, text[position] == UInt8(ascii: "."), isDigit(text[position + 1]) {
                let fractionEnd = digitsEnd(from: position + 1)
                return (Self.canonicalDecimal(whole: digits, fraction: Array(text[(position + 1)..<fractionEnd])), fractionEnd)
            }
            return (digits, position)
        }
        if groupDigits <= 2, !followedByCommaDigit {
            return (Self.canonicalDecimal(whole: Array(text[whole]), fraction: Array(text[(whole.upperBound + 1)..<groupEnd])), groupEnd)
        }
        return (Array(text[whole]), whole.upperBound)
    }

    /// "n/d" at `start` with both parts short enough to compute with and d > 0.
    private func readFraction(at start: Int) -> (UInt64, UInt64, Int)? {
        guard start < text.count, isDigit(text[start]) else { return nil }
        let numeratorEnd = digitsEnd(from: start)
        guard numeratorEnd + 1 < text.count, text[numeratorEnd] == UInt8(ascii: "/"), isDigit(text[numeratorEnd + 1]) else { return nil }
        let denominatorEnd = digitsEnd(from: numeratorEnd + 1)
        guard let numerator = smallValue(start..<numeratorEnd),
              let denominator = smallValue((numeratorEnd + 1)..<denominatorEnd), denominator > 0 else { return nil }
        return (numerator, denominator, denominatorEnd)
    }

    private func smallValue(_ digits: Range<Int>) -> UInt64? {
        guard digits.count <= Self.longestFractionPartDigits else { return nil }
        return text[digits].reduce(0) { $0 * 10 + UInt64($1 - 0x30) }
    }

    /// "2.50" -> "2.5", "2.0" -> "2", "02.5" -> "2.5"; the whole part of a decimal loses its
    /// leading zeros but one.
    static func canonicalDecimal(whole: [UInt8], fraction: [UInt8]) -> [UInt8] {
        var whole = whole[...]
        while whole.count > 1, whole.first == UInt8(ascii: "0") { whole = whole.dropFirst() }
        var fraction = fraction[...]
        while fraction.last == UInt8(ascii: "0") { fraction = fraction.dropLast() }
        return fraction.isEmpty ? Array(whole) : Array(whole) + [UInt8(ascii: ".")] + Array(fraction)
    }

    /// whole + numerator/denominator as an exact decimal when there is one, else "w-n/d" reduced.
    /// All parts are below 10^6 (`longestFractionPartDigits`), so nothing overflows.
    static func canonicalFraction(whole: UInt64, numerator: UInt64, denominator: UInt64) -> [UInt8] {
        var divisor = greatestCommonDivisor(numerator, denominator)
        let total = whole * (denominator / divisor) + numerator / divisor
        let reduced = denominator / divisor
        divisor = reduced
        while divisor % 2 == 0 { divisor /= 2 }
        while divisor % 5 == 0 { divisor /= 5 }
        if divisor == 1 {
            // Terminates: a denominator of 2^a 5^b below 10^6 has at most 19 decimal places.
            var digits = Array(String(total / reduced).utf8)
            var remainder = total % reduced
            if remainder > 0 { digits.append(UInt8(ascii: ".")) }
            while remainder > 0 {
                remainder *= 10
                digits.append(UInt8(ascii: "0") + UInt8(remainder / reduced))
                remainder %= reduced
            }
            return digits
        }
        let wholePart = total / reduced
        let fraction = "\(total % reduced)/\(reduced)"
        return Array((wholePart > 0 ? "\(wholePart)-\(fraction)" : fraction).utf8)
    }

    private static func greatestCommonDivisor(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return max(a, 1)
    }

    // MARK: Units

    /// The canonical unit written at `start` (right after a number) and where it ends.
    private func readUnit(at start: Int) -> ([UInt8], Int)? {
        guard start < text.count else { return nil }
        let byte = text[start]
        if byte == UInt8(ascii: "\"") { return (Array("in".utf8), start + 1) }
        if byte == UInt8(ascii: "'") { return (Array("ft".utf8), start + 1) }
        // ″ (U+2033, which normalisation turns into ′′) and ” (U+201D) mark inches, ′
        // (U+2032) feet.
        if byte == 0xE2, start + 2 < text.count, text[start + 1] == 0x80 {
            switch text[start + 2] {
            case 0xB3, 0x9D: return (Array("in".utf8), start + 3)
            case 0xB2:
                if start + 5 < text.count, text[start + 3] == 0xE2, text[start + 4] == 0x80, text[start + 5] == 0xB2 {
                    return (Array("in".utf8), start + 6)
                }
                return (Array("ft".utf8), start + 3)
            default: return nil
            }
        }
        var wordStart = start
        if byte == UInt8(ascii: "-") {
            wordStart += 1
        } else if byte == UInt8(ascii: " ") {
            wordStart = skipSpaces(from: start)
        }
        return readUnitWord(at: wordStart)
    }

    /// A unit word (or two: "cu. ft.") at `start`, with its abbreviation point, and its end.
    private func readUnitWord(at start: Int) -> ([UInt8], Int)? {
        let end = lettersEnd(from: start)
        guard end > start else { return nil }
        var wordEnd = end
        // "2inx6in": the letters run into the dimension's x.
        if end < text.count, isDigit(text[end]) {
            guard text[end - 1] == UInt8(ascii: "x"), end - 1 > start else { return nil }
            wordEnd = end - 1
        } else if !isWordBoundary(end) {
            return nil
        }
        let word = Array(text[start..<wordEnd])
        if MeasurementUnit.isQualifier(word), wordEnd == end {
            var next = end
            if next < text.count, text[next] == UInt8(ascii: ".") { next += 1 }
            next = skipSpaces(from: next)
            let secondEnd = lettersEnd(from: next)
            if secondEnd > next, isWordBoundary(secondEnd),
               let second = MeasurementUnit.canonical(Array(text[next..<secondEnd])),
               let unit = MeasurementUnit.canonical(qualifier: word, unit: second) {
                return (unit, skipAbbreviationPoint(secondEnd))
            }
        }
        guard let unit = MeasurementUnit.canonical(word) else { return nil }
        // "2 in 1" is a two-in-one, not two inches.
        if unit == Array("in".utf8), wordEnd == end, start > 0, text[start - 1] == UInt8(ascii: " ") {
            let after = skipSpaces(from: end)
            if after > end, after < text.count, isDigit(text[after]) { return nil }
        }
        return (unit, wordEnd == end ? skipAbbreviationPoint(end) : wordEnd)
    }

    /// Past the point of an abbreviation ("in.", "ft."), unless a digit follows it.
    private func skipAbbreviationPoint(_ position: Int) -> Int {
        guard position < text.count, text[position] == UInt8(ascii: ".") else { return position }
        if position + 1 < text.count, isDigit(text[position + 1]) { return position }
        return position + 1
    }

    /// Past a dimension label ("30 in. W x 36 in. H") after `position`, or `position` itself.
    private func skipLabel(after position: Int) -> Int {
        let start = skipSpaces(from: position)
        guard start > position, start < text.count else { return position }
        switch text[start] {
        case UInt8(ascii: "w"), UInt8(ascii: "h"), UInt8(ascii: "d"), UInt8(ascii: "l"):
            let end = start + 1
            guard isWordBoundary(end) else { return position }
            return skipAbbreviationPoint(end)
        default:
            return position
        }
    }

    // MARK: Bytes

    private func isTimesSign(at position: Int) -> Bool {
        position + 1 < text.count && text[position] == 0xC3 && text[position + 1] == 0x97
    }

    /// True when no ASCII letter or digit continues a word at `position`; the tokenizer checks
    /// the whole quantity's end against its words, other scripts included.
    func isWordBoundary(_ position: Int) -> Bool {
        guard position < text.count else { return true }
        return !Tokenizer.isASCIIAlphanumeric(text[position])
    }

    private func digitsEnd(from start: Int) -> Int {
        var position = start
        while position < text.count, isDigit(text[position]) { position += 1 }
        return position
    }

    private func lettersEnd(from start: Int) -> Int {
        var position = start
        while position < text.count, Tokenizer.isASCIILetter(text[position]), position - start <= MeasurementUnit.longestUnitWordBytes {
            position += 1
        }
        return position
    }

    private func skipSpaces(from start: Int) -> Int {
        var position = start
        while position < text.count, text[position] == UInt8(ascii: " ") { position += 1 }
        return position
    }

    @inline(__always) private func isDigit(_ byte: UInt8) -> Bool { Tokenizer.isDigit(byte) }
}
