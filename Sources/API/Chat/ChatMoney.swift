import Foundation
import Query

/// Amounts of money in chat text, read and written: what "under $1,299.99", "2k" or "$1.5m"
/// mean, and how the assistant writes a price back.
///
/// Reading has a grammar of its own instead of `Double(_:)`, which also accepts "0x10", "nan"
/// and "infinity" and gives values far beyond any price: "headphones under $1e19" once reached
/// `Int(_:)` in the reply and trapped the whole server (issue 11). Every value read here is a
/// finite number of dollars from 0 to `SearchFilter.maximumPrice`, or a reason it is not.
enum ChatMoney {
    /// What a token says as an amount of money.
    enum Reading: Equatable {
        /// Dollars, rounded to whole cents, from 0 to `SearchFilter.maximumPrice`.
        case dollars(Double)
        /// A number above the highest price the index holds (infinite ones included).
        case tooHigh
        /// Written as money ("$-5", "$inf", "nan" after "under") but not a price.
        case unreadable
    }

    /// Multipliers a shopper writes after an amount: "2k", "1.5m".
    private static let suffixes: [Character: Double] = ["k": 1_000, "m": 1_000_000]
    private static let nonNumbers: Set<Substring> = ["nan", "inf", "infinity"]

    /// Reads a chat token (lowercased and NFKC-folded by `MessageParser.tokens`) as money.
    ///
    /// Grammar: an optional `$` before or after; digits (any script's decimal digits, so
    /// "٣٠" is 30) with `,` between them as thousands separators; an optional `.` and
    /// digits; an optional exponent `e[+-]digits`; an optional suffix `k` or `m`.
    /// Returns nil when the token is no amount at all ("0x10", "6ft", "nan" among product
    /// words), so that it stays a product word. `afterPriceWord` says the token follows
    /// "under", "between" and the like, where "nan" or "inf" can only be a failed price.
    static func read(_ token: String, afterPriceWord: Bool) -> Reading? {
        var text = Substring(token)
        var isMarkedAsMoney = afterPriceWord
        if text.hasPrefix("$") {
            text = text.dropFirst()
            isMarkedAsMoney = true
        } else if text.hasSuffix("$") {
            text = text.dropLast()
            isMarkedAsMoney = true
        }
        if nonNumbers.contains(text) || text.first == "-" || text.first == "+" {
            return isMarkedAsMoney ? .unreadable : nil
        }
        var multiplier = 1.0
        if let last = text.last, let suffix = suffixes[last] {
            multiplier = suffix
            text = text.dropLast()
        }
        guard let number = asciiNumber(text) else {
            // "$0x10" or "$5abc" is money written wrong; "0x10" alone is just a word.
            return token.hasPrefix("$") && token.contains(where: \.isNumber) ? .unreadable : nil
        }
        // The grammar leaves Double nothing it could reject; a failure would be no amount.
        guard let parsed = Double(number) else { return nil }
        let dollars = parsed * multiplier
        guard dollars.isFinite, dollars <= SearchFilter.maximumPrice else { return .tooHigh }
        return .dollars((dollars * 100).rounded() / 100)
    }

    /// `text` as an ASCII decimal number Double reads exactly as written, or nil when it
    /// breaks the grammar of `read`. Separators are dropped; digits of any script become
    /// ASCII digits.
    private static func asciiNumber(_ text: Substring) -> String? {
        var number = ""
        var integerDigits = 0
        var fractionDigits: Int?
        var exponentDigits: Int?
        var previous: Character?
        for character in text {
            defer { previous = character }
            if let digit = decimalDigit(character) {
                number.append(digit)
                if exponentDigits != nil {
                    exponentDigits? += 1
                } else if fractionDigits != nil {
                    fractionDigits? += 1
                } else {
                    integerDigits += 1
                }
                continue
            }
            switch character {
            case ",":
                guard integerDigits > 0, fractionDigits == nil, exponentDigits == nil else { return nil }
            case ".":
                guard integerDigits > 0, fractionDigits == nil, exponentDigits == nil else { return nil }
                fractionDigits = 0
                number.append(".")
            case "e":
                guard integerDigits > 0, exponentDigits == nil, fractionDigits != 0 else { return nil }
                exponentDigits = 0
                number.append("e")
            case "-", "+":
                guard previous == "e", exponentDigits == 0 else { return nil }
                number.append(character)
            default:
                return nil
            }
        }
        guard integerDigits > 0, fractionDigits != 0, exponentDigits != 0, previous != "," else { return nil }
        return number
    }

    /// The ASCII digit of a decimal digit of any script ("٣" -> "3"), nil for anything
    /// else (superscripts and fractions are numbers, but not decimal digits).
    private static func decimalDigit(_ character: Character) -> Character? {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first,
              scalar.properties.numericType == .decimal, let value = character.wholeNumberValue,
              (0...9).contains(value) else { return nil }
        return Character(String(value))
    }

    /// "$39.99", "$1000", "$42949672.94": whole dollars without cents. Total over Double:
    /// values too large for an exact integer are written without going through one.
    static func format(_ dollars: Double) -> String {
        guard dollars.isFinite else { return dollars.isNaN ? "an unknown amount" : "an unlimited amount" }
        let sign = dollars < 0 ? "-" : ""
        let magnitude = abs(dollars)
        // Below 2^53 / 100 every cent count is an exact integer, so the conversion is safe.
        guard magnitude < 9e13 else { return sign + String(format: "$%.0f", magnitude) }
        let cents = Int64((magnitude * 100).rounded())
        return cents % 100 == 0 ? "\(sign)$\(cents / 100)" : sign + String(format: "$%lld.%02lld", cents / 100, cents % 100)
    }
}
