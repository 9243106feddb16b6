/// Numbers as shoppers type them in chat: the one grammar behind amounts of money
/// (`ChatMoney`), quantities and positions (`MessageParser.takeReferences`), so that "1,5"
/// means the same wherever it is written.
///
/// `Double(_:)` is no such grammar: it accepts "0x10", "nan" and "infinity", and knows no
/// separators, so "$1,5" once became $15 (commas were dropped) and "99999999999999999999 of
/// it" a product word (issue 11).
enum ChatNumber {
    /// What a token says as a number.
    enum Reading: Equatable {
        /// A value of at least 0, written with an optional `-` or `+` in front: finite, or
        /// infinite when the digits pass `Double`'s range. Never NaN.
        case value(Double, sign: Sign?)
        /// Digits with separators, an exponent or a suffix that break the grammar ("1,5000",
        /// "1,,5", "1.2.3", "1,5e3"): a number written wrong, not a word.
        case malformed
    }

    enum Sign: Equatable {
        case minus, plus
    }

    /// Multipliers a shopper writes after a number: "2k", "1.5m".
    private static let suffixes: [Character: Double] = ["k": 1_000, "m": 1_000_000]

    /// Reads `token` (lowercased and NFKC-folded by `MessageParser.tokens`) as a number.
    ///
    /// Grammar: an optional sign; digits of any script ("٣٠" is 30); then either a decimal
    /// point and digits, or a decimal comma and one or two digits ending the number ("1,5",
    /// "5,50": the European way), or thousands separators, a comma before every group of
    /// exactly three digits after a first group of one to three ("1,299", "12,345,678");
    /// "1,299.99" has both kinds of separators. A leading point or comma stands for a zero
    /// (".5", ",5"). Then an optional exponent `e[+-]digits` (not after a decimal comma) and an
    /// optional suffix `k` or `m`.
    ///
    /// Returns nil for no number at all ("0x10", "6ft", "1e", "nan", "x"): such tokens stay
    /// words. Returns `.malformed` when every character belongs to numbers but their order
    /// breaks the grammar: any comma that is neither kind of separator is such a case.
    static func read(_ token: Substring) -> Reading? {
        var text = token
        var sign: Sign?
        if let first = text.first, first == "-" || first == "+" {
            sign = first == "-" ? .minus : .plus
            text = text.dropFirst()
        }
        var multiplier = 1.0
        if let last = text.last, let suffix = suffixes[last] {
            multiplier = suffix
            text = text.dropLast()
        }
        let folded = String(text.map { decimalDigit($0) ?? $0 })
        guard let ascii = asciiNumber(Substring(folded)) else { return nil }
        guard let number = ascii else { return .malformed }
        // The grammar leaves Double nothing to reject: digits, one point, an exponent.
        guard let parsed = Double(number) else { return .malformed }
        let value = parsed * multiplier
        return value.isNaN ? .malformed : .value(value, sign: sign)
    }

    /// `text` (ASCII digits by now) as a decimal number Double reads exactly as meant; the
    /// outer nil for no number at all, the inner for a number written against the grammar.
    private static func asciiNumber(_ text: Substring) -> String?? {
        var mantissa = text
        var exponent = ""
        if let marker = text.firstIndex(of: "e") {
            mantissa = text[..<marker]
            let written = text[text.index(after: marker)...]
            let digits = written.first == "-" || written.first == "+" ? written.dropFirst() : written
            // "1e", "6e-" and "1e5e5" are words (or model names), not numbers.
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
            exponent = "e" + written
        }
        guard mantissa.contains(where: \.isASCIIDigit),
              mantissa.allSatisfy({ $0.isASCIIDigit || $0 == "," || $0 == "." }) else { return nil }
        let points = mantissa.filter { $0 == "." }.count
        guard points <= 1 else { return .some(nil) }
        var integer = mantissa
        var fraction: Substring = ""
        if let point = mantissa.firstIndex(of: ".") {
            integer = mantissa[..<point]
            fraction = mantissa[mantissa.index(after: point)...]
            guard !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigit) else { return .some(nil) }
        } else if let comma = mantissa.lastIndex(of: ","), mantissa[mantissa.index(after: comma)...].count <= 2 {
            // A decimal comma: one or two digits end the number, no other comma, no exponent.
            integer = mantissa[..<comma]
            fraction = mantissa[mantissa.index(after: comma)...]
            guard !fraction.isEmpty, !integer.contains(","), exponent.isEmpty else { return .some(nil) }
        }
        guard let digits = thousands(integer) else { return .some(nil) }
        let whole = digits.isEmpty ? "0" : digits
        return .some(whole + (fraction.isEmpty ? "" : "." + fraction) + exponent)
    }

    /// The digits of an integer part, without its thousands separators; nil when a comma is
    /// not one ("1,5000", "1,,5", "1,00,000", "1234,567").
    private static func thousands(_ integer: Substring) -> String? {
        guard integer.contains(",") else { return String(integer) }
        let groups = integer.split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count),
              groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        return groups.joined()
    }

    /// The ASCII digit of a decimal digit of any script ("٣" -> "3"), nil for anything
    /// else (superscripts and fractions are numbers, but not decimal digits).
    static func decimalDigit(_ character: Character) -> Character? {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first,
              scalar.properties.numericType == .decimal, let value = character.wholeNumberValue,
              (0...9).contains(value) else { return nil }
        return Character(String(value))
    }
}

extension Character {
    /// "0" to "9" only: digits of other scripts are folded to these first.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
